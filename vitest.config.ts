import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { fakeModelsPort } from "./test/fake/port.mjs";

// The fake model servers (test/fake/) listen here; the Worker reaches them through these bindings.
const fakePort = await fakeModelsPort();
const fakeBase = `http://127.0.0.1:${fakePort}`;

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          JOXCODER_ENDPOINT_URL: `${fakeBase}/hf`,
          JOXCODER_MODEL: "joxcoder-test",
          HF_TOKEN: "hf_fake_deployment_token",
          OPENAI_BASE_URL: `${fakeBase}/openai/v1`,
          ANTHROPIC_BASE_URL: `${fakeBase}/anthropic`,
          KEYS_ENCRYPTION_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        },
        // Tests never reach the network: anything not faked at the wire fails loudly.
        outboundService: async (request: Request) => {
          const url = new URL(request.url);
          if (url.hostname === "127.0.0.1" && url.port === String(fakePort)) {
            // Miniflare's Request is not Node's: pass it on field by field (bodies here are small JSON).
            const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
            return fetch(request.url, { method: request.method, headers: request.headers, body });
          }
          return new Response(`blocked outbound request to ${url.host}`, { status: 599 });
        },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/fake/global-setup.mjs"],
    // The JSON report is what .ci/run counts.
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    // One shared runtime instead of one per file: several times faster on two cores.
    isolate: false,
    // The product's structured log lines are for Workers Logs, not for test output.
    onConsoleLog: (line) => !line.startsWith('{"event":'),
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { fetch as loopbackFetch } from "miniflare";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        // Tests never reach the network: fakes at the wire listen on loopback (started in a
        // globalSetup); anything else fails loudly.
        outboundService: (request: Request) => {
          const { hostname, host } = new URL(request.url);
          // miniflare's own fetch: Node's cannot take miniflare's Request objects.
          if (hostname === "127.0.0.1" || hostname === "localhost") return loopbackFetch(request);
          return new Response(`blocked outbound request to ${host}`, { status: 599 });
        },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
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

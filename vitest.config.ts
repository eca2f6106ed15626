import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        // Tests never reach the network: anything not faked at the wire fails loudly.
        // The fakes started by globalSetup listen on 127.0.0.1 and are the only way out.
        outboundService: async (request: Request) => {
          if (new URL(request.url).hostname !== "127.0.0.1") {
            return new Response(`blocked outbound request to ${new URL(request.url).host}`, { status: 599 });
          }
          // Re-made here: miniflare's Request comes from another copy of undici than Node's fetch.
          const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
          return fetch(request.url, { method: request.method, headers: request.headers, body });
        },
        bindings: {
          // Billing: a fake Stripe (test/setup/fake-stripe.mjs) and test-only secrets.
          STRIPE_API_BASE: inject<string>("stripeApiBase"),
          STRIPE_SECRET_KEY: "sk_test_autocrea",
          STRIPE_WEBHOOK_SECRET: "whsec_test_autocrea",
          // The suite sends many requests from one client; test/rate-limits.test.ts lowers these per request.
          RATE_API_PER_MINUTE: "100000",
          RATE_WEBHOOK_PER_MINUTE: "100000",
        },
      },
    })),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/fake-stripe.mjs"],
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

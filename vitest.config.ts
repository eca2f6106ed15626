import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { Response as MiniflareResponse, fetch as loopbackFetch } from "miniflare";
import type { Request as MiniflareRequest } from "miniflare";
import { defineConfig } from "vitest/config";
import { fakeModelsPort } from "./test/fake/port.mjs";

// The fake model servers (test/fake/) listen here; the Worker reaches them through these bindings.
const fakePort = await fakeModelsPort();
const fakeBase = `http://127.0.0.1:${fakePort}`;
// The D1 schema, applied inside workerd by test/helpers/d1-setup.ts before each file's tests.
const d1Migrations = await readD1Migrations("./migrations");

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          // wrangler.toml defaults to production; the tests, like `npm start`, run development.
          ENVIRONMENT: "development",
          // Chat front-ends talk to fakes of their APIs (test/fake/chat-server.ts).
          DISCORD_PUBLIC_KEY: inject("discordPublicKey"),
          DISCORD_BOT_TOKEN: "test-discord-bot-token",
          DISCORD_API_BASE: `${inject("chatFakeUrl")}/discord`,
          TELEGRAM_BOT_TOKEN: "123456:test-telegram-token",
          TELEGRAM_WEBHOOK_SECRET: "test-telegram-secret",
          TELEGRAM_API_ROOT: inject("chatFakeUrl"),
          TELEGRAM_BOT_INFO: JSON.stringify({ id: 123456, is_bot: true, first_name: "AUTOCREA", username: "autocrea_bot" }),
          // Billing: a fake Stripe (test/fake/stripe-server.mjs) and test-only secrets.
          STRIPE_API_BASE: inject<string>("stripeApiBase"),
          STRIPE_SECRET_KEY: "sk_test_autocrea",
          STRIPE_WEBHOOK_SECRET: "whsec_test_autocrea",
          // The suite sends many requests from one client; test/workers/lib/rate-limits.test.ts lowers these per request.
          RATE_API_PER_MINUTE: "100000",
          RATE_WEBHOOK_PER_MINUTE: "100000",
          // Low enough that test/durable-objects/project-room/viewer-limits.test.ts reaches them.
          MAX_VIEWERS_PER_PROJECT: "6",
          MAX_SHARE_VIEWERS_PER_IP: "2",
          // Models: fake Hugging Face, OpenAI and Anthropic servers (test/fake/).
          JOXCODER_ENDPOINT_URL: `${fakeBase}/hf`,
          JOXCODER_MODEL: "joxcoder-test",
          HF_TOKEN: "hf_fake_deployment_token",
          OPENAI_BASE_URL: `${fakeBase}/openai/v1`,
          ANTHROPIC_BASE_URL: `${fakeBase}/anthropic`,
          // GitHub exports: a fake of its REST API (test/fake/github-server.mjs).
          GITHUB_API_BASE: inject<string>("githubApiBase"),
          KEYS_ENCRYPTION_KEY: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
          // Test-only: the migrations for the setup file (not a product binding).
          TEST_D1_MIGRATIONS: d1Migrations,
        },
        // Tests never reach the network: fakes at the wire listen on loopback (started in a
        // globalSetup); anything else fails loudly.
        outboundService: (request: MiniflareRequest) => {
          const { hostname, host } = new URL(request.url);
          // miniflare's own fetch: Node's cannot take miniflare's Request objects.
          if (hostname === "127.0.0.1" || hostname === "localhost") return loopbackFetch(request);
          return new MiniflareResponse(`blocked outbound request to ${host}`, { status: 599 });
        },
      },
    })),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/helpers/d1-setup.ts"],
    globalSetup: [
      "./test/fake/chat-server.ts",
      "./test/fake/stripe-server.mjs",
      "./test/fake/github-server.mjs",
      "./test/fake/global-setup.mjs",
    ],
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

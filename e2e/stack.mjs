// The local stack for browser tests: `scripts/start.mjs` (wrangler dev, offline model) on a free
// port, with its own fresh state folder, started and stopped like the other scripts do it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startStack as startLocalStack, stop } from "../scripts/lib-process.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function startStack() {
  const state = mkdtempSync(join(tmpdir(), "autocrea-e2e-"));
  // The console is under test here, not billing (test/ledger, metering and rate-limits cover that):
  // one owner builds several projects from one address, more than a 100-credit trial pays for.
  const vars = ["--var", "TRIAL_CREDITS:10000", "--var", "RATE_API_PER_MINUTE:0"];
  const { base, stack, ready } = await startLocalStack(root, 90_000, ["--persist-to", state, ...vars]);
  await ready;
  return {
    base,
    async stop() {
      await stop(stack);
      rmSync(state, { recursive: true, force: true });
    },
  };
}

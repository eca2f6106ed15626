// The local stack for browser tests: `scripts/start.mjs` (wrangler dev, offline model) on a free
// port with its own state, started and stopped like the other scripts do it.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startStack as startLocalStack } from "../scripts/lib-process.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function startStack() {
  // The console is under test here, not billing (test/ledger, metering and rate-limits cover that):
  // one owner builds several projects from one address, more than a 100-credit trial pays for.
  const vars = ["--var", "TRIAL_CREDITS:10000", "--var", "RATE_API_PER_MINUTE:0"];
  const stack = await startLocalStack(root, 90_000, vars);
  try {
    await stack.ready;
  } catch (err) {
    await stack.stop();
    throw err;
  }
  return { base: stack.base, stop: () => stack.stop() };
}

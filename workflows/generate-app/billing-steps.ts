import type { WorkflowStepConfig } from "cloudflare:workers";
import { billingConfig } from "../../workers/billing/config";
import { GenerationLimitError, InsufficientCreditsError, RunSettledError, admitGeneration } from "../../workers/accounts/accounts";
import type { ProjectError } from "../../shared/protocol";
import type { StepManifest } from "../files/storage";
import type { GenerateParams } from "./params";
import type { RunKey } from "../../durable-objects/account-store/runs";

/**
 * The credit side of a generation, as durable Workflow steps: `reserve` before the architect,
 * `meter-<role>` after each role, then `charge` when the ZIP is ready or `settle` when the run
 * fails (what the finished roles metered is charged, the rest released). Every call is keyed by the run (`<projectId>/<runId>`) inside the account's ledger, so a
 * retried or replayed step never takes or returns credits twice, and each run of a project pays
 * for itself.
 */

/** The run's key in the account's ledger. */
export function runKey(params: GenerateParams): RunKey {
  return { projectId: params.projectId, runId: params.runId };
}

export const BILLING_STEP: WorkflowStepConfig = {
  retries: { limit: 5, delay: "2 seconds", backoff: "exponential" },
  timeout: "30 seconds",
};

const TOKENS_PER_CREDIT = 1000;

/** 1 credit per 1,000 tokens (prompt + completion), rounded up per generation, at least 1 per role step. */
export function creditsUsed(manifests: readonly StepManifest[]): number {
  const tokens = manifests.reduce((sum, m) => sum + m.usage.promptTokens + m.usage.completionTokens, 0);
  return Math.max(Math.ceil(tokens / TOKENS_PER_CREDIT), manifests.length);
}

/** A run stopped for lack of credits (or an account limit): what it used is already paid, nothing to settle. */
export class OutOfCreditsError extends Error {
  override readonly name = "OutOfCreditsError";
  constructor(readonly failure: ProjectError) {
    super(failure.message);
  }
}

export type StepVerdict = { ok: true; credits: number } | { ok: false; failure: ProjectError };

/** Holds the estimate. The API already did when it admitted the project; then this only confirms it. */
export async function reserveCredits(env: Env, params: GenerateParams): Promise<StepVerdict> {
  try {
    const { reserved } = await admitGeneration(env, params.accountId, runKey(params));
    return { ok: true, credits: reserved };
  } catch (err) {
    if (err instanceof InsufficientCreditsError) return { ok: false, failure: { code: "insufficient_credits", message: err.message } };
    if (err instanceof GenerationLimitError) return { ok: false, failure: { code: "rate_limited", message: err.message } };
    if (err instanceof RunSettledError)
      return { ok: false, failure: { code: "run_settled", message: "this generation was abandoned before it started" } };
    throw err;
  }
}

/**
 * After a role step: a run that has used more than it holds may take more, only as far as the
 * balance goes. When the balance runs out the run is charged what the balance covered and stops.
 */
export async function meterCredits(env: Env, params: GenerateParams, manifests: readonly StepManifest[]): Promise<StepVerdict> {
  const used = creditsUsed(manifests);
  const account = env.ACCOUNTS.getByName(params.accountId);
  const metered = await account.meterRun(runKey(params), used);
  if (metered.ok) return { ok: true, credits: used };
  const hold = await account.chargeRun(runKey(params), used);
  const role = manifests.at(-1)?.role;
  const message =
    `out of credits: the run has used ${used} credits and your balance covered ${hold.charged}; ` +
    `it stopped after the ${role ?? "first"} step. Buy more at ${billingConfig(env).BUY_URL}`;
  // No `role`: every step that ran succeeded; the run stopped between steps.
  return { ok: false, failure: { code: "insufficient_credits", message } };
}

export async function chargeCredits(
  env: Env,
  params: GenerateParams,
  manifests: readonly StepManifest[],
): Promise<{ charged: number; reserved: number }> {
  const hold = await env.ACCOUNTS.getByName(params.accountId).chargeRun(runKey(params), creditsUsed(manifests));
  return { charged: hold.charged, reserved: hold.amount };
}

export interface Settlement {
  /** What the run paid: its finished roles' metered credits (0 when it was refunded). */
  charged: number;
  /** What went back to the balance. */
  released: number;
}

/**
 * A run that will not complete pays what its finished roles metered and gets the rest back. The
 * same call settles a failed run here and a lost one in the healer (workers/runs/heal.ts).
 */
export async function settleUnfinishedRun(env: Env, accountId: string, run: RunKey): Promise<Settlement> {
  const hold = await env.ACCOUNTS.getByName(accountId).settleUnfinishedRun(run);
  if (!hold || hold.status === "held") return { charged: 0, released: 0 };
  const charged = hold.status === "charged" ? hold.charged : 0;
  return { charged, released: hold.amount - charged };
}

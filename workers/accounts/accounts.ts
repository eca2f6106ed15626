import type { AccountSummary } from "../../durable-objects/account-store/account-store";
import type { PlanState } from "../../durable-objects/account-store/billing";
import type { RunKey } from "../../durable-objects/account-store/runs";
import { runRef } from "../../shared/runs";
import { billingConfig } from "../billing/config";

/**
 * Accounts as the rest of the product sees them: first contact (the trial), the balance for
 * `saldo`, and admission of a new generation. The chat bots and the REST API both call these,
 * so a user hears the same limits and numbers wherever they are.
 */

/** Not enough credits to start (or continue) a generation. The API answers 402 with these fields. */
export class InsufficientCreditsError extends Error {
  override readonly name = "InsufficientCreditsError";
  constructor(
    readonly balance: number,
    readonly needed: number,
    readonly buyUrl: string,
  ) {
    super(`not enough credits: you have ${balance} and a generation needs ${needed}; buy more at ${buyUrl}`);
  }
}

/** The generation was already settled (charged or refunded): it cannot be started or continued. */
export class RunSettledError extends Error {
  override readonly name = "RunSettledError";
  constructor(readonly run: RunKey) {
    super(`run ${runRef(run.projectId, run.runId)} is already settled and cannot run again`);
  }
}

/** A per-account generation limit. The API answers 429 with `Retry-After: retryAfter`. */
export class GenerationLimitError extends Error {
  override readonly name = "GenerationLimitError";
  constructor(
    readonly reason: "concurrent" | "hourly",
    readonly limit: number,
    readonly retryAfter: number,
  ) {
    super(
      reason === "concurrent"
        ? `you already have ${limit} generations running; wait for one to finish (retry in ${retryAfter} s)`
        : `you have started ${limit} generations in the last hour; the next one can start in ${retryAfter} s`,
    );
  }
}

/**
 * Creates the account if it is new and grants the free trial once, whatever retries or races
 * happen. Call it on every first contact (a chat identity resolved, a console session); pass the
 * identity (`discord:<id>`, `telegram:<id>`) so the account lists it.
 */
export async function ensureAccount(
  env: Env,
  accountId: string,
  identity?: string,
): Promise<{ created: boolean; trialGranted: boolean; credits: number }> {
  const account = env.ACCOUNTS.getByName(accountId);
  const result = await account.ensure(accountId, billingConfig(env).TRIAL_CREDITS);
  if (identity) await account.linkIdentity(identity);
  return result;
}

/** What `saldo` shows: the credits and the plan. */
export async function getBalance(env: Env, accountId: string): Promise<{ credits: number; plan: PlanState | null }> {
  const summary = await getAccount(env, accountId, 0);
  return { credits: summary.credits, plan: summary.plan };
}

export async function getAccount(env: Env, accountId: string, limit: number, before?: number): Promise<AccountSummary> {
  return env.ACCOUNTS.getByName(accountId).summary(accountId, limit, before);
}

/**
 * Checks the account's generation limits and reserves the estimated credits for one run of a
 * project, atomically. Throws GenerationLimitError or InsufficientCreditsError; calling it again
 * for the same run is harmless (the Workflow's `reserve` step does exactly that).
 */
export async function admitGeneration(env: Env, accountId: string, run: RunKey): Promise<{ reserved: number; credits: number }> {
  const config = billingConfig(env);
  const admission = await env.ACCOUNTS.getByName(accountId).admitRun(run, {
    reserve: config.CREDITS_RESERVE,
    perHour: config.GENERATIONS_PER_HOUR,
    concurrent: config.GENERATIONS_CONCURRENT,
  });
  if (admission.ok) return { reserved: admission.hold.amount, credits: admission.balance };
  if (admission.reason === "credits") throw new InsufficientCreditsError(admission.balance, admission.needed, config.BUY_URL);
  if (admission.reason === "settled") throw new RunSettledError(run);
  throw new GenerationLimitError(admission.reason, admission.limit, admission.retryAfter);
}

/** A run that was admitted but never started: its credits go back. */
export async function abandonGeneration(env: Env, accountId: string, run: RunKey): Promise<void> {
  await env.ACCOUNTS.getByName(accountId).refundRun(run);
}

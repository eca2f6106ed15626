/**
 * The architect in an edit run: the plan changes only when the change needs it. The model answers
 * "NO PLAN CHANGE" or a whole new plan, which is validated like a first plan (and re-asked with
 * the schema's errors, twice at most). A plan identical to the current one is no change either.
 */
import type { FollowUp, RoleTask } from "../models/model";
import type { Plan } from "../plan";
import { InvalidPlanError, parsePlan } from "../roles/architect";
import { MAX_PLAN_REPAIRS, replanRequest } from "../roles/repair";
import { answer } from "./answer";
import type { AnswerContext } from "./answer";
import { NO_PLAN_CHANGE, planUpdateRequest } from "./prompts";

/** The new plan, or null when the current one stays. */
export async function updatePlan(ctx: AnswerContext, task: RoleTask & { plan: Plan; followUp: FollowUp }): Promise<Plan | null> {
  const request = planUpdateRequest(task);
  let text = await answer(ctx, request);
  for (let repairs = 0; ; repairs++) {
    if (!text.includes("{") && text.includes(NO_PLAN_CHANGE)) return null;
    try {
      const plan = parsePlan(text);
      return JSON.stringify(plan) === JSON.stringify(task.plan) ? null : plan;
    } catch (err) {
      if (!(err instanceof InvalidPlanError) || repairs >= MAX_PLAN_REPAIRS) throw err;
      text = await answer(ctx, replanRequest(request, text, [...err.problems, `or answer exactly ${NO_PLAN_CHANGE}`]));
    }
  }
}

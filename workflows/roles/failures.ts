import { UnsafeOutputError } from "../files/limits";
import type { ProjectError } from "../../shared/protocol";
import { ModelRejectedError, ModelUnreachableError } from "../models/errors";
import { ModelUnavailableError } from "../models/registry";
import { EditNotAppliedError, MissingPlanFileError } from "../edits/errors";
import { InvalidPlanError } from "./architect";
import type { Role } from "../../shared/roles";
import { TruncatedOutputError } from "./run-role";

export interface Failure {
  error: ProjectError;
  /** No retry can fix it: stop the step now. */
  permanent: boolean;
  /** The full message, for logs only. */
  detail: string;
}

/**
 * Turns whatever a step threw into what the user is told. Known errors carry a message written
 * for users; anything else is reported generically so internals never reach the project view.
 */
export function describeFailure(err: unknown, role: Role): Failure {
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  if (err instanceof UnsafeOutputError) {
    return { error: { role, code: err.code, message: err.message }, permanent: true, detail };
  }
  // The editor already asked up to three times; a retry would repeat the whole conversation.
  if (err instanceof EditNotAppliedError) {
    return { error: { role, code: "edit_not_applied", message: err.message }, permanent: true, detail };
  }
  if (err instanceof MissingPlanFileError) {
    return { error: { role, code: "invalid_plan", message: err.message }, permanent: true, detail };
  }
  if (err instanceof InvalidPlanError) {
    return { error: { role, code: "invalid_plan", message: err.message }, permanent: false, detail };
  }
  // A bad key or an invalid request fails the same way every time: stop without wasting retries.
  if (err instanceof ModelRejectedError) {
    return { error: { role, code: err.code, message: err.message }, permanent: true, detail };
  }
  if (err instanceof ModelUnavailableError) {
    return { error: { role, code: "model_unavailable", message: err.message }, permanent: true, detail };
  }
  if (err instanceof ModelUnreachableError) {
    return { error: { role, code: "model_unreachable", message: err.message }, permanent: false, detail };
  }
  if (err instanceof TruncatedOutputError) {
    return { error: { role, code: "truncated_output", message: err.message }, permanent: false, detail };
  }
  return {
    error: { role, code: "step_error", message: `the ${role} step failed unexpectedly` },
    permanent: false,
    detail,
  };
}

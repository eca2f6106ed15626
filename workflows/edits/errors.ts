import { PLAN_PATH } from "../plan";

/** The model's changes could not be applied, even as whole files. Nothing was changed. */
export class EditNotAppliedError extends Error {
  override readonly name = "EditNotAppliedError";
  constructor(readonly paths: readonly string[]) {
    super(`the editor's changes to ${paths.join(", ")} could not be applied, even as whole files; nothing was changed`);
  }
}

/** The project has no readable plan: follow-up runs need it, and no retry can bring it back. */
export class MissingPlanFileError extends Error {
  override readonly name = "MissingPlanFileError";
  constructor() {
    super(`the project has no valid ${PLAN_PATH}; a follow-up run needs the plan the project was built from`);
  }
}

import type { ProjectEvent, StepStatus } from "../../shared/protocol";
import { ROLES } from "../../shared/roles";
import type { Role } from "../../shared/roles";
import type { Locale } from "../chat/i18n";
import { stepLine } from "../chat/progress";

/** The params of one `notifications/progress`, without the token. */
export interface ProgressUpdate {
  progress: number;
  total: number;
  message: string;
}

/**
 * A run's progress as MCP wants it: a number that only ever grows, and a line saying which role
 * did what, in the bots' words.
 * Fed the run's events in order. A role that starts counts half of its two units, a retry of it
 * a little more, so every start and every finish is one notification; files only update counts.
 */
export class RunProgress {
  private readonly steps = new Map<Role, { status: StepStatus; attempt: number }>();
  private readonly files = new Map<Role, Set<string>>();
  private sent = 0;

  /** `roles`: the run's steps in order (a generation's five unless said otherwise). */
  constructor(
    private readonly locale: Locale,
    private readonly roles: readonly Role[] = ROLES,
  ) {}

  /** Applies one event of the run; an update when it moved the run forward. */
  apply(event: ProjectEvent): ProgressUpdate | null {
    if (event.type === "file") {
      const paths = this.files.get(event.role) ?? new Set<string>();
      if (event.removed) paths.delete(event.path);
      else paths.add(event.path);
      this.files.set(event.role, paths);
      return null;
    }
    if (event.type !== "step") return null;
    this.steps.set(event.role, { status: event.status, attempt: event.attempt });
    return this.update(event.role);
  }

  private update(role: Role): ProgressUpdate | null {
    const progress = this.units();
    if (progress <= this.sent) return null;
    this.sent = progress;
    const step = this.steps.get(role) ?? { status: "pending", attempt: 0 };
    return { progress, total: this.roles.length * 2, message: stepLine({ role, ...step }, this.files.get(role)?.size ?? 0, this.locale) };
  }

  private units(): number {
    let units = 0;
    for (const [role, step] of this.steps) {
      const index = this.roles.indexOf(role);
      if (step.status === "done") units = Math.max(units, 2 * index + 2);
      else if (step.status !== "pending") units = Math.max(units, 2 * index + 1 - 1 / (step.attempt + 1));
    }
    return units;
  }
}

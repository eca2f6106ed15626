import type { WorkflowStepConfig } from "cloudflare:workers";
import type { Role } from "../../shared/roles";

/**
 * Retries and timeouts per step. Model calls are slow and flaky, so role steps get generous
 * timeouts and exponential backoff; the backend and frontend write the most.
 */
export const STEP_CONFIG: Record<Role | "package", WorkflowStepConfig> = {
  // 10 minutes: a Hugging Face endpoint may spend up to 3 of them loading before it answers.
  architect: { retries: { limit: 3, delay: "5 seconds", backoff: "exponential" }, timeout: "10 minutes" },
  backend: { retries: { limit: 3, delay: "10 seconds", backoff: "exponential" }, timeout: "10 minutes" },
  frontend: { retries: { limit: 3, delay: "10 seconds", backoff: "exponential" }, timeout: "10 minutes" },
  devops: { retries: { limit: 3, delay: "5 seconds", backoff: "exponential" }, timeout: "10 minutes" },
  security: { retries: { limit: 3, delay: "10 seconds", backoff: "exponential" }, timeout: "10 minutes" },
  // The editor may ask up to four times within one attempt (re-ask, whole files, repair).
  editor: { retries: { limit: 2, delay: "10 seconds", backoff: "exponential" }, timeout: "10 minutes" },
  explainer: { retries: { limit: 3, delay: "5 seconds", backoff: "exponential" }, timeout: "10 minutes" },
  package: { retries: { limit: 5, delay: "2 seconds", backoff: "exponential" }, timeout: "2 minutes" },
};

/** What a run's Workflow returns: where its ZIP is (null when the run changed nothing and stored none). */
export interface PackageResult {
  key: string | null;
  size: number;
  files: number;
}

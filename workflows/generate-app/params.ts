import type { ModelName } from "../models/model";

/** What a run of GenerateApp is started with: the Worker builds it, every step reads it. */
export interface GenerateParams {
  projectId: string;
  accountId: string;
  idea: string;
  /** The name the user gave, if any; otherwise the architect names the project. */
  projectName?: string;
  model: ModelName;
}

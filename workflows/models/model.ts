import type { SourceFile } from "../files/source-file";
import type { Plan } from "../plan";
import type { GenerationRole, Role } from "../../shared/roles";
import type { FollowUpKind } from "../../shared/runs";
import type { ScanFinding } from "../security/scanner";

/** Names shown to users wherever the model is displayed. */
export const MODEL_NAMES = ["blueprint", "joxcoder", "openai", "anthropic"] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** What an earlier role produced, as later roles see it: paths and the interfaces they export. */
export interface ProducedFile {
  path: string;
  role: Role;
  size: number;
  /** Exported names, routes or other interface lines, extracted from the content; never raw text. */
  exports: string[];
}

/**
 * Everything a role needs, structured. Prose models read it through `prompt`; the offline
 * `blueprint` model reads the structure directly, so both see the same task.
 */
export interface RoleTask {
  role: GenerationRole;
  idea: string;
  /** A name the user asked for, if any. */
  projectName?: string;
  /** Absent only for the architect. */
  plan?: Plan;
  produced: ProducedFile[];
  /** Full contents, given to the security role only (it audits everything written so far). */
  sources?: SourceFile[];
  /** The deterministic scanner's findings over `sources`, for the security role. */
  findings?: ScanFinding[];
  /**
   * Set in a follow-up run (an edit or a fix of an existing project): the architect is asked
   * whether the change needs a different plan, and the security role re-audits only `changed`.
   */
  followUp?: FollowUp;
  /** The files the follow-up run's editor changed or added; `sources` then holds their contents. */
  changed?: string[];
}

export type { FollowUpKind };

/** What a later run of a project asks for: a change, the repair of a failure, or an explanation. */
export interface FollowUp {
  kind: FollowUpKind;
  /** The user's instruction, the problem (error output or a description), or the question. */
  text: string;
}

/**
 * The editor's or explainer's task in a follow-up run. `files` is the whole project as it stands
 * (what the offline model regenerates against, what edits apply to); `shown` are the paths whose
 * contents the prompt includes, chosen for the instruction and bounded in size (edits/context.ts).
 */
export interface FollowUpTask {
  role: "editor" | "explainer";
  followUp: FollowUp;
  plan: Plan;
  files: SourceFile[];
  shown: string[];
}

/** What a model is asked to do: a role of the generation pipeline, or a follow-up run's step. */
export type ModelTask = RoleTask | FollowUpTask;

export function isFollowUpTask(task: ModelTask): task is FollowUpTask {
  return task.role === "editor" || task.role === "explainer";
}

export interface ModelRequest {
  task: ModelTask;
  system: string;
  prompt: string;
  maxOutputTokens: number;
  /**
   * What the model already wrote for this request, when its answer was cut off (length limit or a
   * dropped stream). Providers send it back as the assistant's turn and ask it to go on.
   */
  continuation?: string;
  /**
   * Ask for one JSON value that follows `schema`, through the provider's structured output (OpenAI
   * `response_format`, an Anthropic tool, a TGI grammar). The system prompt still says what to
   * write, so an endpoint that refuses the parameter is asked again without it.
   */
  structured?: StructuredOutput;
}

export interface StructuredOutput {
  /** Letters, digits, `_` and `-`: OpenAI and Anthropic use it as the schema's or tool's name. */
  name: string;
  /** A JSON Schema whose root is an object. */
  schema: Record<string, unknown>;
}

export interface ModelUsage {
  promptTokens: number;
  completionTokens: number;
}

/** A model streams text, then says how it ended and what it used, by its own count. */
export type ModelEvent = { type: "text"; text: string } | { type: "done"; finishReason: "stop" | "length"; usage: ModelUsage };

export interface Model {
  readonly name: ModelName;
  stream(request: ModelRequest, signal?: AbortSignal): AsyncIterable<ModelEvent>;
}

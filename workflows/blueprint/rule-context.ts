/** What a rule builder knows about the clause that states the rule (built by rules-detect.ts). */
import type { Entity } from "../plan";
import type { Language } from "./grammar";

export interface RuleContext {
  language: Language;
  entities: Entity[];
  /** Entities the rule's clause names, in order: whether "mismo"/"same" precedes, whether the rule's own stretch says it. */
  named: { entity: Entity; same: boolean; inSpan: boolean; inPart: boolean }[];
  /** Folded words of the whole clause and of the rule's own stretch. */
  clause: string[];
  span: string[];
}

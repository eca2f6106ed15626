import type { Entity, Plan, Rule } from "../plan";
import type { Language } from "./grammar";

export function ruleEndpoints(_rules: readonly Rule[], _entities: readonly Entity[], _language: Language): Plan["api"] {
  return [];
}

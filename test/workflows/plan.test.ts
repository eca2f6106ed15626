import { describe, expect, it } from "vitest";
import { parsePlan } from "../../workflows/roles/architect";
import { buildRequest } from "../../workflows/roles/prompts";
import { planJsonSchema, planSchema } from "../../workflows/plan";
import type { Plan } from "../../workflows/plan";
import oldPlan from "../fixtures/fake-project/architect.json?raw";

/** The fake project's plan: written before references and rules existed. */
function base(): Plan {
  return parsePlan(oldPlan);
}

function issues(value: unknown): string[] {
  const result = planSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("the plan schema", () => {
  it("still reads a plan with no references, enums, constraints or rules", () => {
    const plan = base();
    expect(plan.rules).toEqual([]);
    expect(plan.notBuilt).toEqual([]);
    expect(plan.entities[0]?.fields[0]).toEqual({ name: "titulo", type: "string", required: true, label: "Título" });
  });

  it("checks that references, enums and ranges hold together", () => {
    const plan = base();
    const entity = plan.entities[0];
    if (!entity) throw new Error("no entity");
    const withFields = (fields: unknown[]) => ({ ...plan, entities: [{ ...entity, fields: [...entity.fields, ...fields] }] });
    expect(issues(withFields([{ name: "autor", type: "reference", entity: "nota" }]))).toEqual([]);
    expect(issues(withFields([{ name: "autor", type: "reference", entity: "persona" }]))).toEqual([
      'entities.0.fields.2.entity: no entity named "persona"',
    ]);
    expect(issues(withFields([{ name: "autor", type: "reference" }]))).toEqual([
      "entities.0.fields.2.entity: a reference names the entity it points at",
    ]);
    expect(issues(withFields([{ name: "estado", type: "enum", values: ["a", "b"], transitions: [{ from: "a", to: ["c"] }] }]))).toEqual([
      'entities.0.fields.2.transitions.0: "c" is not one of the values',
    ]);
    expect(issues(withFields([{ name: "precio", type: "number", min: 5, max: 1 }]))).toEqual(["entities.0.fields.2.max: max is below min"]);
    expect(issues(withFields([{ name: "titulo", type: "string" }]))).toEqual(['entities.0.fields.2.name: "titulo" appears twice']);
    // Unique together: every field of a set must exist on its entity.
    const names = entity.fields.map((field) => field.name);
    expect(issues({ ...plan, entities: [{ ...entity, unique: [names] }] })).toEqual([]);
    expect(issues({ ...plan, entities: [{ ...entity, unique: [[names[0], "sala"]] }] })).toEqual(['entities.0.unique.0: no field "sala"']);
    expect(issues({ ...plan, entities: [{ ...entity, unique: [[names[0]]] }] })).toHaveLength(1);
  });

  it("checks that every rule names an entity and fields it can work with", () => {
    const plan = base();
    const rule = { name: "unaPorTitulo", description: "Una nota por título", entity: "nota" };
    expect(issues({ ...plan, rules: [{ ...rule, type: "onePer", fields: ["titulo"] }] })).toEqual([]);
    expect(issues({ ...plan, rules: [{ ...rule, type: "onePer", fields: ["nada"] }] })).toEqual([
      'rules.0.fields.0: "nota" has no field "nada"',
    ]);
    expect(issues({ ...plan, rules: [{ ...rule, type: "noOverlap", start: "titulo" }] })).toEqual([
      'rules.0.start: "titulo" must be one of: integer, number, date, time, datetime',
    ]);
    expect(issues({ ...plan, rules: [{ ...rule, type: "approval", field: "texto", entity: "otra" }] })).toEqual([
      'rules.0.entity: no entity named "otra"',
    ]);
    expect(issues({ ...plan, rules: [{ ...rule, type: "teleport" }] }).length).toBeGreaterThan(0);
  });

  it("is offered to providers as JSON Schema derived from the same definition", () => {
    const schema = planJsonSchema();
    expect(schema).toMatchObject({ type: "object" });
    expect(schema).not.toHaveProperty("$schema");
    const properties = schema.properties as Record<string, { items?: unknown }>;
    expect(Object.keys(properties)).toEqual([
      "name",
      "slug",
      "summary",
      "language",
      "readmeLanguage",
      "stack",
      "entities",
      "rules",
      "notBuilt",
      "api",
      "pages",
      "files",
    ]);
    expect(JSON.stringify(properties.rules)).toContain('"const":"redirectAndCount"');
    expect(JSON.stringify(properties.entities)).toContain('"reference"');
  });
});

describe("the roles' requests", () => {
  it("ask the architect through structured output, and tell every later role the rules and gaps", () => {
    const architect = buildRequest({ role: "architect", idea: "x", produced: [] });
    expect(architect.structured?.name).toBe("plan");
    expect(architect.structured?.schema).toEqual(planJsonSchema());
    expect(architect.system).toContain("noOverlap");

    const plan: Plan = {
      ...base(),
      rules: [{ type: "onePer", name: "unaPorTitulo", description: "Una nota por título", entity: "nota", fields: ["titulo"] }],
      notBuilt: ["recordatorios por SMS"],
    };
    for (const role of ["backend", "frontend", "devops"] as const) {
      const request = buildRequest({ role, idea: "x", plan, produced: [] });
      expect(request.structured).toBeUndefined();
      expect(request.prompt).toContain("- unaPorTitulo (onePer, on nota): Una nota por título");
      expect(request.prompt).toContain("- recordatorios por SMS");
    }
  });
});

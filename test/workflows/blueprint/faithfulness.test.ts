import { describe, expect, it } from "vitest";
import { derivePlan } from "../../../workflows/blueprint/derive-plan";
import { planSchema } from "../../../workflows/plan";
import ideas from "../../fixtures/ideas.json";
import { fixtureSchema, judge } from "./faithfulness";

const fixture = fixtureSchema.parse(ideas);

describe("the offline architect against the fixture ideas (test/fixtures/ideas.json)", () => {
  it("covers at least 30 ideas, in both languages, across bookings, shops, schools, clinics, finance, social and tools", () => {
    expect(fixture.ideas.length).toBeGreaterThanOrEqual(30);
    const languages = new Set(fixture.ideas.map((item) => derivePlan(item.idea).language));
    expect([...languages].sort()).toEqual(["en", "es"]);
    expect(new Set(fixture.ideas.map((item) => item.area))).toEqual(
      new Set(["bookings", "shops", "schools", "clinics", "finance", "social", "tools"]),
    );
  });

  it.each(fixture.ideas)("$id: every expected entity, reference, rule and enum, and nothing invented", (item) => {
    const plan = planSchema.parse(JSON.parse(JSON.stringify(derivePlan(item.idea))));
    const verdict = judge(plan, item);
    expect({ missing: verdict.missing, invented: verdict.invented, extra: verdict.extra }).toEqual({
      missing: [],
      invented: [],
      extra: [],
    });
  });

  it("reads the held-out ideas into valid plans (their faithfulness is measured by npm run bench, never tuned on)", () => {
    for (const item of fixture.heldOut) expect(() => planSchema.parse(derivePlan(item.idea))).not.toThrow();
  });
});

describe("the faithfulness judge", () => {
  const plan = derivePlan("App para la biblioteca del barrio: libros, socios y préstamos de libros a socios; ver los préstamos vencidos.");

  it("counts a plan faithful only with every expected part and no invented entity", () => {
    const base = {
      id: "x",
      idea: "",
      entities: ["libro", "socio", "prestamo"],
      references: [["prestamo", "libro"]] as [string, string][],
      rules: [],
    };
    expect(judge(plan, base).faithful).toBe(true);
    expect(judge(plan, { ...base, entities: ["libro", "socio"] }).invented).toEqual(["prestamo"]);
    expect(judge(plan, { ...base, references: [["libro", "socio"]] }).missing).toEqual(["reference libro -> socio"]);
    expect(judge(plan, { ...base, rules: [["onePer", "prestamo"]] }).faithful).toBe(false);
  });
});

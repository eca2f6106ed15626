import { describe, expect, it } from "vitest";
import { derivePlan } from "../../../workflows/blueprint/derive-plan";
import { offlineEdit, planUpdate, reaudit, regeneratedFiles } from "../../../workflows/blueprint/follow-up";
import { blueprintProject } from "../../../workflows/blueprint/project";
import { parseFiles } from "../../../workflows/files/parser";
import type { SourceFile } from "../../../workflows/files/source-file";
import { PLAN_PATH } from "../../../workflows/plan";
import type { Plan } from "../../../workflows/plan";

const salon = derivePlan("Una app de reservas para mi peluquería");
const shop = derivePlan("An online store for handmade candles with customer reviews");

function edit(plan: Plan, instruction: string): { plan: Plan; changed: string[]; files: Map<string, string> } {
  const result = offlineEdit(plan, instruction);
  if (!result.ok) throw new Error(result.message);
  const before = blueprintProject(plan);
  const after = blueprintProject(result.plan);
  const changed = [...after].filter(([path, content]) => before.get(path) !== content).map(([path]) => path);
  return { plan: result.plan, changed: changed.sort(), files: after };
}

const sources = (files: Map<string, string>): SourceFile[] => [...files].map(([path, content]) => ({ path, content }));
const FIELD_CHANGE = ["README.md", "docs/architecture.json", "src/entities.js"];

describe("offline edits: a plan operation, then the project generated again", () => {
  it("touches only the files the change is about; every other file stays byte-identical", () => {
    const cases: Array<[Plan, string, string[]]> = [
      [salon, "añade un campo teléfono a los servicios", FIELD_CHANGE],
      [salon, "quita el campo notas de las reservas", FIELD_CHANGE],
      [salon, "renombra el campo nombre de los clientes a nombre completo", FIELD_CHANGE],
      [salon, "cambia el tipo de duración (min) a número", FIELD_CHANGE],
      [salon, "haz opcional el email de los clientes", FIELD_CHANGE],
      [shop, "add a required number field called discount to customers", FIELD_CHANGE],
      // The summary names the entities, and package.json's description is the summary.
      [salon, "añade una entidad proveedores", [...FIELD_CHANGE, "package.json", "public/index.html"].sort()],
      // Reviews pointed at candles and customers: the screens that showed those links change too.
      [shop, "remove the reviews entity", [...FIELD_CHANGE, "package.json", "public/app.js", "public/index.html"].sort()],
      [
        salon,
        "renombra la app a Peluquería Ana",
        [
          ".github/workflows/ci.yml",
          "README.md",
          "docker-compose.yml",
          "docs/architecture.json",
          "package.json",
          "public/app.js",
          "public/index.html",
        ],
      ],
      [salon, "pon el README en inglés", ["README.md", "docs/architecture.json"]],
      [shop, "write the README in Spanish", ["README.md", "docs/architecture.json"]],
    ];
    expect(cases.map(([plan, instruction]) => [instruction, edit(plan, instruction).changed])).toEqual(
      cases.map(([, instruction, expected]) => [instruction, expected]),
    );
  });

  it("changes the plan as asked, and what follows from it", () => {
    const phone = edit(salon, "añade un campo teléfono a los servicios");
    expect(phone.plan.entities.find((e) => e.name === "servicio")?.fields.at(-1)).toEqual({
      name: "telefono",
      type: "string",
      required: false,
      label: "Teléfono",
    });
    expect(phone.files.get("src/entities.js")).toContain('"telefono"');

    const suppliers = edit(salon, "añade una entidad proveedores");
    expect(suppliers.plan.entities.map((e) => e.plural)).toEqual(["reservas", "clientes", "servicios", "proveedores"]);
    expect(suppliers.plan.api.filter((e) => e.path.startsWith("/api/proveedores")).map((e) => e.method)).toEqual([
      "GET",
      "POST",
      "GET",
      "PUT",
      "PATCH",
      "DELETE",
    ]);
    expect(suppliers.plan.pages.map((p) => p.path)).toContain("/proveedores");
    expect(suppliers.plan.summary).toContain("proveedores");

    const gone = edit(shop, "remove the reviews entity");
    expect(gone.plan.api.some((e) => e.path.includes("reviews"))).toBe(false);
    expect(gone.plan.pages.some((p) => p.path === "/reviews")).toBe(false);

    const renamed = edit(salon, "renombra la app a Peluquería Ana");
    expect(renamed.plan).toMatchObject({ name: "Peluquería Ana", slug: "peluqueria-ana" });
    expect(renamed.plan.pages[0]?.title).toBe("Peluquería Ana");

    const english = edit(salon, "pon el README en inglés");
    expect(english.plan.readmeLanguage).toBe("en");
    const readme = english.files.get("README.md") ?? "";
    expect(readme).toContain("## Requirements");
    expect(readme).toContain("a web app that manages");
    expect(readme).toContain("| GET | `/api/reservas` | List reservas |");
    expect(readme).not.toContain("## Requisitos");
    // Switching back drops the setting: the README follows the app's language again.
    const back = offlineEdit(english.plan, "put the README in Spanish");
    expect(back.ok && back.plan).toEqual(salon);
  });

  it("keeps references and rules consistent: they follow a renamed field, go with a removed entity, and a change a rule needs is refused", () => {
    const library = derivePlan(
      "App para la biblioteca del barrio: libros, socios y préstamos de libros a socios con fecha de devolución; quiero ver los préstamos vencidos.",
    );
    expect(library.rules.map((r) => [r.type, r.entity])).toEqual([["derivedList", "prestamo"]]);

    const renamed = edit(library, "renombra el campo fecha de devolución de los préstamos a vence el");
    const loan = renamed.plan.entities.find((e) => e.name === "prestamo");
    expect(loan?.fields.map((f) => f.name)).toContain("venceEl");
    const rule = renamed.plan.rules[0];
    expect(rule?.type === "derivedList" && rule.where.map((c) => c.field)).toEqual(["venceEl", "devuelto"]);
    // The generated rule code and its test read the new name: the project still runs its own tests (check:generated).
    expect(renamed.changed).toEqual(expect.arrayContaining(["docs/architecture.json", "src/entities.js"]));

    const refused = offlineEdit(library, "quita el campo devuelto de los préstamos");
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/^La regla «Préstamos vencidos» lo necesita/) });

    // Without members, loans lose the field that pointed at them; the overdue list stays, on loans.
    const noMembers = edit(library, "elimina los socios");
    expect(noMembers.plan.entities.map((e) => e.name)).toEqual(["libro", "prestamo"]);
    expect(noMembers.plan.entities[1]?.fields.map((f) => f.name)).toEqual(["libro", "fechaPrestamo", "fechaDevolucion", "devuelto"]);
    expect(noMembers.plan.rules.map((r) => r.name)).toEqual(["prestamosVencidos"]);
    expect(noMembers.plan.api.some((e) => e.path.includes("socios"))).toBe(false);

    // Without loans, the overdue list goes with them.
    const noLoans = edit(library, "elimina los préstamos");
    expect(noLoans.plan.rules).toEqual([]);
    expect(noLoans.plan.api.some((e) => e.path.includes("prestamos") || e.path.includes("views"))).toBe(false);

    const store = offlineEdit(shop, "remove the customers entity");
    expect(store.ok && store.plan.entities.find((e) => e.name === "review")?.fields.map((f) => f.name)).toEqual([
      "candle",
      "content",
      "date",
    ]);
  });

  it("answers, as the editor, exactly the files that differ, and the re-audit finds nothing to fix in them", () => {
    const before = blueprintProject(salon);
    const { plan, changed } = edit(salon, "añade un campo teléfono a los servicios");
    const current = new Map(before);
    current.set(PLAN_PATH, blueprintProject(plan).get(PLAN_PATH) ?? "");
    const answer = regeneratedFiles({
      role: "editor",
      followUp: { kind: "edit", text: "añade un campo teléfono a los servicios" },
      plan,
      files: sources(current),
      shown: [],
    });
    const written = parseFiles(answer);
    expect(written.map((file) => file.path).sort()).toEqual(changed.filter((path) => path !== PLAN_PATH));
    for (const file of written) current.set(file.path, file.content);
    expect(current).toEqual(blueprintProject(plan));

    const audit = reaudit({
      role: "security",
      idea: "x",
      plan,
      produced: [],
      sources: sources(current),
      changed: written.map((file) => file.path),
      followUp: { kind: "edit", text: "x" },
    });
    expect(parseFiles(audit)).toEqual([]);
    expect(audit).toBe("Sin cambios de seguridad en los archivos cambiados.\n");
  });

  it("answers the architect with the new plan, or says no plan change", () => {
    const task = (text: string) => ({
      role: "architect" as const,
      idea: "x",
      plan: salon,
      produced: [],
      followUp: { kind: "edit" as const, text },
    });
    expect(JSON.parse(planUpdate(task("renombra la app a Citas")))).toMatchObject({ name: "Citas", slug: "citas" });
    expect(planUpdate(task("el botón de borrar no pide confirmación"))).toBe("NO PLAN CHANGE");
  });

  it("refuses anything else with a message that names what it can do, in the instruction's language", () => {
    const es = offlineEdit(salon, "el botón de borrar no pide confirmación");
    expect(es).toEqual({ ok: false, message: expect.stringContaining("El modelo sin conexión (blueprint) solo hace estos cambios") });
    const en = offlineEdit(shop, "add dark mode to the page");
    expect(en).toEqual({ ok: false, message: expect.stringContaining("The offline model (blueprint) makes only these changes") });
    const last = offlineEdit(derivePlan("app de tareas"), "elimina las tareas");
    expect(last).toEqual({ ok: false, message: expect.stringMatching(/^Una app necesita al menos una entidad\. El modelo sin conexión/) });
    const taken = offlineEdit(salon, "añade un campo email a los clientes");
    expect(taken).toEqual({ ok: false, message: expect.stringMatching(/^«cliente» ya tiene el campo «email»/) });
  });
});

import { describe, expect, it } from "vitest";
import { derivePlan } from "../../../workflows/blueprint/derive-plan";
import { planSchema } from "../../../workflows/plan";
import type { Entity, Field, Plan, Rule } from "../../../workflows/plan";

function plan(idea: string): Plan {
  return planSchema.parse(JSON.parse(JSON.stringify(derivePlan(idea))));
}

function entity(of: Plan, name: string): Entity {
  const found = of.entities.find((item) => item.name === name);
  if (!found) throw new Error(`no entity ${name} in ${of.entities.map((item) => item.name).join(", ")}`);
  return found;
}

function field(of: Entity, name: string): Field {
  const found = of.fields.find((item) => item.name === name);
  if (!found) throw new Error(`no field ${name} in ${of.fields.map((item) => item.name).join(", ")}`);
  return found;
}

/** [entity, target] for every reference field of the plan. */
function references(of: Plan): [string, string][] {
  return of.entities.flatMap((item) =>
    item.fields.filter((f) => f.type === "reference").map((f): [string, string] => [item.name, f.entity ?? ""]),
  );
}

function rule<T extends Rule["type"]>(of: Plan, type: T): Extract<Rule, { type: T }> {
  const found = of.rules.find((item): item is Extract<Rule, { type: T }> => item.type === type);
  if (!found) throw new Error(`no ${type} rule in ${JSON.stringify(of.rules)}`);
  return found;
}

describe("entities are the real nouns of the domain", () => {
  it("never makes records of adverbs, quantities, dates or times", () => {
    const polls = plan("A polls app: users create polls with several options, and each user can vote only once per poll.");
    expect(polls.entities.map((item) => item.name).sort()).toEqual(["option", "poll", "user", "vote"]);
    const salon = plan("reservas con fecha y hora");
    expect(salon.entities.map((item) => item.name)).toEqual(["reserva"]);
    expect(field(entity(salon, "reserva"), "fecha").type).toBe("date");
    expect(field(entity(salon, "reserva"), "hora").type).toBe("time");
  });

  it("writes plurals right in both languages, and keeps an English word's plural in a Spanish idea", () => {
    const blog = plan("un blog con posts y comentarios");
    expect(entity(blog, "post")).toMatchObject({ plural: "posts", pluralLabel: "Posts" });
    expect(plan("Una app de publicaciones").entities[0]).toMatchObject({ plural: "publicaciones", pluralLabel: "Publicaciones" });
    expect(plan("camiones y conductores").entities.map((item) => item.pluralLabel)).toEqual(["Camiones", "Conductores"]);
  });
});

describe("references come from the idea's phrasing", () => {
  it("préstamos de libros a socios: a loan points at a book and a member", () => {
    const library = plan("Biblioteca con libros, socios y préstamos de libros a socios");
    expect(references(library)).toEqual(
      expect.arrayContaining([
        ["prestamo", "libro"],
        ["prestamo", "socio"],
      ]),
    );
    expect(field(entity(library, "prestamo"), "libro")).toMatchObject({ type: "reference", entity: "libro", required: true });
  });

  it("visits of pets to vets, lecciones de un curso, recetas con pasos, expenses paid by a friend", () => {
    expect(references(plan("A clinic app with pets, vets and visits of pets to vets"))).toEqual(
      expect.arrayContaining([
        ["visit", "pet"],
        ["visit", "vet"],
      ]),
    );
    expect(references(plan("Las lecciones de un curso de guitarra"))).toEqual([["leccion", "curso"]]);
    expect(references(plan("recetas con pasos"))).toEqual([["paso", "receta"]]);
    expect(references(plan("Trip costs: friends and expenses paid by a friend"))).toEqual([["expense", "friend"]]);
  });

  it("a verb that creates a record points it at who does it and what it is about", () => {
    const club = plan("Tennis club: members book a court for a date, a start time and an end time");
    expect(references(club)).toEqual(
      expect.arrayContaining([
        ["booking", "member"],
        ["booking", "court"],
      ]),
    );
    expect(entity(club, "booking").fields.map((item) => item.name)).toEqual(["member", "court", "date", "startTime", "endTime"]);
  });
});

describe("enumerations and constraints", () => {
  it("listed values become an enum, and a status that moves forward gets its steps", () => {
    const kitchen = plan("Kitchen orders with a status that goes pending, cooking, ready");
    expect(field(entity(kitchen, "order"), "status")).toMatchObject({
      type: "enum",
      values: ["pending", "cooking", "ready"],
      transitions: [
        { from: "pending", to: ["cooking"] },
        { from: "cooking", to: ["ready"] },
      ],
    });
    const tickets = plan("Tickets with a priority (low, medium, high)");
    const priority = field(entity(tickets, "ticket"), "priority");
    expect(priority.values).toEqual(["low", "medium", "high"]);
    expect(priority.transitions).toBeUndefined();
  });

  it("money and quantities are never negative, ranges bound scores, times and emails have their types", () => {
    const shop = plan("products with a price and stock, and customers with an email");
    expect(field(entity(shop, "product"), "price")).toMatchObject({ type: "number", min: 0 });
    expect(field(entity(shop, "product"), "stock")).toMatchObject({ type: "integer", min: 0 });
    expect(field(entity(shop, "customer"), "email").type).toBe("email");
    const club = plan("Club de lectura: libros y reseñas de libros con una puntuación del 1 al 5");
    expect(field(entity(club, "resena"), "puntuacion")).toMatchObject({ min: 1, max: 5 });
  });
});

describe("rules recognised from the wording", () => {
  it("noOverlap: no double booking of the same court, between the start and end times of a day", () => {
    const club = plan(
      "Court booking: members book a court for a date, a start time and an end time. The same court can't be double booked.",
    );
    expect(rule(club, "noOverlap")).toMatchObject({ entity: "booking", start: "startTime", end: "endTime", on: "date", scope: "court" });
    const hotel = plan(
      "Reservas de habitaciones con fecha de entrada y fecha de salida; una habitación no se puede reservar dos veces para las mismas noches.",
    );
    expect(rule(hotel, "noOverlap")).toMatchObject({ entity: "reserva", start: "fechaEntrada", end: "fechaSalida", scope: "habitacion" });
  });

  it("onePer: one vote per user per poll, one enrolment per student and course", () => {
    expect(rule(plan("A polls app: users create polls with options, and each user can vote only once per poll."), "onePer")).toMatchObject({
      entity: "vote",
      fields: expect.arrayContaining(["user", "poll"]),
    });
    expect(
      rule(
        plan("Cursos, alumnos e inscripciones de alumnos en cursos. Un alumno no puede inscribirse dos veces en el mismo curso."),
        "onePer",
      ),
    ).toMatchObject({
      entity: "inscripcion",
      fields: ["alumno", "curso"],
    });
  });

  it("derivedList: overdue loans (due date past and not returned), low-stock products, expired medicines", () => {
    const library = plan("Libros, socios y préstamos de libros a socios con fecha de devolución; quiero ver los préstamos vencidos.");
    expect(rule(library, "derivedList")).toMatchObject({
      entity: "prestamo",
      label: "Préstamos vencidos",
      where: [
        { field: "fechaDevolucion", op: "lt", today: true },
        { field: "devuelto", op: "eq", value: false },
      ],
    });
    expect(
      rule(plan("Inventory: products with stock and a minimum stock, and a list of products low on stock"), "derivedList").where,
    ).toEqual([{ field: "stock", op: "lte", otherField: "minimumStock" }]);
    expect(rule(plan("Medicamentos con fecha de caducidad y un listado de los medicamentos caducados"), "derivedList").where).toEqual([
      { field: "fechaCaducidad", op: "lt", today: true },
    ]);
  });

  it("aggregate: a daily sales total, a total per group, balances of who owes whom", () => {
    expect(rule(plan("Productos y ventas de productos con importe; quiero ver el total vendido cada día."), "aggregate")).toMatchObject({
      entity: "venta",
      op: "sum",
      field: "importe",
      period: { field: "fecha", by: "day" },
    });
    expect(rule(plan("Vehicles and services of a vehicle with a cost, and the total cost per vehicle"), "aggregate")).toMatchObject({
      op: "sum",
      field: "cost",
      groupBy: "vehicle",
    });
    expect(rule(plan("Friends and expenses paid by a friend, and who owes whom"), "aggregate")).toMatchObject({
      entity: "expense",
      op: "balance",
      field: "amount",
      groupBy: "friend",
    });
  });

  it("redirectAndCount for a link shortener, approval for moderated comments", () => {
    expect(rule(plan("A URL shortener with click counting"), "redirectAndCount")).toMatchObject({
      entity: "link",
      code: "code",
      url: "url",
      count: "clicks",
    });
    const blog = plan("Un blog con publicaciones y comentarios; los comentarios solo se muestran después de aprobarlos.");
    expect(rule(blog, "approval")).toMatchObject({ entity: "comentario", field: "aprobado" });
    expect(field(entity(blog, "comentario"), "aprobado").type).toBe("boolean");
  });

  it("gives every rule a name and a one-line description in the idea's language", () => {
    const salon = plan("Reservas de la peluquería con fecha y hora; no puede haber dos reservas a la misma hora.");
    const noOverlap = rule(salon, "noOverlap");
    expect(noOverlap.name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(noOverlap.description).toMatch(/^Dos reservas no pueden solaparse/);
    expect(noOverlap.description).not.toContain("\n");
  });
});

describe("the title and what is not built", () => {
  it("names the app with a short title the idea implies, never a cut phrase", () => {
    const titles = {
      "Una app de reservas para mi peluquería": "Reservas Peluquería",
      "Acortador de enlaces: cada enlace tiene un código corto que redirige y cuenta los clics.": "Acortador de enlaces",
      "A URL shortener with click counting": "URL shortener",
      "Inventory for my hardware store: products and suppliers": "Hardware Store Inventory",
      "Quiero una app para gestionar las tareas de mi equipo con proyectos": "Tareas",
    };
    for (const [idea, title] of Object.entries(titles)) expect(plan(idea).name).toBe(title);
    const dangling = new Set(["de", "del", "para", "con", "for", "with", "of", "the", "a", "y", "and"]);
    for (const idea of Object.keys(titles)) expect(dangling.has(plan(idea).name.split(" ").pop()?.toLowerCase() ?? "")).toBe(false);
  });

  it("says what it does not build, in the architect's plan, instead of inventing it", () => {
    const reminders = plan("Una app de reservas para mi peluquería que mande recordatorios por WhatsApp");
    expect(reminders.notBuilt).toEqual([expect.stringMatching(/^recordatorios por WhatsApp: /)]);
    expect(reminders.entities.map((item) => item.name)).toEqual(["reserva", "cliente", "servicio"]);
    expect(plan("una app de gastos con login y gráficos").notBuilt).toHaveLength(2);
    const capacity = plan("Gym classes and members booking classes; a class cannot be overbooked");
    expect(capacity.notBuilt).toEqual([expect.stringContaining("a class cannot be overbooked")]);
  });
});

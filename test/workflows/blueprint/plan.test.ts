import { describe, expect, it } from "vitest";
import { derivePlan } from "../../../workflows/blueprint/derive-plan";
import { detectLanguage, pluralLabel, singularize } from "../../../workflows/blueprint/grammar";
import { vocabularyLanguage } from "../../../workflows/blueprint/lexicon";
import { planSchema } from "../../../workflows/plan";
import type { Entity, Plan } from "../../../workflows/plan";

/** The plan exactly as a later role would load it: through the schema, after a JSON round trip. */
function plan(idea: string, projectName?: string): Plan {
  return planSchema.parse(JSON.parse(JSON.stringify(derivePlan(idea, projectName))));
}

function entity(of: Plan, name: string): Entity {
  const found = of.entities.find((item) => item.name === name);
  if (!found) throw new Error(`no entity ${name} in ${of.entities.map((item) => item.name).join(", ")}`);
  return found;
}

function fieldTypes(of: Entity): Record<string, string> {
  return Object.fromEntries(of.fields.map((field) => [field.name, field.type]));
}

describe("the blueprint architect, in Spanish", () => {
  it("plans a hairdresser's bookings with customers and services", () => {
    const salon = plan("Una app de reservas para mi peluquería");
    expect(salon.language).toBe("es");
    expect(salon.entities.map((item) => [item.name, item.plural])).toEqual([
      ["reserva", "reservas"],
      ["cliente", "clientes"],
      ["servicio", "servicios"],
    ]);
    expect(fieldTypes(entity(salon, "reserva"))).toMatchObject({ cliente: "string", fecha: "date", hora: "time" });
    expect(fieldTypes(entity(salon, "cliente"))).toMatchObject({ nombre: "string", email: "email" });
    expect(fieldTypes(entity(salon, "servicio"))).toMatchObject({ precio: "number", duracionMinutos: "integer" });
    expect(entity(salon, "servicio").fields.find((field) => field.name === "precio")?.min).toBe(0);
    expect(salon.name).toBe("Reservas Peluquería");
    expect(salon.slug).toBe("reservas-peluqueria");
  });

  it("turns every noun of the idea into its own entity, singular and plural", () => {
    const tasks = plan("app de tareas con usuarios y etiquetas");
    expect(tasks.entities.map((item) => item.name)).toEqual(["tarea", "usuario", "etiqueta"]);
    expect(tasks.entities.map((item) => item.plural)).toEqual(["tareas", "usuarios", "etiquetas"]);
    expect(fieldTypes(entity(tasks, "tarea"))).toMatchObject({ titulo: "string", completada: "boolean", fechaLimite: "date" });
    expect(entity(tasks, "tarea").fields.find((field) => field.name === "completada")?.required).toBe(false);
  });

  it("names a shop's goods after what it sells, and takes Spanish adjectives for what they are", () => {
    const plants = plan("tienda de plantas con carrito");
    expect(plants.entities.map((item) => item.name)).toEqual(["planta", "carrito"]);
    expect(fieldTypes(entity(plants, "planta"))).toMatchObject({ nombre: "string", precio: "number", stock: "integer" });
    expect(fieldTypes(entity(plants, "carrito"))).toMatchObject({ total: "number", email: "email", planta: "reference" });
    // "artesanales" qualifies the candles; a shop that names only its goods also gets orders.
    expect(plan("tienda online de velas artesanales").entities.map((item) => item.name)).toEqual(["vela", "pedido"]);
  });

  it("strips accents from identifiers and keeps them in labels", () => {
    const music = plan("Una app de categorías y canciones para mi estudio de grabación");
    for (const item of music.entities) {
      expect(item.name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(item.plural).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      for (const field of item.fields) expect(field.name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    }
    expect(entity(music, "categoria")).toMatchObject({ plural: "categorias", label: "Categoría" });
    expect(entity(music, "cancion")).toMatchObject({ plural: "canciones", label: "Canción" });
    expect(music.slug).toMatch(/^[a-z0-9-]+$/);
    expect(plan("Peluquería Ñandú").slug).toBe("peluqueria-nandu");
  });

  it("does not take features for data", () => {
    const names = plan("una app de gastos con login, gráficos y modo oscuro").entities.map((item) => item.name);
    expect(names).toEqual(["gasto"]);
  });

  it("makes what is listed after con the parts of the record before it", () => {
    const recipes = plan("Quiero una aplicación de recetas con ingredientes, pasos y fotos");
    expect(recipes.entities.map((item) => item.name)).toEqual(["receta", "ingrediente", "paso"]);
    expect(fieldTypes(entity(recipes, "paso"))).toEqual({ receta: "reference", orden: "integer", descripcion: "text" });
    expect(recipes.notBuilt).toEqual([expect.stringContaining("fotos")]);
  });
});

describe("the blueprint architect, in English", () => {
  it("plans a barbershop's bookings", () => {
    const barber = plan("A booking app for my barbershop");
    expect(barber.language).toBe("en");
    expect(barber.entities.map((item) => item.name)).toEqual(["booking", "customer", "service"]);
    expect(fieldTypes(entity(barber, "booking"))).toMatchObject({ customer: "string", date: "date", time: "time" });
    expect(barber.name).toBe("Barbershop Booking");
    expect(barber.stack.backend).toContain("zero dependencies");
  });

  it("handles English plurals and lists", () => {
    const tasks = plan("a task manager with projects, categories and dark mode");
    expect(tasks.entities.map((item) => [item.name, item.plural])).toEqual([
      ["task", "tasks"],
      ["project", "projects"],
      ["category", "categories"],
    ]);
    expect(plan("I want an online store for handmade candles").entities.map((item) => item.name)).toEqual(["candle", "order"]);
    // In the order the idea names them; a shop that names its own records implies nothing more.
    const reviews = plan("An online store for handmade candles with customer reviews");
    expect(reviews.entities.map((item) => item.name)).toEqual(["candle", "customer", "review"]);
    expect(fieldTypes(entity(reviews, "review"))).toMatchObject({ candle: "reference", customer: "reference" });
    expect(plan("a to-do app").entities.map((item) => item.name)).toEqual(["todo"]);
  });

  it("takes the head noun of an unknown compound", () => {
    const stamps = plan("an app to catalogue my rare stamps");
    expect(stamps.entities.map((item) => [item.name, item.plural])).toEqual([["stamp", "stamps"]]);
    expect(stamps.entities[0]?.fields.map((field) => field.name)).toEqual(["name", "description"]);
  });
});

describe("the blueprint architect's fallbacks and limits", () => {
  it("always yields at least one sensible entity", () => {
    expect(plan("una app para coleccionar sellos").entities.map((item) => item.name)).toEqual(["sello"]);
    expect(plan("hola").entities.map((item) => item.name)).toEqual(["elemento"]);
    expect(plan("hello").entities.map((item) => item.name)).toEqual(["item"]);
    expect(plan("").entities.map((item) => item.name)).toEqual(["elemento"]);
  });

  it("survives hostile and oversized ideas", () => {
    const hostile = plan('</file> <script>alert("x")</script> "quotes" con `backticks` y ${templates}');
    expect(hostile.entities.length).toBeGreaterThan(0);
    const huge = plan(`una app de tareas ${"con muchas cosas ".repeat(400)}`);
    expect(huge.summary.length).toBeLessThanOrEqual(600);
    expect(huge.name.length).toBeLessThanOrEqual(80);
    expect(plan("一个预订应用").entities.map((item) => [item.name, item.plural])).toEqual([["elemento", "elementos"]]);
    expect(plan("x".repeat(4000)).name.length).toBeLessThanOrEqual(80);
    const crowded = plan("app con tareas, notas, eventos, contactos, facturas, gastos, libros, recetas, mascotas y viajes");
    expect(crowded.entities.length).toBe(8);
  });

  it("uses the project name the user asked for", () => {
    const named = plan("una app de reservas para mi peluquería", "  Mi   Salón  ");
    expect(named.name).toBe("Mi Salón");
    expect(named.slug).toBe("mi-salon");
  });

  it("lists the API, pages and files every later role writes", () => {
    const tasks = plan("app de tareas con usuarios y etiquetas");
    expect(tasks.api).toContainEqual(expect.objectContaining({ method: "GET", path: "/health" }));
    for (const item of tasks.entities) {
      const crud = tasks.api.filter((endpoint) => endpoint.path === `/api/${item.plural}` || endpoint.path === `/api/${item.plural}/:id`);
      expect(crud.map((endpoint) => endpoint.method).sort()).toEqual(["DELETE", "GET", "GET", "PATCH", "POST", "PUT"]);
      expect(tasks.pages).toContainEqual(expect.objectContaining({ path: `/${item.plural}` }));
    }
    // A task points at its user, so a user lists their tasks.
    expect(tasks.api).toContainEqual(expect.objectContaining({ method: "GET", path: "/api/usuarios/:id/tareas" }));
    expect(tasks.files.backend.map((file) => file.path)).toEqual([
      "package.json",
      "src/entities.js",
      "src/rules.js",
      "src/validation.js",
      "src/checks.js",
      "src/views.js",
      "src/store.js",
      "src/server.js",
      "test/support.js",
      "test/api.test.js",
      "test/rules.test.js",
    ]);
    expect(tasks.files.frontend.map((file) => file.path)).toEqual(["public/index.html", "public/app.js", "public/styles.css"]);
    expect(tasks.files.devops.map((file) => file.path)).toContain("Dockerfile");
  });

  it("is deterministic", () => {
    expect(derivePlan("tienda de plantas con carrito")).toEqual(derivePlan("tienda de plantas con carrito"));
  });
});

describe("the blueprint grammar", () => {
  it("detects the language, Spanish on a tie", () => {
    expect(detectLanguage("una app para mi tienda")).toBe("es");
    expect(detectLanguage("an app for my shop")).toBe("en");
    expect(detectLanguage("reservas")).toBe("es");
    expect(detectLanguage("a candle shop", vocabularyLanguage)).toBe("en");
  });

  it("singularizes and pluralizes both languages", () => {
    expect(["canciones", "flores", "lapices", "clientes", "clases"].map((word) => singularize(word, "es"))).toEqual([
      "cancion",
      "flor",
      "lapiz",
      "cliente",
      "clase",
    ]);
    expect(["categories", "boxes", "tasks", "classes"].map((word) => singularize(word, "en"))).toEqual([
      "category",
      "box",
      "task",
      "class",
    ]);
    expect(["Canción", "Categoría", "Flor", "Lápiz", "Fecha de alta", "Post", "Ticket"].map((label) => pluralLabel(label, "es"))).toEqual([
      "Canciones",
      "Categorías",
      "Flores",
      "Lápices",
      "Fechas de alta",
      "Posts",
      "Tickets",
    ]);
    expect(["dosis", "análisis"].map((word) => singularize(word, "es"))).toEqual(["dosis", "análisis"]);
    expect(pluralLabel("Category", "en")).toBe("Categories");
  });
});

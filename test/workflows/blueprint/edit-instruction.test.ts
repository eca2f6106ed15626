import { describe, expect, it } from "vitest";
import { derivePlan } from "../../../workflows/blueprint/derive-plan";
import { parseInstruction } from "../../../workflows/blueprint/edit-instruction";
import type { PlanOp } from "../../../workflows/blueprint/edit-ops";

const salon = derivePlan("Una app de reservas para mi peluquería");
const store = derivePlan("An online store for handmade candles with customer reviews");

function ops(instruction: string, plan = salon): PlanOp[] {
  const parsed = parseInstruction(instruction, plan);
  if (!parsed.ok) throw new Error(`refused "${instruction}": ${parsed.reason ?? "(no reason)"}`);
  return parsed.ops;
}

describe("the plans the examples edit", () => {
  it("are what the offline architect derives", () => {
    const shape = (plan: typeof salon) => plan.entities.map((e) => [e.name, e.fields.map((f) => `${f.name}:${f.type}`)]);
    expect(shape(salon)).toEqual([
      ["reserva", ["cliente:string", "servicio:string", "fecha:date", "hora:time", "notas:text"]],
      ["cliente", ["nombre:string", "email:email", "telefono:string", "notas:text"]],
      ["servicio", ["nombre:string", "descripcion:text", "precio:number", "duracionMinutos:integer"]],
    ]);
    // Reviews point at the candle and the customer: references, which edits keep consistent.
    expect(shape(store)).toEqual([
      ["candle", ["name:string", "description:text", "price:number", "stock:integer", "available:boolean"]],
      ["customer", ["name:string", "email:email", "phone:string", "notes:text"]],
      ["review", ["candle:reference", "customer:reference", "content:text", "date:date"]],
    ]);
  });
});

describe("reading an instruction as plan operations", () => {
  it("adds a field, in Spanish and English, inferring its type from its name", () => {
    const phone = { op: "addField", entity: "servicio", field: { name: "telefono", label: "Teléfono", type: "string", required: false } };
    expect(ops("añade un campo teléfono a los servicios")).toEqual([phone]);
    expect(ops("Añade teléfono al servicio")).toEqual([phone]);
    expect(ops("añade a los servicios un campo teléfono")).toEqual([phone]);
    expect(ops("add a loyalty points field to customers", store)).toEqual([
      { op: "addField", entity: "customer", field: { name: "loyaltyPoints", label: "Loyalty points", type: "integer", required: false } },
    ]);
    expect(ops("add a required number field called discount to customers", store)).toEqual([
      { op: "addField", entity: "customer", field: { name: "discount", label: "Discount", type: "number", required: true } },
    ]);
    expect(ops("añade el campo fecha de nacimiento (fecha) a los clientes")).toEqual([
      {
        op: "addField",
        entity: "cliente",
        field: { name: "fechaNacimiento", label: "Fecha de nacimiento", type: "date", required: false },
      },
    ]);
    expect(ops("añade los campos dirección y código postal obligatorio a los clientes")).toEqual([
      { op: "addField", entity: "cliente", field: { name: "direccion", label: "Dirección", type: "text", required: false } },
      { op: "addField", entity: "cliente", field: { name: "codigoPostal", label: "Código postal", type: "string", required: true } },
    ]);
    expect(ops("añade un campo precio de tipo entero a las reservas")).toEqual([
      { op: "addField", entity: "reserva", field: { name: "precio", label: "Precio", type: "integer", required: false } },
    ]);
  });

  it("removes and renames fields, finding the entity when only one has the field", () => {
    expect(ops("quita el campo notas de las reservas")).toEqual([{ op: "removeField", entity: "reserva", field: "notas" }]);
    expect(ops("elimina los campos teléfono y notas de los clientes")).toEqual([
      { op: "removeField", entity: "cliente", field: "telefono" },
      { op: "removeField", entity: "cliente", field: "notas" },
    ]);
    expect(ops("borra el teléfono")).toEqual([{ op: "removeField", entity: "cliente", field: "telefono" }]);
    expect(ops("remove the phone field from customers", store)).toEqual([{ op: "removeField", entity: "customer", field: "phone" }]);
    expect(ops("renombra el campo nombre de los clientes a nombre completo")).toEqual([
      { op: "renameField", entity: "cliente", field: "nombre", to: "nombreCompleto", label: "Nombre completo" },
    ]);
    expect(ops("rename the customers' phone to mobile", store)).toEqual([
      { op: "renameField", entity: "customer", field: "phone", to: "mobile", label: "Mobile" },
    ]);
    expect(ops("rename field content in reviews to body", store)).toEqual([
      { op: "renameField", entity: "review", field: "content", to: "body", label: "Body" },
    ]);
  });

  it("changes a field's type and whether it is required", () => {
    expect(ops("cambia el tipo de duración (min) a número")).toEqual([
      { op: "setFieldType", entity: "servicio", field: "duracionMinutos", type: "number" },
    ]);
    expect(ops("haz que el precio de los servicios sea un entero")).toEqual([
      { op: "setFieldType", entity: "servicio", field: "precio", type: "integer" },
    ]);
    expect(ops("change the type of stock to number", store)).toEqual([
      { op: "setFieldType", entity: "candle", field: "stock", type: "number" },
    ]);
    expect(ops("make the customer phone required", store)).toEqual([
      { op: "setRequired", entity: "customer", field: "phone", required: true },
    ]);
    expect(ops("haz obligatorio el teléfono de los clientes")).toEqual([
      { op: "setRequired", entity: "cliente", field: "telefono", required: true },
    ]);
    expect(ops("el email de los clientes debe ser opcional")).toEqual([
      { op: "setRequired", entity: "cliente", field: "email", required: false },
    ]);
    expect(ops("make email optional in customers", store)).toEqual([
      { op: "setRequired", entity: "customer", field: "email", required: false },
    ]);
  });

  it("adds and removes entities", () => {
    const added = ops("añade una entidad proveedores");
    expect(added).toMatchObject([{ op: "addEntity", entity: { name: "proveedor", plural: "proveedores", label: "Proveedor" } }]);
    expect(ops("add suppliers with name, email and phone", store)).toMatchObject([
      {
        op: "addEntity",
        entity: {
          name: "supplier",
          plural: "suppliers",
          fields: [
            { name: "name", type: "string", required: true },
            { name: "email", type: "email", required: false },
            { name: "phone", type: "string", required: false },
          ],
        },
      },
    ]);
    expect(ops("quita la entidad servicios")).toEqual([{ op: "removeEntity", entity: "servicio" }]);
    expect(ops("elimina los servicios")).toEqual([{ op: "removeEntity", entity: "servicio" }]);
    expect(ops("remove the reviews entity", store)).toEqual([{ op: "removeEntity", entity: "review" }]);
  });

  it("renames the app and switches the README's language, and reads several sentences", () => {
    expect(ops("renombra la app a «Peluquería Ana»")).toEqual([{ op: "renameApp", name: "Peluquería Ana" }]);
    expect(ops("rename the app to Candle Corner", store)).toEqual([{ op: "renameApp", name: "Candle Corner" }]);
    expect(ops("cambia el nombre de la aplicación a Citas Ana")).toEqual([{ op: "renameApp", name: "Citas Ana" }]);
    expect(ops("pon el README en inglés")).toEqual([{ op: "readmeLanguage", language: "en" }]);
    expect(ops("write the README in Spanish", store)).toEqual([{ op: "readmeLanguage", language: "es" }]);
    expect(ops("Quita el campo notas de las reservas. Haz obligatorio el teléfono de los clientes")).toEqual([
      { op: "removeField", entity: "reserva", field: "notas" },
      { op: "setRequired", entity: "cliente", field: "telefono", required: true },
    ]);
  });

  it("reads each sentence against the plan as the sentences before it left it", () => {
    expect(
      ops("Renombra el campo precio de los servicios a coste. Cambia el tipo de coste a entero. Quita el campo coste de los servicios."),
    ).toEqual([
      { op: "renameField", entity: "servicio", field: "precio", to: "coste", label: "Coste" },
      { op: "setFieldType", entity: "servicio", field: "coste", type: "integer" },
      { op: "removeField", entity: "servicio", field: "coste" },
    ]);
    expect(parseInstruction("Quita el campo notas de las reservas. Quita el campo notas de las reservas.", salon)).toEqual({
      ok: false,
      reason: "«reserva» no tiene el campo «notas»",
    });
  });

  it("refuses what it cannot read, saying why when it knows", () => {
    expect(parseInstruction("el botón de borrar no pide confirmación", salon)).toEqual({ ok: false });
    expect(parseInstruction("add dark mode", store)).toMatchObject({ ok: false });
    expect(parseInstruction("añade un botón de confirmación", salon)).toMatchObject({ ok: false });
    expect(parseInstruction("add a confirmation dialog to the delete button", store)).toMatchObject({ ok: false });
    expect(parseInstruction("quita el campo color de los clientes", salon)).toEqual({
      ok: false,
      reason: "«cliente» no tiene el campo «color»",
    });
    expect(parseInstruction("quita el campo notas", salon)).toEqual({
      ok: false,
      reason: "el campo «notas» está en reserva, cliente: di de qué entidad",
    });
  });
});

/** Concepts of running a business: bookings, customers, sales, money, people and work. */
import { concept, count, f, money } from "./concept";
import type { ConceptField } from "./concept";

const name = f("string", "nombre|Nombre", "name|Name");
const email = f("email", "email|Email", "email|Email");
const phone = f("string", "telefono|Teléfono", "phone|Phone", false);
const description = f("text", "descripcion|Descripción", "description|Description", false);
const notes = f("text", "notas|Notas", "notes|Notes", false);
const date = f("date", "fecha|Fecha", "date|Date");
const time = f("time", "hora|Hora", "time|Time", false);
/** Who a record is for, as text; replaced by a reference when the idea names the people it points at. */
const who = (es: string, en: string, required = true): ConceptField => ({ ...f("string", es, en, required), slot: "who" });
/** What a record is about, as text; replaced by a reference when the idea names those things. */
const what = (es: string, en: string, required = false): ConceptField => ({ ...f("string", es, en, required), slot: "what" });
const person = [name, email, phone, notes];

export const BUSINESS_CONCEPTS = [
  concept(
    "booking",
    "event",
    ["reserva", "cita", "turno", "reservación", "visita", "consulta", "sesión"],
    ["booking", "appointment", "reservation", "visit", "session"],
    [who("cliente|Cliente", "customer|Customer"), what("servicio|Servicio", "service|Service"), date, time, notes],
    { es: ["reserv", "cit"], en: ["book", "reserv", "schedul"] },
  ),
  concept("customer", "person", ["cliente", "comprador"], ["customer", "client", "buyer"], person),
  concept(
    "service",
    "thing",
    ["servicio", "tratamiento"],
    ["service", "treatment"],
    [
      name,
      description,
      money("precio|Precio", "price|Price"),
      count("duracionMinutos|Duración (min)", "durationMinutes|Duration (min)", true),
    ],
  ),
  concept(
    "product",
    "thing",
    [
      "producto",
      "planta",
      "flor",
      "ropa",
      "prenda",
      "zapato",
      "zapatilla",
      "camiseta",
      "mueble",
      "juguete",
      "joya",
      "vino",
      "tarta",
      "pastel",
    ],
    ["product", "plant", "flower", "item", "shoe", "shirt", "toy", "jewel", "wine", "cake"],
    [
      name,
      description,
      money("precio|Precio", "price|Price"),
      count("stock|Stock", "stock|Stock"),
      f("boolean", "disponible|Disponible", "available|Available", false),
    ],
  ),
  concept(
    "order",
    "event",
    ["pedido", "carrito", "compra", "orden", "venta"],
    ["order", "cart", "purchase", "sale"],
    [
      who("cliente|Cliente", "customer|Customer"),
      { ...email, required: false },
      f("text", "direccion|Dirección de envío", "shippingAddress|Shipping address", false),
      money("total|Total", "total|Total"),
      f("boolean", "pagado|Pagado", "paid|Paid", false),
      f("date", "fecha|Fecha", "date|Date", false),
    ],
    { es: ["ped", "compr", "vend"], en: ["order", "buy", "purchas", "sell", "sold"] },
  ),
  concept(
    "invoice",
    "event",
    ["factura", "recibo"],
    ["invoice", "receipt", "bill"],
    [
      { ...f("string", "numero|Número", "number|Number"), unique: true },
      who("cliente|Cliente", "customer|Customer"),
      money("importe|Importe", "amount|Amount"),
      date,
      f("boolean", "pagada|Pagada", "paid|Paid", false),
    ],
    { es: ["factur"], en: ["invoic", "bill"] },
  ),
  concept(
    "expense",
    "event",
    ["gasto", "ingreso", "transacción", "movimiento"],
    ["expense", "income", "transaction"],
    [
      f("string", "concepto|Concepto", "description|Description"),
      money("importe|Importe", "amount|Amount"),
      date,
      what("categoria|Categoría", "category|Category"),
      notes,
    ],
    { es: ["gast"], en: ["spen"] },
  ),
  concept("supplier", "person", ["proveedor"], ["supplier", "vendor"], person),
  concept(
    "employee",
    "person",
    ["empleado", "trabajador"],
    ["employee", "worker"],
    [name, email, f("string", "puesto|Puesto", "position|Position"), f("date", "fechaAlta|Fecha de alta", "startDate|Start date", false)],
  ),
  concept(
    "contact",
    "person",
    ["contacto"],
    ["contact", "lead"],
    [name, email, phone, f("string", "empresa|Empresa", "company|Company", false), notes],
  ),
  concept(
    "property",
    "thing",
    ["inmueble", "propiedad", "vivienda", "apartamento"],
    ["property", "apartment", "listing"],
    [
      f("string", "titulo|Título", "title|Title"),
      f("string", "direccion|Dirección", "address|Address"),
      money("precio|Precio", "price|Price"),
      count("habitaciones|Habitaciones", "bedrooms|Bedrooms"),
      count("metros|Superficie (m²)", "squareMeters|Area (m²)"),
      f("boolean", "disponible|Disponible", "available|Available", false),
    ],
  ),
  concept(
    "vehicle",
    "thing",
    ["vehículo", "coche", "auto", "moto", "furgoneta", "camión"],
    ["vehicle", "car", "motorbike", "truck", "van"],
    [
      f("string", "marca|Marca", "make|Make"),
      f("string", "modelo|Modelo", "model|Model"),
      { ...f("string", "matricula|Matrícula", "plate|Plate"), unique: true },
      count("anio|Año", "year|Year"),
    ],
  ),
  concept(
    "room",
    "thing",
    ["habitación", "sala"],
    ["room"],
    [
      f("string", "numero|Número", "number|Number"),
      f("string", "tipo|Tipo", "type|Type", false),
      money("precioNoche|Precio por noche", "nightlyRate|Nightly rate", false),
    ],
  ),
  concept("court", "thing", ["pista", "cancha"], ["court", "pitch"], [name, f("string", "tipo|Tipo", "surface|Surface", false)]),
  concept(
    "table",
    "thing",
    ["mesa"],
    ["table"],
    [f("string", "numero|Número", "number|Number"), count("capacidad|Capacidad", "seats|Seats")],
  ),
  concept(
    "project",
    "thing",
    ["proyecto"],
    ["project"],
    [
      name,
      description,
      f("date", "fechaInicio|Fecha de inicio", "startDate|Start date", false),
      f("date", "fechaFin|Fecha de fin", "endDate|End date", false),
    ],
  ),
  concept(
    "task",
    "thing",
    ["tarea", "pendiente", "quehacer"],
    ["task", "todo", "chore"],
    [
      f("string", "titulo|Título", "title|Title"),
      description,
      f("boolean", "completada|Completada", "done|Done", false),
      f("date", "fechaLimite|Fecha límite", "dueDate|Due date", false),
      count("prioridad|Prioridad", "priority|Priority"),
    ],
  ),
  concept(
    "ticket",
    "thing",
    ["incidencia", "ticket", "incidente"],
    ["ticket", "issue", "incident", "bug"],
    [
      f("string", "titulo|Título", "title|Title"),
      f("text", "descripcion|Descripción", "description|Description"),
      f("boolean", "resuelta|Resuelta", "resolved|Resolved", false),
    ],
  ),
  concept(
    "user",
    "person",
    ["usuario", "miembro", "socio"],
    ["user", "member"],
    [name, email, f("string", "rol|Rol", "role|Role", false), f("boolean", "activo|Activo", "active|Active", false)],
  ),
  concept("tag", "thing", ["etiqueta"], ["tag", "label"], [name, f("string", "color|Color", "color|Color", false)]),
  concept("category", "thing", ["categoría"], ["category"], [name, description]),
  concept(
    "medicine",
    "thing",
    ["medicamento", "medicina", "fármaco"],
    ["medicine", "medication", "drug"],
    [
      name,
      f("string", "lote|Lote", "batch|Batch", false),
      f("date", "fechaCaducidad|Fecha de caducidad", "expiryDate|Expiry date", false),
      count("cantidad|Cantidad", "quantity|Quantity"),
    ],
  ),
  concept(
    "link",
    "thing",
    ["enlace"],
    ["link"],
    [
      f("string", "titulo|Título", "title|Title", false),
      f("url", "url|URL", "url|URL"),
      { ...f("string", "codigo|Código", "code|Code", false), unique: true },
    ],
  ),
];

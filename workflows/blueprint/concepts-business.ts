/** Concepts of running a business: bookings, customers, sales, money, people and work. */
import { concept, f } from "./concept";

const name = f("string", "nombre|Nombre", "name|Name");
const email = f("email", "email|Email", "email|Email");
const phone = f("string", "telefono|Teléfono", "phone|Phone", false);
const description = f("text", "descripcion|Descripción", "description|Description", false);
const notes = f("text", "notas|Notas", "notes|Notes", false);
const date = f("date", "fecha|Fecha", "date|Date");
const time = f("string", "hora|Hora", "time|Time");

export const BUSINESS_CONCEPTS = [
  concept(
    "booking",
    ["reserva", "cita", "turno", "reservación", "visita"],
    ["booking", "appointment", "reservation", "visit"],
    [f("string", "cliente|Cliente", "customer|Customer"), f("string", "servicio|Servicio", "service|Service", false), date, time, notes],
  ),
  concept("customer", ["cliente", "comprador"], ["customer", "client", "buyer"], [name, email, phone, notes]),
  concept(
    "service",
    ["servicio", "tratamiento"],
    ["service", "treatment"],
    [
      name,
      description,
      f("number", "precio|Precio", "price|Price"),
      f("integer", "duracionMinutos|Duración (min)", "durationMinutes|Duration (min)"),
    ],
  ),
  concept(
    "product",
    ["producto", "planta", "flor", "ropa", "prenda", "zapato", "zapatilla", "camiseta", "mueble", "juguete", "joya", "vino"],
    ["product", "plant", "flower", "item", "shoe", "shirt", "toy", "jewel", "wine"],
    [
      name,
      description,
      f("number", "precio|Precio", "price|Price"),
      f("integer", "stock|Stock", "stock|Stock", false),
      f("boolean", "disponible|Disponible", "available|Available", false),
    ],
  ),
  concept(
    "order",
    ["pedido", "carrito", "compra", "orden", "venta"],
    ["order", "cart", "purchase", "sale"],
    [
      f("string", "cliente|Cliente", "customer|Customer"),
      email,
      f("text", "direccion|Dirección de envío", "shippingAddress|Shipping address", false),
      f("number", "total|Total", "total|Total"),
      f("boolean", "pagado|Pagado", "paid|Paid", false),
      f("date", "fecha|Fecha", "date|Date", false),
    ],
  ),
  concept(
    "invoice",
    ["factura", "recibo"],
    ["invoice", "receipt", "bill"],
    [
      f("string", "numero|Número", "number|Number"),
      f("string", "cliente|Cliente", "customer|Customer"),
      f("number", "importe|Importe", "amount|Amount"),
      date,
      f("boolean", "pagada|Pagada", "paid|Paid", false),
    ],
  ),
  concept(
    "expense",
    ["gasto", "ingreso", "transacción", "movimiento"],
    ["expense", "income", "transaction"],
    [
      f("string", "concepto|Concepto", "description|Description"),
      f("number", "importe|Importe", "amount|Amount"),
      date,
      f("string", "categoria|Categoría", "category|Category", false),
      notes,
    ],
  ),
  concept("supplier", ["proveedor"], ["supplier", "vendor"], [name, email, phone, notes]),
  concept(
    "employee",
    ["empleado", "trabajador"],
    ["employee", "worker"],
    [name, email, f("string", "puesto|Puesto", "position|Position"), f("date", "fechaAlta|Fecha de alta", "startDate|Start date", false)],
  ),
  concept(
    "contact",
    ["contacto"],
    ["contact", "lead"],
    [name, email, phone, f("string", "empresa|Empresa", "company|Company", false), notes],
  ),
  concept(
    "property",
    ["inmueble", "propiedad", "vivienda", "apartamento"],
    ["property", "apartment", "listing"],
    [
      f("string", "titulo|Título", "title|Title"),
      f("string", "direccion|Dirección", "address|Address"),
      f("number", "precio|Precio", "price|Price"),
      f("integer", "habitaciones|Habitaciones", "bedrooms|Bedrooms", false),
      f("integer", "metros|Superficie (m²)", "squareMeters|Area (m²)", false),
      f("boolean", "disponible|Disponible", "available|Available", false),
    ],
  ),
  concept(
    "vehicle",
    ["vehículo", "coche", "auto", "moto"],
    ["vehicle", "car", "motorbike", "truck"],
    [
      f("string", "marca|Marca", "make|Make"),
      f("string", "modelo|Modelo", "model|Model"),
      f("string", "matricula|Matrícula", "plate|Plate"),
      f("integer", "anio|Año", "year|Year", false),
    ],
  ),
  concept(
    "room",
    ["habitación"],
    ["room"],
    [
      f("string", "numero|Número", "number|Number"),
      f("string", "tipo|Tipo", "type|Type"),
      f("number", "precioNoche|Precio por noche", "nightlyRate|Nightly rate"),
      f("boolean", "disponible|Disponible", "available|Available", false),
    ],
  ),
  concept(
    "project",
    ["proyecto"],
    ["project"],
    [
      name,
      description,
      f("date", "fechaInicio|Fecha de inicio", "startDate|Start date", false),
      f("date", "fechaFin|Fecha de fin", "endDate|End date", false),
      f("string", "estado|Estado", "status|Status", false),
    ],
  ),
  concept(
    "task",
    ["tarea", "pendiente", "quehacer"],
    ["task", "todo", "chore"],
    [
      f("string", "titulo|Título", "title|Title"),
      description,
      f("boolean", "completada|Completada", "done|Done", false),
      f("date", "fechaLimite|Fecha límite", "dueDate|Due date", false),
      f("integer", "prioridad|Prioridad", "priority|Priority", false),
    ],
  ),
  concept(
    "ticket",
    ["incidencia", "ticket", "incidente"],
    ["ticket", "issue", "incident", "bug"],
    [
      f("string", "titulo|Título", "title|Title"),
      f("text", "descripcion|Descripción", "description|Description"),
      f("string", "prioridad|Prioridad", "priority|Priority", false),
      f("boolean", "resuelta|Resuelta", "resolved|Resolved", false),
    ],
  ),
  concept(
    "user",
    ["usuario", "miembro", "socio"],
    ["user", "member"],
    [name, email, f("string", "rol|Rol", "role|Role", false), f("boolean", "activo|Activo", "active|Active", false)],
  ),
  concept("tag", ["etiqueta"], ["tag", "label"], [name, f("string", "color|Color", "color|Color", false)]),
  concept("category", ["categoría"], ["category"], [name, description]),
];

/**
 * Concepts of what people do with each other and with things (loans, votes, enrolments, replies),
 * and the people who do it. Events here usually point at a person and a thing: their fields are
 * only what the event itself records, the references come from the idea's wording.
 */
import { concept, count, f, money } from "./concept";
import type { ConceptField } from "./concept";

const name = f("string", "nombre|Nombre", "name|Name");
const title = f("string", "titulo|Título", "title|Title");
const email = f("email", "email|Email", "email|Email", false);
const phone = f("string", "telefono|Teléfono", "phone|Phone", false);
const description = f("text", "descripcion|Descripción", "description|Description", false);
const content = f("text", "contenido|Contenido", "content|Content");
const date = f("date", "fecha|Fecha", "date|Date");
const person: readonly ConceptField[] = [name, email, phone];

/** People named by their role; each is its own entity ("dentistas" and "pacientes" never merge). */
function role(id: string, es: string[], en: string[], extra: ConceptField[] = []) {
  return concept(id, "person", es, en, [...person, ...extra]);
}

export const ACTIVITY_CONCEPTS = [
  concept(
    "loan",
    "event",
    ["préstamo", "alquiler"],
    ["loan", "rental", "checkout"],
    [
      f("date", "fechaPrestamo|Fecha de préstamo", "loanDate|Loan date"),
      f("date", "fechaDevolucion|Fecha de devolución", "dueDate|Due date"),
      f("boolean", "devuelto|Devuelto", "returned|Returned", false),
    ],
    { es: ["prest", "alquil"], en: ["borrow", "lend", "rent"] },
  ),
  concept(
    "enrollment",
    "event",
    ["inscripción", "matrícula", "matriculación"],
    ["enrollment", "enrolment", "registration", "signup"],
    [f("date", "fecha|Fecha", "date|Date", false)],
    { es: ["inscrib", "matricul", "apunt"], en: ["enrol", "regist", "sign"] },
  ),
  concept("vote", "event", ["voto"], ["vote"], [f("date", "fecha|Fecha", "date|Date", false)], { es: ["vot"], en: ["vot"] }),
  concept("like", "event", [], ["like"], [f("date", "fecha|Fecha", "date|Date", false)], { es: [], en: ["like"] }),
  concept("attendance", "event", ["asistencia"], ["attendance"], [date, f("boolean", "presente|Presente", "present|Present", false)], {
    es: ["asist"],
    en: ["attend"],
  }),
  concept("rsvp", "event", ["confirmación"], ["rsvp"], [f("date", "fecha|Fecha", "date|Date", false)], { es: ["confirm"], en: ["rsvp"] }),
  concept("reply", "event", ["respuesta"], ["reply", "answer"], [content, f("date", "fecha|Fecha", "date|Date", false)], {
    es: ["respond"],
    en: ["repl", "answer"],
  }),
  concept("topic", "thing", ["tema", "hilo"], ["topic", "thread"], [title, content]),
  concept(
    "poll",
    "thing",
    ["encuesta", "votación"],
    ["poll", "survey"],
    [f("string", "pregunta|Pregunta", "question|Question"), description],
  ),
  concept("option", "thing", ["opción"], ["option", "choice"], [f("string", "texto|Texto", "text|Text")]),
  concept("proposal", "thing", ["propuesta"], ["proposal"], [title, description]),
  concept(
    "goal",
    "thing",
    ["meta", "objetivo"],
    ["goal", "target"],
    [
      name,
      money("importeObjetivo|Importe objetivo", "targetAmount|Target amount", false),
      f("date", "fechaLimite|Fecha límite", "deadline|Deadline", false),
    ],
  ),
  concept(
    "contribution",
    "event",
    ["aportación", "aporte", "depósito"],
    ["contribution", "deposit", "saving"],
    [money("importe|Importe", "amount|Amount"), date],
    { es: ["aport", "ahorr"], en: ["contribut", "deposit", "sav"] },
  ),
  concept("vaccine", "thing", ["vacuna"], ["vaccine"], [name, description]),
  concept(
    "vaccination",
    "event",
    ["vacunación"],
    ["vaccination", "shot"],
    [date, f("date", "fechaProximaDosis|Fecha de la próxima dosis", "nextDoseDate|Next dose date", false)],
    { es: ["vacun"], en: ["vaccinat"] },
  ),
  concept(
    "grade",
    "event",
    ["calificación"],
    ["grade", "mark", "score"],
    [{ ...f("number", "valor|Valor", "value|Value"), min: 0 }, f("date", "fecha|Fecha", "date|Date", false)],
    { es: ["calific", "evalu"], en: ["grad", "mark"] },
  ),
  concept(
    "match",
    "event",
    ["partido", "encuentro"],
    ["match", "game"],
    [date, f("string", "resultado|Resultado", "result|Result", false)],
  ),
  concept(
    "clockIn",
    "event",
    ["fichaje"],
    ["clockIn", "timesheet"],
    [date, f("time", "horaEntrada|Hora de entrada", "timeIn|Time in"), f("time", "horaSalida|Hora de salida", "timeOut|Time out", false)],
    { es: ["fich"], en: ["clock"] },
  ),
  concept("walk", "event", ["paseo"], ["walk"], [date, f("time", "hora|Hora", "time|Time")], { es: ["pase"], en: ["walk"] }),
  concept("payment", "event", ["pago", "cobro"], ["payment"], [money("importe|Importe", "amount|Amount"), date], { es: ["cobr"], en: [] }),
  concept(
    "shift",
    "event",
    ["jornada"],
    ["shift"],
    [date, f("time", "horaInicio|Hora de inicio", "startTime|Start time"), f("time", "horaFin|Hora de fin", "endTime|End time")],
  ),
  concept("pair", "person", ["pareja"], ["pair", "team"], [name]),
  concept(
    "material",
    "thing",
    ["material"],
    ["material", "equipment"],
    [name, description, count("cantidad|Cantidad", "quantity|Quantity")],
  ),
  concept("tool", "thing", ["herramienta"], ["tool"], [name, description]),
  concept(
    "goalStep",
    "thing",
    ["paso"],
    ["step"],
    [count("orden|Orden", "position|Position", true), f("text", "descripcion|Descripción", "description|Description")],
  ),
  concept("ingredient", "thing", ["ingrediente"], ["ingredient"], [name, f("string", "cantidad|Cantidad", "quantity|Quantity", false)]),
  role("owner", ["dueño", "propietario"], ["owner"]),
  role("vet", ["veterinario"], ["vet", "veterinarian"]),
  role("dentist", ["dentista"], ["dentist"]),
  role("therapist", ["terapeuta", "fisioterapeuta", "fisio", "psicólogo"], ["therapist", "physiotherapist", "physio", "psychologist"]),
  role("doctor", ["médico", "doctor", "doctora"], ["doctor", "physician"]),
  role("tutor", ["tutor", "profesor", "profesora", "docente"], ["tutor", "teacher", "instructor"]),
  role("guest", ["huésped", "invitado"], ["guest", "attendee"]),
  role("neighbour", ["vecino", "vecina"], ["neighbour", "neighbor", "resident"]),
  role("friend", ["amigo", "amiga"], ["friend"]),
  role("roommate", ["compañero", "compañera"], ["roommate", "flatmate", "housemate"]),
  role("walker", ["paseador"], ["walker"]),
  role("judge", ["juez", "jurado"], ["judge"]),
  role("participant", ["participante", "concursante"], ["participant", "contestant"]),
  role("researcher", ["investigador", "investigadora"], ["researcher"]),
  role("reader", ["lector"], ["reader"]),
  role("driver", ["conductor"], ["driver"]),
  role("freelancer", ["autónomo"], ["freelancer"]),
];

/**
 * Words that name an attribute of a record ("fecha", "precio", "start time"), with the field type
 * and sensible constraints each implies. They become fields of the entity they are said of, and
 * never entities of their own: "fecha y hora" is two fields, not two tables.
 */
import type { FieldType } from "../plan";

export type FieldRole =
  | "date"
  | "time"
  | "money"
  | "quantity"
  | "score"
  | "status"
  | "done"
  | "approved"
  | "url"
  | "code"
  | "label"
  | "text"
  | "plain";

export interface FieldWord {
  type: FieldType;
  role: FieldRole;
  min?: number;
  unique?: boolean;
}

const WORDS: Record<FieldRole, { type: FieldType; min?: number; unique?: boolean; words: string }> = {
  date: { type: "date", words: "fecha cumpleanos vencimiento caducidad date birthday deadline expiry" },
  time: { type: "time", words: "hora time" },
  money: {
    type: "number",
    min: 0,
    words: "precio importe coste costo monto total presupuesto tarifa sueldo salario cuota price amount cost fee budget salary rate",
  },
  quantity: {
    type: "integer",
    min: 0,
    words: `cantidad stock existencias unidades aforo capacidad plazas duracion orden posicion kilometraje kilometros paginas
      edad asientos quantity qty units capacity seats spots duration position mileage pages age minimo maximo minimum maximum`,
  },
  score: { type: "number", min: 0, words: "puntuacion valor peso altura score rating weight height value" },
  status: { type: "string", words: "estado status state prioridad priority fase stage nivel level tipo type" },
  done: { type: "boolean", words: "pagado pagada paid devuelto returned completado completada hecho done presente present urgente urgent" },
  approved: { type: "boolean", words: "aprobado aprobada approved publicado publicada published visible" },
  url: { type: "url", words: "url enlace web website" },
  code: { type: "string", unique: true, words: "codigo code isbn sku matricula plate referencia" },
  label: { type: "string", words: "nombre name titulo title pregunta question" },
  text: {
    type: "text",
    words: `descripcion description notas nota notes observaciones contenido content instrucciones instructions diagnostico diagnosis
      tratamiento treatment sintomas symptoms bio resumen summary texto text`,
  },
  plain: {
    type: "string",
    words: `telefono movil phone mobile lote batch marca brand modelo model color talla size direccion address ubicacion location
      lugar place autor author motivo reason resultado result raza breed especie species empresa company ciudad city pais country
      genero genre numero number asunto email correo mail`,
  },
};

const INDEX = new Map<string, FieldWord>();
for (const [role, entry] of Object.entries(WORDS) as [FieldRole, (typeof WORDS)[FieldRole]][]) {
  for (const word of entry.words.split(/\s+/).filter(Boolean)) {
    INDEX.set(word, {
      type: entry.type,
      role,
      ...(entry.min === undefined ? {} : { min: entry.min }),
      ...(entry.unique ? { unique: true } : {}),
    });
  }
}
// Email is text with a shape; set apart so "correo" and "email" get the email type.
for (const word of ["email", "correo", "mail"]) INDEX.set(word, { type: "email", role: "plain" });

/** Plural forms of field words, so "fechas", "notes" and "prices" are fields too. */
function singulars(word: string): string[] {
  const found = [word];
  if (word.endsWith("es")) found.push(word.slice(0, -2));
  if (word.endsWith("s")) found.push(word.slice(0, -1));
  if (word.endsWith("ies")) found.push(`${word.slice(0, -3)}y`);
  return found;
}

/** The field a folded word names, if it names one. */
export function fieldWord(folded: string): FieldWord | undefined {
  for (const candidate of singulars(folded)) {
    const hit = INDEX.get(candidate);
    if (hit) return hit;
  }
  return undefined;
}

/** Adjectives that add nothing to a field's name: "código corto" is the code, "dirección original" the address. */
export const EMPTY_MODIFIERS: ReadonlySet<string> = new Set(
  "corto corta original nuevo nueva actual propio propia short original new current own full completo completa".split(" "),
);

/** Units after a field ("duración en minutos", "price in euros"): kept in the label only. */
export const UNITS: ReadonlySet<string> = new Set(
  "minutos minuto horas euros eur dolares km kilometros kg kilos metros minutes hours euros dollars usd km kilometers kg pounds meters".split(
    " ",
  ),
);

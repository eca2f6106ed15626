/**
 * The blueprint's vocabulary: which words of an idea name a concept, which places imply a set of
 * them ("peluquería" implies appointments, customers and services) and which words describe
 * features rather than data ("con login" is not an entity).
 */
import type { Concept } from "./concept";
import { ACTIVITY_CONCEPTS } from "./concepts-activity";
import { BUSINESS_CONCEPTS } from "./concepts-business";
import { PERSONAL_CONCEPTS } from "./concepts-personal";
import type { Language } from "./grammar";
import { STOPWORDS, singularCandidates } from "./grammar";
import { fold } from "./text";

export const CONCEPTS: readonly Concept[] = [...BUSINESS_CONCEPTS, ...PERSONAL_CONCEPTS, ...ACTIVITY_CONCEPTS];

/** A lexicon hit: the concept and the noun that named it, in its dictionary form. */
export interface Match {
  concept: Concept;
  /** Folded singular, e.g. "categoria". */
  noun: string;
  /** The same noun as users read it, e.g. "categoría". */
  display: string;
  language: Language;
}

const INDEX = new Map<string, Match>();
for (const item of CONCEPTS) {
  for (const language of ["es", "en"] as const) {
    for (const display of item.aliases[language]) {
      const key = `${language}:${fold(display)}`;
      if (!INDEX.has(key)) INDEX.set(key, { concept: item, noun: fold(display), display, language });
    }
  }
}

/**
 * The concept a folded word names, if any. Words of the other language count only from five
 * letters: short English words are often Spanish words too ("sale", "bar", "car").
 */
export function lookup(word: string, language: Language): Match | undefined {
  if (STOPWORDS[language].has(word)) return undefined;
  const other: Language = language === "es" ? "en" : "es";
  for (const candidate of singularCandidates(word, language)) {
    const hit = INDEX.get(`${language}:${candidate}`);
    if (hit) return hit;
  }
  if (word.length < 5) return undefined;
  for (const candidate of singularCandidates(word, other)) {
    const hit = INDEX.get(`${other}:${candidate}`);
    if (hit) return hit;
  }
  return undefined;
}

/** Which language a folded word belongs to, if the lexicon knows it in only one. */
export function vocabularyLanguage(word: string): Language | undefined {
  const inLanguage = (language: Language): boolean =>
    singularCandidates(word, language).some((candidate) => INDEX.has(`${language}:${candidate}`)) ||
    DOMAINS.some((item) => item.triggers[language].includes(word));
  const es = inLanguage("es");
  const en = inLanguage("en");
  if (es === en) return undefined;
  return es ? "es" : "en";
}

interface Domain {
  triggers: Record<Language, readonly string[]>;
  /** Nouns to add, in each language; each must be an alias in the lexicon. */
  implies: Record<Language, readonly string[]>;
  /** A concept whose entity takes its name from the idea when it says one: a shop's goods. */
  item?: string;
}

function domain(esTriggers: string, enTriggers: string, esImplies: string, enImplies: string, item?: string): Domain {
  const list = (text: string): string[] => text.split(" ").filter(Boolean);
  return {
    triggers: { es: list(esTriggers).map(fold), en: list(enTriggers).map(fold) },
    implies: { es: list(esImplies), en: list(enImplies) },
    ...(item === undefined ? {} : { item }),
  };
}

export const DOMAINS: readonly Domain[] = [
  domain(
    "peluquería peluqueria barbería salón estética spa manicura",
    "hairdresser barber barbershop salon spa beauty",
    "cita cliente servicio",
    "appointment customer service",
  ),
  domain(
    "clínica consultorio dentista médico fisioterapia psicólogo hospital",
    "clinic dentist doctor therapist hospital",
    "cita paciente servicio",
    "appointment patient service",
  ),
  domain("veterinaria", "veterinary", "cita mascota cliente", "appointment pet customer"),
  domain("tienda ecommerce comercio catálogo", "shop store ecommerce catalog", "producto pedido", "product order", "product"),
  domain("restaurante bar cafetería pizzería", "restaurant cafe bar pizzeria", "plato reserva pedido", "dish booking order"),
  domain("gimnasio", "gym", "clase socio", "class member"),
  domain("blog", "blog", "publicación comentario", "post comment"),
  domain("escuela academia colegio instituto universidad", "school academy university", "curso alumno", "course student"),
  domain("biblioteca", "library", "libro socio", "book member"),
  domain("finanzas presupuesto ahorro contabilidad", "finance finances budget accounting savings", "gasto categoría", "expense category"),
  domain("crm", "crm", "contacto tarea", "contact task"),
  domain("inmobiliaria", "realtor realty", "inmueble cliente", "property customer"),
  domain("taller mecánico", "garage mechanic", "vehículo cliente cita", "vehicle customer appointment"),
  domain("hotel hostal alojamiento", "hotel hostel", "habitación reserva cliente", "room booking customer"),
  domain("soporte helpdesk", "helpdesk support", "incidencia usuario", "ticket user"),
  domain("acortador", "shortener", "enlace", "link"),
  domain("foro", "forum", "tema respuesta", "topic reply"),
  domain("farmacia", "pharmacy drugstore", "medicamento", "medicine"),
];

/** Domains an idea mentions, in the order it mentions them. */
export function domainsIn(foldedWords: readonly string[]): Domain[] {
  const found: Domain[] = [];
  for (const word of foldedWords) {
    for (const item of DOMAINS) {
      if (!found.includes(item) && (item.triggers.es.includes(word) || item.triggers.en.includes(word))) {
        found.push(item);
      }
    }
  }
  return found;
}

/** Words that describe how an app works, not what it stores: never turned into entities. */
export const FEATURE_WORDS: ReadonlySet<string> = new Set(
  `login logins registro autenticacion contrasena contrasenas diseno modo oscuro claro responsive movil moviles
  notificacion notificaciones recordatorio recordatorios busqueda buscador filtro filtros grafico graficos
  estadistica estadisticas exportar pdf api panel dashboard foto fotos imagen imagenes mapa mapas chat
  calendario tiempo real interfaz idioma idiomas sms whatsapp push telegram
  signup auth authentication password passwords design dark mode light mobile notification notifications reminder
  reminders search filter filters chart charts stats statistics export photo photos image images map maps
  calendar realtime real time interface language languages ui ux
  opcion opciones option options posibilidad acceso access soporte funcion funciones feature features seccion
  section boton botones button buttons pantalla pantallas screen screens vista vistas view views lista list listado`
    .split(/\s+/)
    .filter(Boolean),
);

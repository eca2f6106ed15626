/**
 * The small words the architect reads an idea by: prepositions link records ("préstamos de
 * libros a socios"), conjunctions and determiners separate and introduce them, and a few closed
 * sets of words (times, quantities, kinds of app) are never records whatever their position.
 */
import type { Language } from "./grammar";

const set = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean));

export const PREPOSITIONS: Record<Language, ReadonlySet<string>> = {
  es: set("de del a al con en para por entre desde hasta sobre segun"),
  en: set("of to with for by in on from at per between into about"),
};

/** "con"/"with": an event with people ("citas con un dentista"), a thing with its parts ("recetas con pasos"). */
export const WITH: ReadonlySet<string> = set("con with");
/** "para"/"for" in an idea's title names who the app is for ("para mi peluquería", "for freelancers"). */
export const FOR: ReadonlySet<string> = set("para for");

export const CONJUNCTIONS: Record<Language, ReadonlySet<string>> = {
  es: set("y e o u ni"),
  en: set("and or nor plus"),
};

/** Words between a preposition and its noun that say nothing about the link. */
export const DETERMINERS: Record<Language, ReadonlySet<string>> = {
  es: set(`el la los las lo un una unos unas su sus mi mis tu tus nuestro nuestra nuestros nuestras cada cualquier algun
    alguna algunos algunas varios varias muchos muchas otro otra otros otras mismo misma mismos mismas dos tres cuatro
    todo toda todos todas este esta estos estas ese esa esos esas sus distintos distintas diferentes propio propia`),
  en: set(`a an the their his her its my our your each every any some several many other same two three four all this
    that these those both one another different own`),
};

/** Before a verb: "can vote", "no puede inscribirse". */
export const MODALS: Record<Language, ReadonlySet<string>> = {
  es: set("puede pueden podra podran debe deben quiere quieren suele suelen no se le les solo"),
  en: set("can cannot can't cant could may might must should will would to not never only also"),
};

/** Function words after which an English word ending in -s is a verb, not a plural noun ("an app that sends"). */
export const RELATIVES: ReadonlySet<string> = set("that which who it he she");

/** Times and periods: "por día", "each month", "dos veces" are never records. */
export const TIME_WORDS: ReadonlySet<string> = set(`dia dias semana semanas mes meses ano anos hoy manana ayer noche noches
  tarde tardes hora horas minuto minutos momento vez veces rato final principio inicio fin vispera
  day days week weeks month months year years today tomorrow yesterday night nights evening hour hours minute
  minutes moment time times once twice end start beginning while`);

/** Quantities and manners: "several", "once", "cuánto" describe, they are not things. */
export const QUANTIFIERS: ReadonlySet<string> = set(`varios varias muchos muchas pocos pocas poco mucho cuanto cuanta cuantos
  cuantas cuantas nada algo solo sola solamente siempre nunca jamas ya tambien bastante demasiado mas menos
  several many few much more less most only just also always never ever every each whom whose what which how
  doble double single triple uno one dos two tres three cero zero`);

/** What an app is called, not what it stores: "a gradebook", "una agenda", "el control de stock". */
export const APP_KINDS: ReadonlySet<string> = set(`app apps aplicacion aplicaciones web sitio pagina paginas plataforma sistema
  herramienta gestion gestor control agenda inventario registro registros listado lista listas informe informes panel caja
  cartilla historia historial acortador organizador planificador programa servicio-web tablon
  tool site page platform system inventory gradebook timetable schedule log logs list lists report reports dashboard
  tracker manager planner organizer organiser shortener helpdesk forum directory catalogue catalog board portal`);

/** Counts a rule keeps, never records: "cuenta los clics". */
export const COUNT_WORDS: ReadonlySet<string> = set("clic clics click clicks visitas-count hits views vistas descargas downloads");

/** Endings of words that describe or act rather than name (adverbs, gerunds, infinitives, participles). */
export function describesOrActs(folded: string, language: Language): boolean {
  if (language === "es") {
    return (
      /(mente|ando|iendo)$/.test(folded) ||
      (folded.length > 5 && /(ar|er|ir|arse|erse|irse)$/.test(folded)) ||
      isParticiple(folded, language)
    );
  }
  return /(ly|ing)$/.test(folded) || (folded.length > 4 && /ed$/.test(folded)) || isParticiple(folded, language);
}

const EN_IRREGULAR = set("paid written sent made held given done kept sold bought spent lent taken seen shown known chosen brought");

/** "pagados", "escritas", "assigned", "paid": between a record and the preposition that links it. */
export function isParticiple(folded: string, language: Language): boolean {
  if (language === "es")
    return folded.length > 4 && /(ado|ada|ados|adas|ido|ida|idos|idas|ito|ita|itos|itas|cho|cha|chos|chas)$/.test(folded);
  return EN_IRREGULAR.has(folded) || (folded.length > 4 && /ed$/.test(folded));
}

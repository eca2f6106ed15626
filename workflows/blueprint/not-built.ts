/**
 * What the offline model does not build, said instead of invented: features that need an outside
 * service or a larger app (sending SMS, sign-in, payments, maps) and rule wording it did not
 * recognise ("a class cannot be overbooked"). Each note names the words of the idea it is about.
 */
import type { Language } from "./grammar";
import type { Reading } from "./reading";
import type { Token } from "./tokens";
import { isWord, phrase } from "./tokens";

interface Gap {
  words: RegExp;
  es: string;
  en: string;
}

const GAPS: readonly Gap[] = [
  {
    words: /^(sms|whatsapp|push|telegram|recordatorios?|notificacion(es)?|reminders?|notifications?|avisos?)$/,
    es: "enviar mensajes o avisos necesita un servicio externo (SMS, correo, push)",
    en: "sending messages or reminders needs an outside service (SMS, email, push)",
  },
  {
    words: /^(login|logins|signup|auth|autenticacion|authentication|contrasenas?|passwords?|sesion)$/,
    es: "cuentas de usuario e inicio de sesión: la app no tiene usuarios ni contraseñas",
    en: "user accounts and sign-in: the app has no users or passwords",
  },
  {
    words: /^(stripe|paypal|tarjeta|tarjetas|card|checkout)$/,
    es: "cobros en línea: necesitan una pasarela de pago",
    en: "online payments: they need a payment provider",
  },
  { words: /^(mapas?|maps?|gps)$/, es: "mapas: necesitan un servicio de mapas", en: "maps: they need a map service" },
  {
    words: /^(fotos?|imagen(es)?|photos?|images?|adjuntos?|attachments?|archivos?|files?|subir|upload)$/,
    es: "subir fotos o archivos: la app guarda solo datos en JSON",
    en: "uploading photos or files: the app stores JSON data only",
  },
  { words: /^(pdf|excel|csv|exportar|export)$/, es: "exportar a PDF u hojas de cálculo", en: "exporting to PDF or spreadsheets" },
  { words: /^(graficos?|charts?|graphs?|estadisticas?|statistics|stats)$/, es: "gráficos y estadísticas", en: "charts and statistics" },
  { words: /^(chat|chats|mensajeria|messaging)$/, es: "chat en tiempo real", en: "real-time chat" },
  { words: /^(calendario|calendar)$/, es: "vista de calendario", en: "a calendar view" },
  { words: /^(busqueda|buscador|search|filtros?|filters?)$/, es: "búsqueda y filtros", en: "search and filters" },
  { words: /^(idiomas|languages|traduccion|translation)$/, es: "varios idiomas", en: "several languages" },
];

/** "no puede", "cannot", "must": wording that asks for a rule. */
const RULE_WORDING =
  /\b(no puede|no pueden|no se puede|no se pueden|nunca|cannot|can't|cant|must|never|debe|deben|solo|only|at most|como mucho|maximo|max)\b/;

/** The few words around a feature word, as the idea says them: "recordatorios por WhatsApp", "SMS reminders". */
function around(tokens: readonly Token[], at: number, language: Language): string {
  const index = tokens.findIndex((token) => token.at === at);
  const picked: Token[] = [];
  if (language === "en") {
    const before = tokens[index - 1];
    if (isWord(before) && /^[a-z]{2,}$/i.test(before.original) && before.original.toUpperCase() === before.original) picked.push(before);
    picked.push(tokens[index] as Token);
  } else {
    picked.push(tokens[index] as Token);
    const link = tokens[index + 1];
    const next = tokens[index + 2];
    if (isWord(link) && /^(por|de|con)$/.test(link.folded) && isWord(next)) picked.push(link, next);
  }
  return phrase(picked);
}

export function notBuilt(reading: Reading, handled: ReadonlySet<number>, language: Language): string[] {
  const es = language === "es";
  const notes: string[] = [];
  const seen = new Set<Gap>();
  for (const token of reading.tokens) {
    if (!isWord(token)) continue;
    const gap = GAPS.find((item) => item.words.test(token.folded));
    if (!gap || seen.has(gap)) continue;
    seen.add(gap);
    notes.push(`${around(reading.tokens, token.at, language)}: ${es ? gap.es : gap.en}`);
  }
  reading.spans.forEach((span, index) => {
    if (handled.has(index)) return;
    const words = reading.tokens.filter((token) => token.at >= span.from && token.at < span.to);
    notes.push(es ? `«${phrase(words)}»: regla que este modelo no reconoce` : `"${phrase(words)}": a rule this model does not recognise`);
  });
  // Rule wording with no cue the detector knows: "a class cannot be overbooked".
  for (const clause of reading.clauses) {
    const text = clause.map((token) => token.folded).join(" ");
    const covered = reading.spans.some((span) => clause.some((token) => token.at >= span.from && token.at < span.to));
    if (covered || !RULE_WORDING.test(text) || /negativ/.test(text)) continue;
    notes.push(es ? `«${phrase(clause)}»: regla que este modelo no reconoce` : `"${phrase(clause)}": a rule this model does not recognise`);
  }
  return notes.map((note) => note.slice(0, 200)).slice(0, 20);
}

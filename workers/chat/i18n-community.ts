import type { GalleryEntry, PublicationHold } from "../../shared/community";
import type { Locale } from "../../shared/locale";

/** What the bots say about publishing, the gallery and remixes, in both languages. */
export const communityMessages = {
  es: {
    published: (name: string, url: string) => `🌍 «${name}» es público: aparece en la galería y cualquiera puede verlo y clonarlo.\n${url}`,
    unlisted: (name: string, url: string) =>
      `🔗 «${name}» no está listado: lo ve quien tenga el enlace, pero no aparece en la galería.\n${url}`,
    held: (name: string, hold: PublicationHold, url: string) =>
      hold.code === "secret_found"
        ? `⚠️ «${name}» queda como no listado y fuera de la galería: hay un secreto (una clave o contraseña) en ${where("es", hold)}. Quítalo y vuelve a publicarlo con /publicar.\n${url}`
        : `⚠️ «${name}» no puede publicarse: la moderación lo retiró.`,
    hidden: (name: string) =>
      `🔒 «${name}» vuelve a ser privado: su página, sus archivos, su ZIP y su clonado dejan de estar disponibles para los demás.`,
    galleryTitle: (q: string | undefined) => (q ? `Lo más destacado de la galería para «${q}»:` : "Lo más destacado de la galería:"),
    galleryEmpty: (q: string | undefined) =>
      q ? `No hay proyectos públicos que coincidan con «${q}».` : "Todavía no hay proyectos públicos. Publica uno con /publicar.",
    galleryEntry: (e: GalleryEntry, url: string) =>
      `⭐ ${e.stars} · «${e.name}» de ${e.author} · ${e.language}\n${clip(e.summary)}\n${url}`,
    openGallery: "Ver la galería",
    remixed: (name: string, parent: string) => `🔀 Tu remix de «${parent}» está listo: «${name}» es tuyo, con toda su historia.`,
    remixEditing: "Ahora aplico tu instrucción como una edición: síguela en la consola.",
    remixEditRefused: (why: string) => `Tu instrucción no se aplicó, así que tu copia es igual al original. ${why}`,
    remixNeedsProject: "Di qué proyecto quieres remezclar: /remix <id del proyecto> [instrucción]",
    remixNotFound: "No encuentro ese proyecto, o no es público.",
    remixNotReady: "Ese proyecto aún no ha terminado ninguna generación: no hay nada que copiar todavía.",
  },
  en: {
    published: (name: string, url: string) => `🌍 “${name}” is public: it is in the gallery and anyone can see and clone it.\n${url}`,
    unlisted: (name: string, url: string) =>
      `🔗 “${name}” is unlisted: anyone with the link sees it, but it is not in the gallery.\n${url}`,
    held: (name: string, hold: PublicationHold, url: string) =>
      hold.code === "secret_found"
        ? `⚠️ “${name}” stays unlisted and out of the gallery: there is a secret (a key or password) in ${where("en", hold)}. Remove it and publish again with /publicar.\n${url}`
        : `⚠️ “${name}” cannot be published: moderation removed it.`,
    hidden: (name: string) => `🔒 “${name}” is private again: its page, files, ZIP and clone are no longer available to others.`,
    galleryTitle: (q: string | undefined) => (q ? `Top of the gallery for “${q}”:` : "Top of the gallery:"),
    galleryEmpty: (q: string | undefined) =>
      q ? `No public projects match “${q}”.` : "There are no public projects yet. Publish one with /publicar.",
    galleryEntry: (e: GalleryEntry, url: string) =>
      `⭐ ${e.stars} · “${e.name}” by ${e.author} · ${e.language}\n${clip(e.summary)}\n${url}`,
    openGallery: "Open the gallery",
    remixed: (name: string, parent: string) => `🔀 Your remix of “${parent}” is ready: “${name}” is yours, with all its history.`,
    remixEditing: "Now I apply your instruction as an edit: follow it in the console.",
    remixEditRefused: (why: string) => `Your instruction was not applied, so your copy is the same as the original. ${why}`,
    remixNeedsProject: "Say which project to remix: /remix <project id> [instruction]",
    remixNotFound: "I can't find that project, or it is not public.",
    remixNotReady: "That project has not finished a generation yet: there is nothing to copy.",
  },
} as const;

export const tc = (locale: Locale) => communityMessages[locale];

function where(locale: Locale, hold: { path: string; line: number }): string {
  const place =
    hold.path === "(idea)"
      ? locale === "es"
        ? "la idea"
        : "the idea"
      : hold.path === "(name)"
        ? locale === "es"
          ? "el nombre"
          : "the name"
        : hold.path;
  return locale === "es" ? `${place}, línea ${hold.line}` : `${place}, line ${hold.line}`;
}

function clip(text: string): string {
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

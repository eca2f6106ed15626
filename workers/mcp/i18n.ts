import type { Locale } from "../chat/i18n";

/** The few sentences only the MCP server says; everything else is the bots' wording (chat/i18n.ts). */
const messages = {
  es: {
    fileNotFound: (path: string) => `Ese proyecto no tiene el archivo ${path}.`,
  },
  en: {
    fileNotFound: (path: string) => `That project has no file ${path}.`,
  },
} as const;

export const mcpText = (locale: Locale) => messages[locale];

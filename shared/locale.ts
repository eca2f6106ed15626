/** The languages users speak to AUTOCREA in: Spanish first, English too. */
export type Locale = "es" | "en";

export const LOCALES: readonly Locale[] = ["es", "en"];

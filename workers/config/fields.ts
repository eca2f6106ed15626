import { z } from "zod";

/** Building blocks for vars.ts: how a text var becomes a typed value. */

/** Blank counts as unset, so `.dev.vars` lines can be left empty; values are trimmed. */
export const text = () =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

/** A secret: optional everywhere, since every front-end and provider is optional. */
export const secret = text;

/** Unset or blank: the default. */
export const textOr = (fallback: string) => text().transform((v) => v ?? fallback);

/** Vars are text: "10" is read as 10. Blank is 0, as `Number("")` always read it. */
export const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/** A limit that must be above zero (0 would refuse everyone): unset or blank is the default. */
export const positive = (fallback: number, options: { integer: boolean } = { integer: true }) =>
  textOr(String(fallback))
    .transform(Number)
    .pipe(options.integer ? z.number().int().positive() : z.number().positive());

export const url = (fallback: string) => z.url().default(fallback);

/** A URL without its trailing slashes, so `${base}/path` never doubles one. */
export const baseUrl = (fallback: string) => url(fallback).transform((v) => v.replace(/\/+$/, ""));

/** Unset or blank: the default; otherwise a URL. Kept verbatim (the SDKs take it as given). */
export const urlOr = (fallback: string) => textOr(fallback).pipe(z.url());

export const json = <S extends z.ZodType>(schema: S) =>
  z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw);
      } catch {
        ctx.addIssue({ code: "custom", message: "is not JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);

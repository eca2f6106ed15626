/**
 * Who is looking at the console, asked once per page load from `GET /api/session`, which answers
 * 200 whether or not anyone is signed in: no request of the first load can end in a 401.
 */
import * as z from "zod/mini";
import { getJson } from "./api";

const sessionSchema = z.object({
  signedIn: z.boolean(),
  accountId: z.optional(z.string()),
  admin: z.optional(z.boolean()),
  development: z.optional(z.boolean()),
});

export type Session = z.infer<typeof sessionSchema>;

let current: Session = { signedIn: false };

export async function loadSession(): Promise<Session> {
  current = sessionSchema.parse(await getJson("/api/session"));
  return current;
}

export function session(): Session {
  return current;
}

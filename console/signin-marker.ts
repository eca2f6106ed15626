/**
 * Remembers, for this tab only, that the console just followed a development sign-in link. The
 * link sets a `__Host-…; Secure` cookie and lands on `/`; a browser that drops that cookie (plain
 * http on a LAN address) would land here signed out and follow another link, forever. With the
 * marker the console tries once per page load and then explains instead.
 */
const KEY = "autocrea.devSignIn";
export const DEV_SIGNIN_TRIED = "tried";

/** Sets the marker; false when this tab cannot keep it (then do not sign in automatically). */
export function markDevSignIn(): boolean {
  try {
    sessionStorage.setItem(KEY, DEV_SIGNIN_TRIED);
    return true;
  } catch {
    return false;
  }
}

/** Clears the marker and returns what it held. */
export function forgetDevSignIn(): string | null {
  try {
    const value = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    return value;
  } catch {
    return null;
  }
}

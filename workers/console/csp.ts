/**
 * The console's Content-Security-Policy: scripts and styles only from this origin (no inline
 * script, no eval), no plugins, no framing, and Trusted Types enforced so no code path can hand a
 * string to an HTML sink. `web/_headers` carries the same policy for the static files; a test
 * keeps the two equal.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join("; ");

/** Headers for every console page the Worker serves itself (share links). */
export const CONSOLE_PAGE_HEADERS: Record<string, string> = {
  "content-security-policy": CONSOLE_CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

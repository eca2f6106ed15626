/**
 * Who a request comes from, for per-client budgets (rate limits, share viewers per address).
 *
 * In production Cloudflare's edge sets `CF-Connecting-IP` and overwrites any value a client sent,
 * so it can be relied on. Locally, `wrangler dev` sets the same header from the socket's address
 * (miniflare's entry worker; checked with wrangler 4.164, and with 4.156.2, the pinned one, on 2026-12-01), but keeps one a client sent itself: on
 * a stack exposed with `HOST=0.0.0.0` a client can pick its bucket, which only matters there.
 * Without the header (the tests' in-process requests, a service binding) every request shares one
 * bucket, `unknown`.
 */
export function clientKey(headers: Headers): string {
  const ip = headers.get("cf-connecting-ip")?.trim();
  if (!ip) return "unknown";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip)?.[1];
  if (mapped) return mapped;
  if (/^[0-9a-f:]+$/i.test(ip) && ip.includes(":")) return ipv6Prefix(ip) ?? ip.slice(0, 64);
  return ip.slice(0, 64);
}

/**
 * An IPv6 address's /64: one subscriber usually holds a whole /64, so keying on full addresses
 * would give one client 2^64 budgets.
 */
function ipv6Prefix(ip: string): string | null {
  const halves = ip.toLowerCase().split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<string>(missing).fill("0"), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

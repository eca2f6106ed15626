import { createMcpHandler } from "agents/mcp/server";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { accountForToken, bearerToken } from "../api/auth";
import { localeFrom } from "../chat/i18n";
import { apiError } from "../lib/errors";
import { autocreaServer } from "./server";
import type { McpSession } from "./session";

/** RFC 6750: a 401 names the scheme, and says when the token itself was the problem. */
const CHALLENGE = 'Bearer realm="autocrea"';

/**
 * `/mcp`: AUTOCREA as an MCP server (Streamable HTTP). Only the `Authorization: Bearer` header
 * counts (never the console's cookie, never `?token=`), checked on every request against the
 * account's store, so nothing about the account outlives the request. The handler is stateless:
 * each request gets a fresh server, and a long `crear` answers over SSE while its run goes on in
 * the Workflow, so no Worker path waits on it.
 */
export const mcp = new Hono<AppEnv>().all("/", async (c) => {
  // A browser's CORS preflight carries no credentials; the handler answers it without a server.
  const session = c.req.method === "OPTIONS" ? null : await authenticate(c);
  const handler = createMcpHandler(
    () => {
      if (!session) throw new Error("an unauthenticated request reached the MCP server");
      return autocreaServer(session);
    },
    { route: "/mcp", ...(session ? { authContext: { props: { accountId: session.accountId } } } : {}) },
  );
  return handler.fetch(c.req.raw);
});

async function authenticate(c: Context<AppEnv>): Promise<McpSession> {
  const token = bearerToken(c.req.header("authorization"));
  if (!token) throw unauthorized("missing Authorization: Bearer <token>", CHALLENGE);
  const accountId = await accountForToken(c.env, token);
  if (!accountId) throw unauthorized("invalid token", `${CHALLENGE}, error="invalid_token"`);
  c.set("accountId", accountId);
  return { env: c.env, accountId, locale: localeFrom(c.req.header("accept-language")) };
}

/** The API's 401 body, with the challenge MCP clients look for. */
function unauthorized(message: string, challenge: string): HTTPException {
  const res = apiError(401, "unauthorized", message).getResponse();
  const headers = new Headers(res.headers);
  headers.set("www-authenticate", challenge);
  return new HTTPException(401, { res: new Response(res.body, { status: 401, headers }), message });
}

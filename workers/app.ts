import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { discord } from "./chat/discord";
import { telegram } from "./chat/telegram";
import { projects } from "./api/projects";
import { runs } from "./api/runs";
import { account } from "./api/account";
import { accountKeys } from "./api/account-keys";
import { assistantToken } from "./api/assistant-token";
import { billing } from "./billing/routes";
import { stripeWebhook } from "./billing/webhook";
import { limitByIp } from "./lib/rate-limit";
import { session } from "./api/session";
import type { AppEnv } from "./app-env";
import { health } from "./health";
import { apiError } from "./lib/errors";
import { log } from "./lib/log";
import { consoleAuth } from "./console/auth-routes";
import { downloadProject, ownerProject, sharedProject } from "./artifacts/access";
import { shareAdmin } from "./console/share-routes";
import { mcp } from "./mcp/route";
import { gallery } from "./community/gallery-routes";
import { communityProject } from "./community/project-routes";
import { admin } from "./community/admin-routes";
import { gitHttp } from "./git/routes";
import { githubExport } from "./github/routes";

/** Every HTTP surface, mounted; the entry module (index.ts) adds the cron and the classes. */
export const app = new Hono<AppEnv>();

app.use("*", async (c, next) => {
  const started = Date.now();
  await next();
  // The path only (a query string may hold a token), with an old-style ZIP link's token cut off.
  log("request", {
    method: c.req.method,
    path: new URL(c.req.url).pathname.replace(/^(\/dl\/[^/]+\/).+$/, "$1:token"),
    status: c.res.status,
    ms: Date.now() - started,
    account: c.get("accountId"),
  });
});

app.use("/api/*", limitByIp("api"));
app.use("/stripe/*", limitByIp("webhook"));
app.use("/discord/*", limitByIp("webhook"));
app.use("/telegram/*", limitByIp("webhook"));
// Public pages that reach a Durable Object by an id in the URL: limited like the API.
app.use("/p/*", limitByIp("api"));
app.use("/dl/*", limitByIp("api"));
app.use("/auth/*", limitByIp("api"));
app.use("/mcp", limitByIp("api"));
app.use("/git/*", limitByIp("api"));

app.route("/health", health);
app.route("/api/session", session);
app.route("/api/projects", projects);
// Before the owner's routes on a project: stars and reports are for any account that can see it.
app.route("/api/projects/:id", communityProject);
app.route("/api/projects/:id/share", shareAdmin);
app.route("/api/projects/:id/runs", runs);
// The GitHub export is the owner's action on a project, not an artifact: mounted before them.
app.route("/api/projects/:id/github", githubExport);
// One project's artifacts, the same under each way in (workers/artifacts/).
app.route("/api/projects/:id", ownerProject);
app.route("/api/account/keys", accountKeys);
app.route("/api/account/assistant-token", assistantToken);
app.route("/api/account", account);
app.route("/api/billing", billing);
app.route("/api/gallery", gallery);
app.route("/api/admin", admin);
app.route("/dl/:id", downloadProject);
app.route("/discord", discord);
app.route("/telegram", telegram);
app.route("/stripe", stripeWebhook);
app.route("/auth", consoleAuth);
app.route("/p/:id", sharedProject);
app.route("/mcp", mcp);
app.route("/git", gitHttp);

app.notFound(() => apiError(404, "not_found", "no such route").getResponse());

app.onError((err, c) => {
  if (err instanceof HTTPException) return err.getResponse();
  log("error", { path: new URL(c.req.url).pathname, outcome: "error", detail: `${err.name}: ${err.message}`.slice(0, 300) });
  return apiError(500, "internal", "internal error").getResponse();
});

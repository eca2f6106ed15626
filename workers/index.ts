import { app } from "./app";
import { STARTUP_CRON } from "./runs/startup";
import { sweepRuns } from "./runs/sweep";

export { ProjectRoom } from "../durable-objects/project-room/project-room";
export { AccountStore } from "../durable-objects/account-store/account-store";
export { IdentityLink } from "../durable-objects/identity-link/identity-link";
export { RateLimiter } from "../durable-objects/rate-limiter/rate-limiter";
export { RunIndex } from "../durable-objects/run-index/run-index";
export { GenerateApp } from "../workflows/generate-app/generate-app";

export default {
  fetch: app.fetch,
  /**
   * The periodic healer (wrangler.toml `[triggers] crons`). `npm start` calls it with STARTUP_CRON
   * as soon as the local stack is up: every run it finds was cut off by the restart, so none waits.
   */
  scheduled(controller, env, ctx) {
    const startup = controller.cron === STARTUP_CRON;
    ctx.waitUntil(sweepRuns(env, startup ? "startup" : "cron", startup ? { afterMs: 0, batch: 1000 } : {}));
  },
} satisfies ExportedHandler<Env>;

import { Hono } from "hono";

export { ProjectRoom } from "../durable-objects/project-room";
export { AccountStore } from "../durable-objects/account-store";
export { GenerateApp } from "../workflows/generate-app";

const app = new Hono<{ Bindings: Env }>();
app.get("/health", (c) => c.json({ status: "ok" }));

export default app satisfies ExportedHandler<Env>;

import { Hono } from "hono";
import pkg from "../package.json";
import type { AppEnv } from "./app-env";
import { configuredModels } from "../workflows/models/registry";
import { config } from "./config/config";

export const health = new Hono<AppEnv>().get("/", (c) =>
  c.json({
    status: "ok",
    version: pkg.version,
    environment: config(c.env).ENVIRONMENT,
    models: configuredModels(c.env),
  }),
);

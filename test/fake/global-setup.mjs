// vitest globalSetup: the fake model servers, on the port vitest.config.ts put in the bindings.
import { startFakeModels } from "./model-server.mjs";

export default async function setup() {
  const port = Number(process.env.AUTOCREA_FAKE_MODELS_PORT);
  if (!port) throw new Error("AUTOCREA_FAKE_MODELS_PORT is not set: vitest.config.ts picks it");
  const server = await startFakeModels(port);
  return () => new Promise((resolve) => server.close(() => resolve(undefined)));
}

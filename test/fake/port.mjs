// A free port on 127.0.0.1 for the fake model servers, chosen once per vitest process.
import { createServer } from "node:net";

export async function fakeModelsPort() {
  if (!process.env.AUTOCREA_FAKE_MODELS_PORT) {
    const port = await new Promise((resolve, reject) => {
      const probe = createServer();
      probe.once("error", reject);
      probe.listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    process.env.AUTOCREA_FAKE_MODELS_PORT = String(port);
  }
  return Number(process.env.AUTOCREA_FAKE_MODELS_PORT);
}

// A fake Stripe API on 127.0.0.1 for the tests, started once by vitest (globalSetup). It answers
// the two calls the product makes (Checkout Sessions, Billing Portal sessions) the way Stripe's
// API does (form-encoded in, JSON out) and records every request, so a test can read back what
// the Worker sent with GET /__requests. Plain JS: it runs in Node, outside workerd and tsc.
import { createServer } from "node:http";

/** @type {Array<{ method: string; path: string; authorization: string; form: Record<string, string> }>} */
const requests = [];
let counter = 0;

const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const path = (req.url ?? "/").split("?")[0];
    const send = (status, json) => {
      res.writeHead(status, { "content-type": "application/json", "request-id": `req_fake_${counter}` });
      res.end(JSON.stringify(json));
    };
    if (req.method === "GET" && path === "/__requests") return send(200, requests);
    const form = Object.fromEntries(new URLSearchParams(body));
    requests.push({ method: req.method ?? "", path, authorization: req.headers.authorization ?? "", form });
    counter += 1;
    if (!String(req.headers.authorization).startsWith("Bearer sk_test_")) {
      return send(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
    }
    if (req.method === "POST" && path === "/v1/checkout/sessions") {
      const price = form["line_items[0][price]"];
      if (price && !price.startsWith("price_ok")) {
        return send(400, {
          error: {
            type: "invalid_request_error",
            code: "resource_missing",
            message: `No such price: '${price}'`,
            param: "line_items[0][price]",
          },
        });
      }
      const id = `cs_test_${counter}`;
      return send(200, {
        id,
        object: "checkout.session",
        mode: form.mode,
        client_reference_id: form.client_reference_id ?? null,
        customer: form.customer ?? null,
        url: `https://checkout.stripe.test/c/pay/${id}`,
        status: "open",
      });
    }
    if (req.method === "POST" && path === "/v1/billing_portal/sessions") {
      const id = `bps_${counter}`;
      return send(200, {
        id,
        object: "billing_portal.session",
        customer: form.customer,
        url: `https://billing.stripe.test/p/session/${id}`,
      });
    }
    return send(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${path})` } });
  });
});

/** @param {{ provide: (key: string, value: unknown) => void }} project */
export default async function setup(project) {
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  project.provide("stripeApiBase", `http://127.0.0.1:${port}`);
  return () => new Promise((resolve) => server.close(() => resolve(undefined)));
}

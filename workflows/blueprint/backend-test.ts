/**
 * test/api.test.js of a blueprint project: node:test against a real server on an ephemeral port.
 * It walks entities.js, so every entity of the plan gets CRUD, validation and 404 checks.
 */
import type { Plan } from "../plan";
import { toJsonSource } from "./text";

const WORDS = {
  es: { first: "Ejemplo", second: "Otro ejemplo", text: "Un texto\ncon dos líneas", notNumber: "muchos", notBoolean: "sí" },
  en: { first: "Sample", second: "Another sample", text: "Some text\non two lines", notNumber: "many", notBoolean: "yes" },
} as const;

export function renderApiTest(plan: Plan): string {
  const words = WORDS[plan.language];
  const samples = {
    string: { valid: words.first, changed: words.second, invalid: 42 },
    text: { valid: words.text, changed: words.second, invalid: { nested: true } },
    integer: { valid: 3, changed: 7, invalid: 1.5 },
    number: { valid: 19.95, changed: 5, invalid: words.notNumber },
    boolean: { valid: true, changed: false, invalid: words.notBoolean },
    date: { valid: "2026-05-04", changed: "2026-06-01", invalid: "2026-02-30" },
    email: { valid: "ana@example.com", changed: "luis@example.org", invalid: "not-an-email" },
  };
  return String.raw`// Starts the real server on a free port and checks every entity's API: CRUD, validation by
// field, 404s, the body size limit, the static files and persistence across restarts.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { entities } from "../src/entities.js";
import { createApp } from "../src/server.js";

/** For each field type: a valid value, a second valid value and a value of the wrong kind. */
const SAMPLES = ${toJsonSource(samples)};

let dataDir;
let server;
let base;

function sample(entity, kind) {
  return Object.fromEntries(entity.fields.map((field) => [field.name, SAMPLES[field.type][kind]]));
}

async function start() {
  const app = await createApp({ dataDir });
  await new Promise((resolve) => app.listen(0, "127.0.0.1", resolve));
  return app;
}

async function stop(app) {
  app.closeAllConnections();
  await new Promise((resolve) => app.close(resolve));
}

async function call(method, path, body, contentType = "application/json") {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers["content-type"] = contentType;
    init.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === "" ? undefined : JSON.parse(text) };
}

/** A request with the path sent byte for byte: fetch would normalise "..". */
function rawStatus(path) {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: server.address().port, path }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
    req.end();
  });
}

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "api-test-"));
  server = await start();
  base = "http://127.0.0.1:" + server.address().port;
});

after(async () => {
  await stop(server);
  await rm(dataDir, { recursive: true, force: true });
});

test("GET /health answers ok", async () => {
  const res = await call("GET", "/health");
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { status: "ok" });
});

for (const entity of entities) {
  const path = "/api/" + entity.plural;

  describe(path, () => {
    test("creates, reads, lists, replaces, updates and deletes", async () => {
      const created = await call("POST", path, sample(entity, "valid"));
      assert.equal(created.status, 201);
      assert.equal(typeof created.body.id, "string");
      for (const field of entity.fields) assert.deepEqual(created.body[field.name], SAMPLES[field.type].valid, field.name);
      const item = path + "/" + created.body.id;

      const read = await call("GET", item);
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, created.body);

      const list = await call("GET", path);
      assert.equal(list.status, 200);
      assert.ok(list.body.some((record) => record.id === created.body.id));

      const replaced = await call("PUT", item, sample(entity, "changed"));
      assert.equal(replaced.status, 200);
      for (const field of entity.fields) assert.deepEqual(replaced.body[field.name], SAMPLES[field.type].changed, field.name);

      const [first, ...others] = entity.fields;
      const patched = await call("PATCH", item, { [first.name]: SAMPLES[first.type].valid });
      assert.equal(patched.status, 200);
      assert.deepEqual(patched.body[first.name], SAMPLES[first.type].valid);
      for (const field of others) assert.deepEqual(patched.body[field.name], SAMPLES[field.type].changed, field.name);

      assert.equal((await call("DELETE", item)).status, 204);
      assert.equal((await call("GET", item)).status, 404);
      assert.equal((await call("DELETE", item)).status, 404);
    });

    test("names every missing required field", async () => {
      const required = entity.fields.filter((field) => field.required).map((field) => field.name);
      const res = await call("POST", path, {});
      if (required.length === 0) return assert.equal(res.status, 201);
      assert.equal(res.status, 400);
      assert.deepEqual(Object.keys(res.body.fields).sort(), [...required].sort());
    });

    for (const field of entity.fields) {
      test("rejects a wrong " + field.type + " in " + field.name + ", naming only that field", async () => {
        const wrong = { [field.name]: SAMPLES[field.type].invalid };
        const posted = await call("POST", path, { ...sample(entity, "valid"), ...wrong });
        assert.equal(posted.status, 400);
        assert.deepEqual(Object.keys(posted.body.fields), [field.name]);

        const created = await call("POST", path, sample(entity, "valid"));
        const patched = await call("PATCH", path + "/" + created.body.id, wrong);
        assert.equal(patched.status, 400);
        assert.deepEqual(Object.keys(patched.body.fields), [field.name]);
      });
    }

    test("rejects unknown fields, broken JSON and other content types", async () => {
      const unknown = await call("POST", path, { ...sample(entity, "valid"), notAField: 1 });
      assert.equal(unknown.status, 400);
      assert.ok(unknown.body.fields.notAField);
      assert.equal((await call("POST", path, "{broken")).status, 400);
      assert.equal((await call("POST", path, "[]")).status, 400);
      assert.equal((await call("POST", path, "a=1", "application/x-www-form-urlencoded")).status, 415);
    });

    test("answers 404 for ids that do not exist", async () => {
      const missing = path + "/does-not-exist";
      assert.equal((await call("GET", missing)).status, 404);
      assert.equal((await call("PUT", missing, sample(entity, "valid"))).status, 404);
      assert.equal((await call("DELETE", missing)).status, 404);
    });
  });
}

test("refuses bodies over 64 KB with 413", async () => {
  const res = await call("POST", "/api/" + entities[0].plural, JSON.stringify({ padding: "x".repeat(70 * 1024) }));
  assert.equal(res.status, 413);
});

test("answers 404 for unknown API routes", async () => {
  assert.equal((await call("GET", "/api/not-a-resource")).status, 404);
  assert.equal((await call("GET", "/api/" + entities[0].plural + "/a/b")).status, 404);
});

test("serves the app, its pages and its assets", async () => {
  for (const page of ["/", ...entities.map((entity) => "/" + entity.plural)]) {
    const res = await fetch(base + page);
    assert.equal(res.status, 200, page);
    assert.match(res.headers.get("content-type"), /text\/html/);
  }
  assert.match((await fetch(base + "/app.js")).headers.get("content-type"), /javascript/);
  assert.equal((await fetch(base + "/missing.css")).status, 404);
});

test("never serves files outside public/", async () => {
  for (const path of ["/../package.json", "/%2e%2e/src/server.js", "/..%2fsrc%2fserver.js", "/..%5csrc%5cserver.js"]) {
    assert.equal(await rawStatus(path), 404, path);
  }
});

test("keeps records across restarts when a data directory is set", async () => {
  const entity = entities[0];
  const created = await call("POST", "/api/" + entity.plural, sample(entity, "valid"));
  const restarted = await start();
  try {
    const res = await fetch("http://127.0.0.1:" + restarted.address().port + "/api/" + entity.plural + "/" + created.body.id);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), created.body);
  } finally {
    await stop(restarted);
  }
});
`;
}

/**
 * test/api.test.js of a blueprint project: node:test against a real server on an ephemeral port.
 * It walks entities.js, so every entity of the plan gets CRUD, validation by field type and range,
 * references (checked on write, kept on delete, listed on the parent), enum transitions and
 * unique values, and the server's limits.
 */
export function renderApiTest(): string {
  return String.raw`// Starts the real server on a free port and checks every entity's API: CRUD, validation by field,
// references, transitions, uniques, 404s, the body size limit, the static files and persistence.
import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, test } from "node:test";
import { childrenOf, entities } from "../src/entities.js";
import { rules } from "../src/rules.js";
import { createRecord, invalidFor, startServer, validBody } from "./support.js";

let app;
const call = (...args) => app.call(...args);

/** A request with the path sent byte for byte: fetch would normalise "..". */
function rawStatus(path) {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: app.server.address().port, path }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Fields a client writes and reads back as sent: not server-owned, not made up by the server. */
const written = (entity) => entity.fields.filter((field) => !field.readOnly && !field.auto);

before(async () => {
  app = await startServer();
});

after(async () => {
  await app.stop();
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
      const body = await validBody(call, entity);
      const created = await call("POST", path, body);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(typeof created.body.id, "string");
      for (const field of written(entity)) assert.deepEqual(created.body[field.name], body[field.name], field.name);
      const item = path + "/" + created.body.id;

      const read = await call("GET", item);
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, created.body);

      const list = await call("GET", path);
      assert.equal(list.status, 200);
      assert.ok(list.body.some((record) => record.id === created.body.id));

      const changed = await validBody(call, entity, "changed");
      const replaced = await call("PUT", item, changed);
      assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
      for (const field of written(entity)) assert.deepEqual(replaced.body[field.name], changed[field.name], field.name);

      // PATCH changes only what it names: a plain field, not a reference or a status with steps.
      const plain = written(entity).find((field) => field.type !== "reference" && !field.transitions && !field.unique);
      if (plain) {
        const patched = await call("PATCH", item, { [plain.name]: body[plain.name] });
        assert.equal(patched.status, 200, JSON.stringify(patched.body));
        assert.deepEqual(patched.body[plain.name], body[plain.name]);
        for (const field of written(entity)) if (field !== plain) assert.deepEqual(patched.body[field.name], changed[field.name], field.name);
      }

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

    for (const field of written(entity)) {
      test("rejects a wrong " + field.type + " in " + field.name + ", naming only that field", async () => {
        const wrong = { [field.name]: invalidFor(field) };
        const posted = await call("POST", path, { ...(await validBody(call, entity)), ...wrong });
        assert.equal(posted.status, 400, JSON.stringify(posted.body));
        assert.deepEqual(Object.keys(posted.body.fields), [field.name]);

        const created = await createRecord(call, entity);
        const patched = await call("PATCH", path + "/" + created.id, wrong);
        assert.equal(patched.status, 400);
        assert.deepEqual(Object.keys(patched.body.fields), [field.name]);
      });
    }

    for (const field of entity.fields.filter((item) => item.readOnly)) {
      test("sets " + field.name + " itself and ignores what clients send", async () => {
        const created = await call("POST", path, { ...(await validBody(call, entity)), [field.name]: field.type === "boolean" ? true : 99 });
        assert.equal(created.status, 201);
        assert.equal(created.body[field.name], field.type === "boolean" ? false : 0);
      });
    }

    for (const field of entity.fields.filter((item) => item.unique && !item.readOnly)) {
      test("keeps " + field.name + " unique", async () => {
        const first = await createRecord(call, entity);
        const again = await call("POST", path, { ...(await validBody(call, entity)), [field.name]: first[field.name] });
        assert.equal(again.status, 409);
        assert.ok(again.body.fields[field.name]);
      });
    }

    for (const field of entity.fields.filter((item) => item.transitions)) {
      test(field.name + " moves only along its steps", async () => {
        const created = await createRecord(call, entity);
        assert.equal(created[field.name], field.values[0]);
        const allowed = field.transitions.find((step) => step.from === field.values[0])?.to ?? [];
        const skipped = field.values.find((value) => value !== field.values[0] && !allowed.includes(value));
        if (skipped) {
          const refused = await call("PATCH", path + "/" + created.id, { [field.name]: skipped });
          assert.equal(refused.status, 409);
          assert.ok(refused.body.fields[field.name]);
        }
        if (allowed[0]) {
          const moved = await call("PATCH", path + "/" + created.id, { [field.name]: allowed[0] });
          assert.equal(moved.status, 200);
          assert.equal(moved.body[field.name], allowed[0]);
        }
        const late = await call("POST", path, { ...(await validBody(call, entity)), [field.name]: field.values[field.values.length - 1] });
        assert.equal(late.status, 409, "a new record starts at the first step");
      });
    }

    for (const { entity: child, field } of childrenOf(entity)) {
      test("lists its " + child.plural + " and keeps itself while they point at it", async () => {
        const record = await createRecord(call, child);
        const parent = record[field.name];
        const approval = rules.find((rule) => rule.type === "approval" && rule.entity === child.name);
        if (approval) assert.equal((await call("POST", "/api/" + child.plural + "/" + record.id + "/approve")).status, 200);
        const related = await call("GET", path + "/" + parent + "/" + child.plural);
        assert.equal(related.status, 200);
        assert.deepEqual(related.body.map((item) => item.id), [record.id]);
        const refused = await call("DELETE", path + "/" + parent);
        assert.equal(refused.status, 409);
        assert.equal((await call("DELETE", "/api/" + child.plural + "/" + record.id)).status, 204);
        assert.equal((await call("DELETE", path + "/" + parent)).status, 204);
      });
    }

    test("rejects unknown fields, broken JSON and other content types", async () => {
      const unknown = await call("POST", path, { ...(await validBody(call, entity)), notAField: 1 });
      assert.equal(unknown.status, 400);
      assert.ok(unknown.body.fields.notAField);
      assert.equal((await call("POST", path, "{broken")).status, 400);
      assert.equal((await call("POST", path, "[]")).status, 400);
      assert.equal((await call("POST", path, "a=1", "application/x-www-form-urlencoded")).status, 415);
    });

    test("answers 404 for ids that do not exist", async () => {
      const missing = path + "/does-not-exist";
      assert.equal((await call("GET", missing)).status, 404);
      assert.equal((await call("PUT", missing, await validBody(call, entity))).status, 404);
      assert.equal((await call("DELETE", missing)).status, 404);
    });
  });
}

test("GET /api/meta gives the UI the entities and rules the server enforces", async () => {
  const res = await call("GET", "/api/meta");
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { entities, rules });
});

test("refuses bodies over 64 KB with 413", async () => {
  const res = await call("POST", "/api/" + entities[0].plural, JSON.stringify({ padding: "x".repeat(70 * 1024) }));
  assert.equal(res.status, 413);
});

test("answers 404 for unknown API routes", async () => {
  assert.equal((await call("GET", "/api/not-a-resource")).status, 404);
  assert.equal((await call("GET", "/api/" + entities[0].plural + "/a/b/c")).status, 404);
});

test("serves the app, its pages and its assets", async () => {
  for (const page of ["/", ...entities.map((entity) => "/" + entity.plural)]) {
    const res = await fetch(app.base + page);
    assert.equal(res.status, 200, page);
    assert.match(res.headers.get("content-type"), /text\/html/);
  }
  assert.match((await fetch(app.base + "/app.js")).headers.get("content-type"), /javascript/);
  assert.equal((await fetch(app.base + "/missing.css")).status, 404);
});

test("never serves files outside public/", async () => {
  for (const path of ["/../package.json", "/%2e%2e/src/server.js", "/..%2fsrc%2fserver.js", "/..%5csrc%5cserver.js"]) {
    assert.equal(await rawStatus(path), 404, path);
  }
});

test("keeps records across restarts when a data directory is set", async () => {
  const entity = entities[0];
  const created = await createRecord(call, entity);
  const restarted = await startServer({ dataDir: app.dataDir });
  try {
    const res = await restarted.call("GET", "/api/" + entity.plural + "/" + created.id);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, created);
  } finally {
    await restarted.stop({ keep: true });
  }
});
`;
}

/**
 * test/rules.test.js of a blueprint project: one test per rule of the plan that proves it does
 * what its description says, through the HTTP API: the overlapping booking refused, the second
 * vote refused, the overdue loan listed, the daily total added up, the redirect counted, the
 * comment hidden until approved.
 */
import type { Plan } from "../plan";
import { featuresOf, when } from "./features";

/** A plan without rules still gets the file its plan lists; it says why it is short. */
const NO_RULES = String.raw`// One test per rule in src/rules.js: this plan has none. test/api.test.js covers every entity.
import assert from "node:assert/strict";
import { test } from "node:test";
import { rules } from "../src/rules.js";

test("the plan has no rules beyond CRUD", () => {
  assert.deepEqual(rules, []);
});
`;

export function renderRulesTest(plan: Plan): string {
  const has = featuresOf(plan);
  if (!has.rules) return NO_RULES;
  return String.raw`// One test per rule in src/rules.js, through the real HTTP API.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { byName } from "../src/entities.js";
import { rules } from "../src/rules.js";
import { createRecord, dayAfter, next, startServer, validBody, valueFor } from "./support.js";

let app;
const call = (...args) => app.call(...args);

before(async () => {
  app = await startServer();
});

after(async () => {
  await app.stop();
});

const fieldOf = (entity, name) => entity.fields.find((field) => field.name === name);
${when(has.totals || has.balance, "const round = (value) => Math.round(value * 100) / 100;\n")}${when(
  has.derivedList,
  String.raw`
/** Sets body so one condition of a derived list holds (want) or fails; false when it cannot fail this way. */
function shape(entity, body, condition, want) {
  const field = fieldOf(entity, condition.field);
  if (condition.today) {
    const past = field.type === "date" ? "2000-01-01" : "2000-01-01T00:00";
    const future = field.type === "date" ? "2999-12-31" : "2999-12-31T00:00";
    const before = condition.op === "lt" || condition.op === "lte";
    body[field.name] = before === want ? past : future;
    return true;
  }
  if (condition.otherField !== undefined) {
    const low = field.min ?? 0;
    const below = condition.op === "lt" || condition.op === "lte";
    body[condition.otherField] = low + 5;
    body[field.name] = below === want ? low + 1 : low + 9;
    return true;
  }
  if (condition.op === "eq" || condition.op === "ne") {
    if (field.readOnly) return false;
    const equal = (condition.op === "eq") === want;
    if (field.type === "boolean") {
      body[field.name] = equal ? condition.value : !condition.value;
      return true;
    }
    if (field.type === "enum") {
      // A status with steps starts at its first value: only that one can be written on create.
      const start = field.values[0];
      if ((start === condition.value) !== equal) return false;
      body[field.name] = start;
      return true;
    }
    body[field.name] = equal ? condition.value : String(condition.value) + " x";
    return true;
  }
  if (condition.op === "isEmpty" || condition.op === "isNotEmpty") {
    const empty = (condition.op === "isEmpty") === want;
    if (empty && field.required) return false;
    body[field.name] = empty ? null : valueFor(entity, field, next());
    return true;
  }
  return false;
}
`,
)}
for (const rule of rules) {
  const entity = byName.get(rule.entity);
  const path = "/api/" + entity.plural;

  describe(rule.label + " (" + rule.type + ")", () => {
${when(
  has.noOverlap,
  String.raw`    if (rule.type === "noOverlap") {
      test("refuses a record that overlaps another, and accepts one right after it", async () => {
        const first = await createRecord(call, entity);
        const clash = await validBody(call, entity);
        for (const name of [rule.start, rule.end, rule.on, rule.scope]) if (name) clash[name] = first[name];
        const refused = await call("POST", path, clash);
        assert.equal(refused.status, 409, JSON.stringify(refused.body));
        assert.equal(refused.body.rule, rule.name);

        const later = { ...clash };
        if (rule.on) later[rule.on] = dayAfter(4000 + next());
        else if (rule.end) {
          // Intervals are half-open: a stay may start the day the previous one ends.
          later[rule.start] = first[rule.end];
          later[rule.end] = valueFor(entity, fieldOf(entity, rule.end), next() + 2000);
        } else later[rule.start] = valueFor(entity, fieldOf(entity, rule.start), next() + 2000);
        const accepted = await call("POST", path, later);
        assert.equal(accepted.status, 201, JSON.stringify(accepted.body));

        if (rule.scope) {
          const other = await createRecord(call, byName.get(fieldOf(entity, rule.scope).entity));
          const elsewhere = await call("POST", path, { ...clash, [rule.scope]: other.id });
          assert.equal(elsewhere.status, 201, "the same time for another " + rule.scope + " is fine");
        }
      });
    }
`,
)}
${when(
  has.onePer,
  String.raw`    if (rule.type === "onePer") {
      test("refuses a second record for the same " + rule.fields.join(" and "), async () => {
        const first = await createRecord(call, entity);
        const again = await validBody(call, entity);
        for (const name of rule.fields) again[name] = first[name];
        const refused = await call("POST", path, again);
        assert.equal(refused.status, 409, JSON.stringify(refused.body));
        assert.equal(refused.body.rule, rule.name);

        const changed = fieldOf(entity, rule.fields[0]);
        const other = changed.type === "reference" ? (await createRecord(call, byName.get(changed.entity))).id : valueFor(entity, changed, next() + 3000);
        const accepted = await call("POST", path, { ...again, [changed.name]: other });
        assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
      });
    }
`,
)}
${when(
  has.derivedList,
  String.raw`    if (rule.type === "derivedList") {
      test("lists the records that meet its conditions and no others", async () => {
        const matching = await validBody(call, entity);
        for (const condition of rule.where) assert.ok(shape(entity, matching, condition, true), "cannot build a matching record");
        const outside = await validBody(call, entity);
        for (const condition of rule.where) shape(entity, outside, condition, true);
        assert.ok(rule.where.some((condition) => shape(entity, outside, condition, false)), "cannot build a record outside the list");
        const yes = await call("POST", path, matching);
        assert.equal(yes.status, 201, JSON.stringify(yes.body));
        const no = await call("POST", path, outside);
        assert.equal(no.status, 201, JSON.stringify(no.body));

        const view = await call("GET", "/api/views/" + rule.name);
        assert.equal(view.status, 200);
        const ids = view.body.records.map((record) => record.id);
        assert.ok(ids.includes(yes.body.id), "the matching record is listed");
        assert.ok(!ids.includes(no.body.id), "the other record is not");
      });
    }
`,
)}
${when(
  has.totals,
  String.raw`    if (rule.type === "aggregate" && rule.op !== "balance") {
      test("adds up its records per group and period", async () => {
        const amount = rule.field ? fieldOf(entity, rule.field) : undefined;
        const low = amount?.min ?? 0;
        const values = [low + 1, low + 3].map((value) => (amount?.max !== undefined ? Math.min(value, amount.max) : value));
        const shared = {};
        if (rule.groupBy) {
          const group = fieldOf(entity, rule.groupBy);
          shared[rule.groupBy] = group.type === "reference" ? (await createRecord(call, byName.get(group.entity))).id : valueFor(entity, group, next());
        }
        const day = dayAfter(5000 + next());
        if (rule.period) shared[rule.period.field] = day;
        const before = await call("GET", "/api/views/" + rule.name);
        for (const value of values) {
          const body = { ...(await validBody(call, entity)), ...shared, ...(amount ? { [amount.name]: value } : {}) };
          const res = await call("POST", path, body);
          assert.equal(res.status, 201, JSON.stringify(res.body));
        }
        const view = await call("GET", "/api/views/" + rule.name);
        assert.equal(view.status, 200);
        const period = rule.period ? day.slice(0, rule.period.by === "day" ? 10 : 7) : null;
        const find = (rows) => rows.find((row) => (rule.groupBy ? row.group === shared[rule.groupBy] : true) && row.period === period);
        const row = find(view.body.rows);
        assert.ok(row, "a row for the new records");
        const earlier = rule.groupBy || rule.period ? undefined : find(before.body.rows);
        const count = values.length + (earlier?.count ?? 0);
        const sum = values.reduce((total, value) => total + value, 0) + (earlier ? (rule.op === "avg" ? earlier.value * earlier.count : earlier.value) : 0);
        const expected = rule.op === "count" ? count : rule.op === "avg" ? round(sum / count) : round(sum);
        assert.equal(row.value, expected);
        assert.equal(row.count, count);
      });
    }
`,
)}
${when(
  has.balance,
  String.raw`    if (rule.type === "aggregate" && rule.op === "balance") {
      test("says what each one paid, their share, and who owes whom", async () => {
        const payer = fieldOf(entity, rule.groupBy);
        const people = byName.get(payer.entity);
        const payerRecord = await createRecord(call, people);
        await createRecord(call, people);
        const body = { ...(await validBody(call, entity)), [rule.groupBy]: payerRecord.id, [rule.field]: 30 };
        assert.equal((await call("POST", path, body)).status, 201);

        const everyone = (await call("GET", "/api/" + people.plural)).body;
        const records = (await call("GET", path)).body;
        const total = records.reduce((sum, record) => sum + record[rule.field], 0);
        const share = total / everyone.length;
        const view = await call("GET", "/api/views/" + rule.name);
        assert.equal(view.status, 200);
        assert.equal(view.body.total, round(total));
        const row = view.body.people.find((person) => person.id === payerRecord.id);
        const paid = records.filter((record) => record[rule.groupBy] === payerRecord.id).reduce((sum, record) => sum + record[rule.field], 0);
        assert.equal(row.paid, round(paid));
        assert.equal(row.balance, round(paid - share));
        // Settling up: what each debtor pays adds up to what they owe.
        for (const person of view.body.people.filter((item) => item.balance < 0)) {
          const pays = view.body.settlements.filter((item) => item.from === person.id).reduce((sum, item) => sum + item.amount, 0);
          assert.ok(Math.abs(pays + person.balance) < 0.05, person.label);
        }
      });
    }
`,
)}
${when(
  has.redirect,
  String.raw`    if (rule.type === "redirectAndCount") {
      test("redirects to the record's URL and counts each visit", async () => {
        const body = { ...(await validBody(call, entity)), [rule.code]: "" };
        const created = await call("POST", path, body);
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const code = created.body[rule.code];
        assert.match(code, /^[a-z0-9]{6}$/, "a code is made up when none is given");
        assert.equal(created.body[rule.count], 0);
        for (let visit = 1; visit <= 2; visit++) {
          const res = await call("GET", "/r/" + encodeURIComponent(code));
          assert.equal(res.status, 302);
          assert.equal(res.headers.get("location"), body[rule.url]);
        }
        assert.equal((await call("GET", path + "/" + created.body.id)).body[rule.count], 2);
        assert.equal((await call("GET", "/r/no-such-code")).status, 404);
      });
    }
`,
)}
${when(
  has.approval,
  String.raw`    if (rule.type === "approval") {
      test("shows a record only once it is approved", async () => {
        const created = await createRecord(call, entity);
        assert.equal(created[rule.field], false);
        const hidden = await call("GET", "/api/views/" + rule.name);
        assert.ok(!hidden.body.records.some((record) => record.id === created.id));
        const approved = await call("POST", path + "/" + created.id + "/approve");
        assert.equal(approved.status, 200);
        assert.equal(approved.body[rule.field], true);
        const shown = await call("GET", "/api/views/" + rule.name);
        assert.ok(shown.body.records.some((record) => record.id === created.id));
      });
    }
`,
)}  });
}

test("every rule has a test above", () => {
  const known = ["noOverlap", "onePer", "derivedList", "aggregate", "redirectAndCount", "approval"];
  for (const rule of rules) assert.ok(known.includes(rule.type), rule.type);
});
`;
}

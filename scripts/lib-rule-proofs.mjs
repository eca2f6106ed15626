// Proofs, from outside and over HTTP, that a running generated project does what its plan's rules
// say (check-generated.mjs). Records are built with the project's own test/support.js (valid
// values, parents first); every assertion here is independent of the project's code.

function caller(base) {
  return async (method, path, body) => {
    const init = { method, headers: {}, redirect: "manual" };
    if (body !== undefined) {
      init.headers["content-type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const res = await fetch(base + path, init);
    const text = await res.text();
    const json = res.headers.get("content-type")?.includes("application/json") && text !== "" ? JSON.parse(text) : undefined;
    return { status: res.status, headers: res.headers, body: json };
  };
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const fieldOf = (entity, name) => entity.fields.find((field) => field.name === name);

/** A record every condition of a derived list holds for: dates in the past, flags unset, stock low. */
function meeting(entity, body, rule) {
  for (const condition of rule.where) {
    const field = fieldOf(entity, condition.field);
    if (condition.today) body[field.name] = condition.op.startsWith("l") ? "2000-01-01" : "2999-12-31";
    else if (condition.otherField) {
      body[condition.otherField] = 5;
      body[field.name] = condition.op.startsWith("l") ? 1 : 9;
    } else if (condition.op === "eq") body[field.name] = condition.value;
    else if (condition.op === "ne" && field.type === "enum") body[field.name] = field.values.find((value) => value !== condition.value);
  }
  return body;
}

const PROOFS = {
  async noOverlap(rule, entity, { call, support }) {
    const first = await support.createRecord(call, entity);
    const clash = await support.validBody(call, entity);
    for (const name of [rule.start, rule.end, rule.on, rule.scope]) if (name) clash[name] = first[name];
    const res = await call("POST", `/api/${entity.plural}`, clash);
    expect(res.status === 409 && res.body?.rule === rule.name, `an overlapping ${entity.name} answered ${res.status}`);
    return `double ${entity.name} refused (409)`;
  },
  async onePer(rule, entity, { call, support }) {
    const first = await support.createRecord(call, entity);
    const again = await support.validBody(call, entity);
    for (const name of rule.fields) again[name] = first[name];
    const res = await call("POST", `/api/${entity.plural}`, again);
    expect(
      res.status === 409 && res.body?.rule === rule.name,
      `a second ${entity.name} per ${rule.fields.join("+")} answered ${res.status}`,
    );
    return `second ${entity.name} per ${rule.fields.join(" and ")} refused (409)`;
  },
  async derivedList(rule, entity, { call, support }) {
    const body = meeting(entity, await support.validBody(call, entity), rule);
    const created = await call("POST", `/api/${entity.plural}`, body);
    expect(created.status === 201, `creating a record for ${rule.name} answered ${created.status} ${JSON.stringify(created.body)}`);
    const view = await call("GET", `/api/views/${rule.name}`);
    expect(
      view.status === 200 && view.body.records.some((record) => record.id === created.body.id),
      `${rule.name} does not list a matching record`,
    );
    return `${rule.label ?? rule.name}: matching ${entity.name} listed`;
  },
  async aggregate(rule, entity, { call, support }) {
    if (rule.op === "balance") {
      const payer = fieldOf(entity, rule.groupBy);
      const people = support.entityNamed(payer.entity);
      const who = await support.createRecord(call, people);
      await support.createRecord(call, people);
      const body = { ...(await support.validBody(call, entity)), [rule.groupBy]: who.id, [rule.field]: 90 };
      expect((await call("POST", `/api/${entity.plural}`, body)).status === 201, "creating a payment failed");
      const view = await call("GET", `/api/views/${rule.name}`);
      const row = view.body.people.find((person) => person.id === who.id);
      expect(row && row.balance > 0 && view.body.settlements.some((item) => item.to === who.id), "the payer is not owed anything");
      return `who owes whom: ${view.body.settlements.length} payment(s) settle ${view.body.people.length} people`;
    }
    const shared = {};
    if (rule.groupBy)
      shared[rule.groupBy] = (await support.createRecord(call, support.entityNamed(fieldOf(entity, rule.groupBy).entity))).id;
    const day = support.dayAfter(9000 + support.next());
    if (rule.period) shared[rule.period.field] = day;
    for (const amount of [2, 5]) {
      const body = { ...(await support.validBody(call, entity)), ...shared, ...(rule.field ? { [rule.field]: amount } : {}) };
      expect((await call("POST", `/api/${entity.plural}`, body)).status === 201, `creating a ${entity.name} failed`);
    }
    const view = await call("GET", `/api/views/${rule.name}`);
    const period = rule.period ? day.slice(0, rule.period.by === "day" ? 10 : 7) : null;
    const row = view.body.rows.find((item) => item.period === period && (!rule.groupBy || item.group === shared[rule.groupBy]));
    const expected = { sum: 7, avg: 3.5, count: 2 }[rule.op];
    expect(
      row && (rule.groupBy || rule.period ? row.value === expected : true),
      `${rule.name} gave ${JSON.stringify(row)}, not ${expected}`,
    );
    return `${rule.label ?? rule.name}: ${row.value} for two new records`;
  },
  async redirectAndCount(rule, entity, { call, support }) {
    const body = { ...(await support.validBody(call, entity)), [rule.code]: "" };
    const created = await call("POST", `/api/${entity.plural}`, body);
    const code = created.body?.[rule.code];
    const hop = await call("GET", `/r/${encodeURIComponent(code)}`);
    expect(hop.status === 302 && hop.headers.get("location") === body[rule.url], `/r/${code} answered ${hop.status}`);
    const after = await call("GET", `/api/${entity.plural}/${created.body.id}`);
    expect(after.body[rule.count] === 1, `the count is ${after.body[rule.count]}, not 1`);
    return `redirect /r/${code} counted (1 click)`;
  },
  async approval(rule, entity, { call, support }) {
    const created = await support.createRecord(call, entity);
    const before = await call("GET", `/api/views/${rule.name}`);
    expect(!before.body.records.some((record) => record.id === created.id), "an unapproved record is shown");
    expect((await call("POST", `/api/${entity.plural}/${created.id}/approve`)).status === 200, "approving failed");
    const after = await call("GET", `/api/views/${rule.name}`);
    expect(
      after.body.records.some((record) => record.id === created.id),
      "an approved record is not shown",
    );
    return `${entity.name} hidden until approved`;
  },
};

/** A status with steps refuses a skipped one: PATCH from the first value to a later one is a 409. */
async function proveSteps(entity, field, { call, support }) {
  const created = await support.createRecord(call, entity);
  const allowed = field.transitions.find((step) => step.from === field.values[0])?.to ?? [];
  const skipped = field.values.find((value) => value !== field.values[0] && !allowed.includes(value));
  if (!skipped) return undefined;
  const res = await call("PATCH", `/api/${entity.plural}/${created.id}`, { [field.name]: skipped });
  expect(res.status === 409, `skipping to "${skipped}" answered ${res.status}`);
  return `${entity.name}.${field.name} cannot skip to "${skipped}" (409)`;
}

/** Runs one proof per rule (and per status with steps); returns one line for each. */
export async function prove(plan, base, support) {
  const call = caller(base);
  const context = { call, support };
  const lines = [];
  for (const rule of plan.rules) {
    const entity = support.entityNamed(rule.entity);
    lines.push(await PROOFS[rule.type](rule, entity, context));
  }
  for (const entity of plan.entities.map((item) => support.entityNamed(item.name))) {
    for (const field of entity.fields.filter((item) => item.transitions)) {
      const line = await proveSteps(entity, field, context);
      if (line) lines.push(line);
    }
  }
  return lines;
}

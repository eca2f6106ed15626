import { describe, expect, it } from "vitest";
import { scanSources } from "../../../workflows/security/scanner";

describe("the security scanner", () => {
  const scan = (path: string, content: string) => scanSources([{ path, content }]).map((f) => f.rule);

  it.each([
    ["src/config.js", 'const apiKey = "sk-live-0123456789abcdefghijklmn";', "hardcoded-secret"],
    ["src/config.js", 'const password = "hunter2hunter2";', "hardcoded-secret"],
    ["keys/id_rsa.pem", "-----BEGIN RSA PRIVATE KEY-----", "hardcoded-secret"],
    ["src/run.js", "const r = eval(input);", "eval"],
    ["src/run.js", "const f = new Function('a', body);", "eval"],
    ["src/db.js", 'db.all("SELECT * FROM users WHERE id = " + id);', "sql-concatenation"],
    ["src/db.js", "db.all(`DELETE FROM users WHERE id = ${id}`);", "sql-concatenation"],
    ["public/app.js", "list.innerHTML = items.map(render).join('');", "html-injection"],
    [
      "src/server.js",
      'res.setHeader("Access-Control-Allow-Origin", "*");\nres.setHeader("Access-Control-Allow-Credentials", "true");',
      "cors-wildcard-credentials",
    ],
    ["src/server.js", 'app.post("/api/users", (req, res) => { db.insert(req.body); res.end(); });', "unvalidated-input"],
  ])("flags %s: %s", (path, content, rule) => {
    expect(scan(path, content)).toContain(rule);
  });

  it.each([
    ["src/config.js", "const apiKey = process.env.API_KEY;"],
    [".env.example", "API_KEY=sk-live-0123456789abcdefghijklmn"],
    ["src/run.js", "const value = JSON.parse(text); retrieval(x);"],
    ["src/db.js", 'db.all("SELECT * FROM users WHERE id = ?", [id]);'],
    ["public/app.js", 'list.innerHTML = "";\nitem.textContent = name;'],
    ["src/server.js", 'res.setHeader("Access-Control-Allow-Origin", "*");'],
    ["src/server.js", 'app.post("/api/users", (req, res) => { if (typeof req.body.name !== "string") return res.status(400).end(); });'],
  ])("leaves %s alone: %s", (path, content) => {
    expect(scan(path, content)).toEqual([]);
  });
});

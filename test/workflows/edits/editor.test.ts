import { describe, expect, it } from "vitest";
import { EditNotAppliedError, editFormat } from "../../../workflows/edits/editor";
import { editWith, fakeProject } from "../../helpers/edits";
import { PROVIDERS, recorded } from "../../helpers/models";

const original = new Map(fakeProject().files.map((file) => [file.path, file.content]));
const SERVER = original.get("src/server.js") ?? "";

/** The marker of the run: what the fake server recorded for it, in order. */
async function requestsOf(text: string) {
  const marker = /\[\[fake:[\w-]+:[\w-]+\]\]/.exec(text)?.[0] ?? "";
  return recorded(marker);
}

describe.each(PROVIDERS)("the editor on %s", (provider) => {
  it("is asked in the format its provider writes best", async () => {
    const run = await editWith(provider, "edit-whole");
    const [request] = await requestsOf(run.task.followUp.text);
    expect(request?.text.includes("<<<<<<< SEARCH")).toBe(editFormat(provider) === "blocks");
    expect(editFormat(provider)).toBe(provider === "joxcoder" ? "whole" : "blocks");
    // Whole files are accepted from every provider.
    expect([...run.outcome.changed.keys()]).toEqual(["src/server.js"]);
    expect(run.outcome.changed.get("src/server.js")).toContain('req.url === "/health"');
    expect(run.deltas.join("")).toContain('<file path="src/server.js">');
  });

  it("applies blocks exactly, creates a file from an empty SEARCH, and re-indents a block quoted without indentation", async () => {
    const { outcome, usage } = await editWith(provider, "edit-blocks");
    expect([...outcome.changed.keys()].sort()).toEqual(["public/app.js", "src/health.js", "src/server.js"]);
    const server = outcome.changed.get("src/server.js") ?? "";
    expect(server).toContain('import { HEALTH_PATH } from "./health.js";\n');
    expect(server).toContain(
      '  if (req.method === "GET" && req.url === HEALTH_PATH) return send(res, 200, { ok: true });\n  send(res, 404',
    );
    expect(outcome.changed.get("src/health.js")).toBe('export const HEALTH_PATH = "/health";\n');
    expect(outcome.changed.get("public/app.js")).toContain("  item.textContent = n.titulo;\n  item.title = n.titulo;\n");
    expect(outcome).toMatchObject({ problems: [], answers: 1 });
    expect(usage.promptTokens).toBeGreaterThan(0);
  });

  it("sends a SEARCH that matches twice back once with the reason, and applies the corrected block", async () => {
    const run = await editWith(provider, "edit-ambiguous");
    expect(run.outcome.answers).toBe(2);
    const server = run.outcome.changed.get("src/server.js") ?? "";
    expect(server).toContain('if (req.method === "POST" && req.url === "/api/notas" && !req.headers["x-blocked"]) {');
    expect(server).toContain('if (req.method === "GET" && req.url === "/api/notas") {');
    const requests = await requestsOf(run.task.followUp.text);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.text).toContain("src/server.js: this SEARCH text appears 2 times; include more surrounding lines");
  });

  it("asks for the whole file when a SEARCH matches nowhere, twice", async () => {
    const run = await editWith(provider, "edit-nowhere");
    expect(run.outcome.answers).toBe(3);
    expect([...run.outcome.changed.keys()]).toEqual(["src/server.js"]);
    expect(run.outcome.changed.get("src/server.js")).toContain('req.url === "/health"');
    const requests = await requestsOf(run.task.followUp.text);
    expect(requests[1]?.text).toContain("src/server.js: this SEARCH text is not in the file");
    expect(requests[2]?.text).toContain("Write the complete new version of each of these files, with the change made: src/server.js.");
  });

  it("changes nothing at all when even the whole file does not come back", async () => {
    await expect(editWith(provider, "edit-never")).rejects.toBeInstanceOf(EditNotAppliedError);
  });

  it("asks once more for a file that does not parse", async () => {
    const run = await editWith(provider, "edit-broken");
    expect(run.outcome).toMatchObject({ problems: [], answers: 2 });
    expect(run.outcome.changed.get("src/health.js")).toBe('export const HEALTH_PATH = "/health";\n');
    const requests = await requestsOf(run.task.followUp.text);
    expect(requests[1]?.text).toContain("src/health.js: does not parse");
  });

  it("ends with no changes when the model says none are needed", async () => {
    const run = await editWith(provider, "edit-none");
    expect(run.outcome.changed.size).toBe(0);
  });
});

describe("what the editor is shown", () => {
  it("shows the files the instruction names and the ones that hold what it mentions, and lists every path", async () => {
    const run = await editWith("openai", "edit-none", "npm test falla: TypeError at handler (/app/src/server.js:12:5)");
    expect(run.task.shown[0]).toBe("src/server.js");
    const [request] = await requestsOf(run.task.followUp.text);
    expect(request?.text).toContain("Every file in the project:\n- docs/architecture.json");
    expect(request?.text).toContain('<file path="src/server.js">');
    expect(request?.text).not.toContain('<file path="Dockerfile">');
    expect(SERVER).not.toBe("");
  });
});

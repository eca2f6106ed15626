// The offline model's faithfulness, for `npm run bench`: the share of fixture ideas
// (test/fixtures/ideas.json) whose plan has every expected entity, reference and rule and no
// invented entity. The TypeScript architect and judge are bundled with esbuild (the console's
// bundler, already installed) into a temporary module, so the figure comes from the same code the
// Worker runs and the same judge the vitest check uses.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

export async function faithfulness(root) {
  const dir = await mkdtemp(join(tmpdir(), "autocrea-faithfulness-"));
  try {
    const entry = join(dir, "entry.ts");
    const outfile = join(dir, "faithfulness.mjs");
    await writeFile(
      entry,
      [
        `export { derivePlan } from ${JSON.stringify(join(root, "workflows", "blueprint", "derive-plan.ts"))};`,
        `export { judge, figure, fixtureSchema } from ${JSON.stringify(join(root, "test", "workflows", "blueprint", "faithfulness.ts"))};`,
      ].join("\n"),
    );
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      logLevel: "error",
    });
    const { derivePlan, judge, figure, fixtureSchema } = await import(pathToFileURL(outfile).href);
    const fixture = fixtureSchema.parse(JSON.parse(await readFile(join(root, "test", "fixtures", "ideas.json"), "utf8")));
    const measure = (ideas) => ideas.map((item) => judge(derivePlan(item.idea), item));
    const tuned = measure(fixture.ideas);
    const heldOut = measure(fixture.heldOut);
    const misses = [...tuned, ...heldOut].filter((verdict) => !verdict.faithful);
    return [
      `faithfulness, blueprint, fixture ideas: ${figure(tuned)} faithful (${figure(tuned, "complete")} with enums, not-built notes and titles too)`,
      `faithfulness, blueprint, held-out ideas (never tuned on): ${figure(heldOut)} faithful`,
      ...misses.map(
        (verdict) =>
          `  not faithful: ${verdict.id}: ${[...verdict.missing, ...verdict.invented.map((name) => `invented ${name}`)].join("; ")}`,
      ),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

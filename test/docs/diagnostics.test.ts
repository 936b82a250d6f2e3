// The diagnostics reference (docs/reference/diagnostics.md) is generated from the catalogue and
// must never be stale: every code documented, each with an example that still triggers it.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE, type CatalogueEntry } from "../../packages/lib/src/core/index.js";
import { generateDiagnosticsReference, OUTPUT } from "../../scripts/docs-diagnostics.js";

const ROOT = resolve(import.meta.dirname, "../..");
const REGENERATE = "run `npm run docs:diagnostics` and commit docs/reference/diagnostics.md";

describe("the diagnostics reference", async () => {
  const { text, problems } = await generateDiagnosticsReference();

  it("has an example for every code, and every example still triggers its code", () => {
    expect(problems, `fix these, then ${REGENERATE}`).toEqual([]);
  });

  it("is what the generator writes (the committed page is not stale)", () => {
    const committed = readFileSync(join(ROOT, OUTPUT), "utf8");
    // Compared as lines so that a failure names the first line that differs.
    expect(committed.split("\n"), `docs/reference/diagnostics.md is stale: ${REGENERATE}`).toEqual(
      text.split("\n"),
    );
  });

  it("documents every code of the catalogue, with its severity, once", () => {
    for (const [code, entry] of Object.entries(CATALOGUE as Record<string, CatalogueEntry>)) {
      expect(text.split("\n").filter((l) => l === `### ${code}`)).toHaveLength(1);
      const section = text.slice(text.indexOf(`### ${code}\n`)).split("\n### ")[0] ?? "";
      expect(section).toContain(`- **Severity:** ${entry.severity}`);
      expect(section).toContain("- **Example:** ");
      if (entry.spec) expect(section).toContain(`<${entry.spec}>`);
    }
    const headings = text.split("\n").filter((l) => /^### [A-Z0-9_]+$/.test(l));
    expect(headings).toHaveLength(Object.keys(CATALOGUE).length);
  });

  it("escapes what Markdown would otherwise read as markup", () => {
    // EMAIL_DISPLAY_NAME's example holds "<admin@example.org>", which a renderer takes for a tag.
    const section = text.slice(text.indexOf("### EMAIL_DISPLAY_NAME\n")).split("\n### ")[0] ?? "";
    expect(section).toContain("\\<admin@example.org\\>");
    // A table row never breaks on a pipe inside a message.
    for (const row of text.split("\n").filter((l) => l.startsWith("| ["))) {
      expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(5);
    }
  });
});

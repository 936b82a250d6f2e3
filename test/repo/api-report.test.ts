// The library's public surface (issue 13): the committed API reports in packages/lib/api/ match
// the build, and every value an entry point exports is described on its reference page.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiReports, ENTRY_POINTS } from "../../scripts/api-report.js";
import { available } from "../helpers/available.js";

const root = join(import.meta.dirname, "../..");
const built = available(join(root, "packages/lib/dist/core/index.d.ts"), "npm run build");
/** The reference page of each entry point. */
const PAGES: Record<keyof typeof ENTRY_POINTS, string> = {
  core: "docs/reference/library/core.md",
  discover: "docs/reference/library/discover.md",
  server: "docs/reference/library/server.md",
  node: "docs/reference/library/node.md",
};

describe.skipIf(!built)("the library's public API", () => {
  it("matches the committed reports (npm run api:report), and names no type it does not export", () => {
    const outcomes = apiReports(true);
    for (const outcome of outcomes) {
      expect(outcome.problems, outcome.entry).toEqual([]);
      expect(outcome.changed, `packages/lib/api/${outcome.entry}.api.md is stale`).toBe(false);
    }
  }, 120_000);

  for (const [entry, dir] of Object.entries(ENTRY_POINTS)) {
    it(`every value of the ${entry} entry point is on ${PAGES[entry as keyof typeof PAGES]}`, async () => {
      const page = readFileSync(join(root, PAGES[entry as keyof typeof PAGES]), "utf8");
      const mod = await import(join(root, "packages/lib/dist", dir, "index.js"));
      const missing = Object.keys(mod).filter((name) => !new RegExp(`\`${name}[\`(.]`).test(page));
      expect(missing).toEqual([]);
    });
  }
});

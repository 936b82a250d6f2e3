/** Loading the document fixtures the way the CLI reads files: format from the extension. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SourceFormat } from "../../packages/lib/src/core/index.js";

export const FIXTURES = join(import.meta.dirname, "../fixtures/documents");

export interface Fixture {
  /** `valid/name.json` */
  name: string;
  text: string;
  format: SourceFormat | "auto";
  valid: boolean;
}

export function formatOf(file: string): SourceFormat | "auto" {
  return /\.json$/.test(file) ? "json" : /\.ya?ml$/.test(file) ? "yaml" : "auto";
}

export function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const dir of ["valid", "invalid"]) {
    for (const file of readdirSync(join(FIXTURES, dir)).sort()) {
      out.push({
        name: `${dir}/${file}`,
        text: readFileSync(join(FIXTURES, dir, file), "utf8"),
        format: formatOf(file),
        valid: dir === "valid",
      });
    }
  }
  return out;
}

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), "utf8");
}

/** The parsed value of a JSON fixture. */
export function fixtureValue(name: string): unknown {
  return JSON.parse(fixtureText(name).replace(/^\uFEFF/, ""));
}

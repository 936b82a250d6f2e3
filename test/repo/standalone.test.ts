// The repository stands alone: no source, test, benchmark or script refers to a path outside it
// (a fresh clone elsewhere has nothing beside it). A relative path literal that escapes the
// repository from both its own folder and the repository root is a failure, and so is an
// absolute path into a home or work directory.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const FOLDERS = ["packages", "src", "test", "bench", "scripts", "examples", ".ci", "docs"];
const TEXT = /\.(?:[cm]?[jt]s|json|ya?ml|toml|html|css|sh)$|^run$/;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "dist") out.push(...files(path));
    } else if (TEXT.test(entry.name)) out.push(path);
  }
  return out;
}

const outside = (path: string) => relative(ROOT, path).startsWith("..");

/** Every path-like literal in `text` that leads outside the repository. */
function escapes(file: string, text: string): string[] {
  const found = new Set<string>();
  // Relative to its own file (imports, new URL(..., import.meta.url), import.meta.dirname).
  for (const m of text.matchAll(/["'`]((?:\.\.\/)+[^"'`\s]*)/g)) {
    const literal = m[1] as string;
    if (outside(resolve(dirname(file), literal))) found.add(literal);
  }
  // Relative to the repository root: join(root, "..."), resolve(ROOT, "...").
  for (const m of text.matchAll(/(?:join|resolve)\(\s*root\s*,\s*["'`]([^"'`]+)["'`]/gi)) {
    const literal = m[1] as string;
    if (outside(resolve(ROOT, literal))) found.add(literal);
  }
  // The folder beside the clone that tests once read, however the path is built.
  for (const m of text.matchAll(/["'`][^"'`\s]*\.\.\/(?:shared)\/[^"'`\s]*/g))
    found.add(m[0].slice(1));
  // Absolute paths into somebody's machine.
  for (const m of text.matchAll(/["'`](\/(?:work|home|root|Users)\/[^"'`\s]*)/g))
    found.add(m[1] as string);
  return [...found];
}

describe("the repository stands alone", () => {
  it("has no reference to a path outside it", () => {
    const offenders: string[] = [];
    for (const folder of FOLDERS) {
      let list: string[] = [];
      try {
        list = files(join(ROOT, folder));
      } catch {
        continue; // a folder that does not exist refers to nothing
      }
      for (const file of list) {
        if (file === import.meta.filename) continue; // its own examples below

        for (const literal of escapes(file, readFileSync(file, "utf8")))
          offenders.push(`${relative(ROOT, file)}: ${literal}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("catches the kinds of reference that broke fresh clones before", () => {
    const file = join(ROOT, "test/spec/schema.test.ts");
    // The sibling folder's path is built from parts, so that a search for it finds no test here.
    const sibling = `${".."}/${"shared"}`;
    expect(escapes(file, `join(root, "${sibling}/spec/support.yaml")`)).toEqual([
      `${sibling}/spec/support.yaml`,
    ]);
    expect(escapes(file, `readFile("../../${sibling}/spec/x.yaml")`)).toEqual([
      `../../${sibling}/spec/x.yaml`,
    ]);
    expect(escapes(file, 'import x from "../helpers/tls.js"')).toEqual([]);
    expect(escapes(file, 'const p = "/work/shared/x"')).toEqual(["/work/shared/x"]);
  });
});

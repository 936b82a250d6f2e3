// The config reference (docs/reference/config.md) against the config's JSON Schema
// (packages/cli/schema/config.schema.json): every key of the schema is documented, every
// documented key exists, and documented defaults are the schema's.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const SCHEMA_FILE = "packages/cli/schema/config.schema.json";
const PAGE = "docs/reference/config.md";

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  $ref?: string;
  $defs?: Record<string, Schema>;
  default?: unknown;
}

/** A key as the page writes it: TOML dotted keys, quoted when the key holds a dot. */
const part = (key: string) => (/^[A-Za-z0-9_$-]+$/.test(key) ? key : `"${key}"`);

/** Every property path of the schema, with its default when it has one. */
function schemaKeys(root: Schema): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const resolveRef = (s: Schema): Schema => {
    if (!s.$ref) return s;
    const name = s.$ref.replace(/^#\/\$defs\//, "");
    const target = root.$defs?.[name];
    if (!target) throw new Error(`unresolved ${s.$ref}`);
    return target;
  };
  const walk = (schema: Schema, prefix: string, seen: Set<Schema>): void => {
    const s = resolveRef(schema);
    if (seen.has(s)) return;
    const inner = new Set(seen).add(s);
    for (const alternative of s.anyOf ?? []) walk(alternative, prefix, inner);
    if (s.items) walk(s.items, `${prefix}[]`, inner);
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      const path = prefix === "" ? part(key) : `${prefix}.${part(key)}`;
      out.set(path, resolveRef(child).default);
      walk(child, path, inner);
    }
  };
  walk(root, "", new Set());
  return out;
}

/** The rows of the page's key table: key -> the row's cells. */
function documentedKeys(page: string): Map<string, string[]> {
  const section = page.slice(page.indexOf("\n## Keys\n"));
  const end = section.indexOf("\n## ", 1);
  const rows = (end < 0 ? section : section.slice(0, end))
    .split("\n")
    .filter((l) => l.startsWith("| `"));
  return new Map(
    rows.map((row) => {
      const cells = row
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim());
      return [(cells[0] ?? "").replace(/^`|`$/g, ""), cells];
    }),
  );
}

describe("the config reference", () => {
  const schema = JSON.parse(readFileSync(join(ROOT, SCHEMA_FILE), "utf8")) as Schema;
  const page = readFileSync(join(ROOT, PAGE), "utf8");
  const inSchema = schemaKeys(schema);
  const onPage = documentedKeys(page);

  it("finds the keys of the schema (the walk itself)", () => {
    expect(inSchema.has("support.contacts[].role")).toBe(true);
    expect(inSchema.has('well_known.client."m.homeserver".base_url')).toBe(true);
    expect(inSchema.get("http.port")).toBe(8080);
  });

  it(`documents every key of ${SCHEMA_FILE}`, () => {
    const missing = [...inSchema.keys()].filter((k) => !onPage.has(k));
    expect(missing, `add a row for each to the "Keys" table of ${PAGE}`).toEqual([]);
  });

  it("documents no key the schema does not have", () => {
    const extra = [...onPage.keys()].filter((k) => !inSchema.has(k));
    expect(extra, `remove these rows from ${PAGE}, or add them to ${SCHEMA_FILE}`).toEqual([]);
  });

  it("gives the schema's default for every key that has one", () => {
    for (const [key, value] of inSchema) {
      const documented = onPage.get(key)?.[2];
      if (value === undefined) expect(documented, key).toBe("-");
      else expect(documented, key).toBe(`\`${String(value)}\``);
    }
  });
});

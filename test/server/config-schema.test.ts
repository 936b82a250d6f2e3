/** schema/config.schema.json and the example configs: editors and the parser agree. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseConfig } from "../../packages/cli/src/config/parse.js";
import { wellKnownBodies } from "../../packages/lib/src/server/bodies.js";

const root = join(import.meta.dirname, "../..");
const read = (p: string) => readFileSync(join(root, p), "utf8");
const schema = JSON.parse(read("packages/cli/schema/config.schema.json"));
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
const validate = ajv.compile(schema);

const examples = {
  yaml: parseYaml(read("examples/matrix-support.yaml")),
  json: JSON.parse(read("examples/matrix-support.json")),
  toml: parseToml(read("examples/matrix-support.toml")),
};

describe("config.schema.json", () => {
  it.each(Object.keys(examples))("accepts examples/matrix-support.%s", (format) => {
    const value = examples[format as keyof typeof examples];
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it("is referenced by the examples for editors", () => {
    expect(read("examples/matrix-support.yaml")).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/packages\/cli\/schema\/config\.schema\.json/,
    );
    expect(examples.json.$schema).toBe("../packages/cli/schema/config.schema.json");
  });

  it("flags what the parser flags: unknown keys, wrong types, out-of-range ports, contacts without role", () => {
    const bad = [
      { server_name: "example.org", support: {}, htpp: {} },
      { server_name: "example.org", http: { port: 70000 } },
      { server_name: "example.org", http: { port: "80" } },
      { server_name: "example.org", support: { contacts: [{ email_address: "a@example.org" }] } },
      { server_name: "example.org", support: { contacts: [{ role: "m.role.admin" }] } },
      { server_name: "example.org", well_known: { server: {} } },
    ];
    for (const value of bad) expect(validate(value), JSON.stringify(value)).toBe(false);
  });
});

describe("http.checker", () => {
  it("is a boolean in the schema and in the parser", () => {
    const value = { server_name: "example.org", http: { checker: false } };
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    expect(
      parseConfig(JSON.stringify(value), { fileName: "c.json" }).diagnostics,
    ).not.toContainEqual(expect.objectContaining({ code: "CONFIG_UNKNOWN_KEY" }));
    const wrong = { server_name: "example.org", http: { checker: "no" } };
    expect(validate(wrong)).toBe(false);
    expect(parseConfig(JSON.stringify(wrong), { fileName: "c.json" }).diagnostics).toContainEqual(
      expect.objectContaining({ code: "CONFIG_WRONG_TYPE", path: "/http/checker" }),
    );
  });
});

describe("the example configs", () => {
  it("are valid configs with no warnings, in all three formats", () => {
    for (const ext of ["yaml", "json", "toml"]) {
      const file = `examples/matrix-support.${ext}`;
      const { config, diagnostics } = parseConfig(read(file), { fileName: file });
      expect(config, file).not.toBeNull();
      expect(
        diagnostics.filter((d) => d.severity !== "info"),
        file,
      ).toEqual([]);
    }
  });

  it("publish the same document in all three formats", () => {
    const docs = ["yaml", "json", "toml"].map((ext) => {
      const file = `examples/matrix-support.${ext}`;
      const bodies = wellKnownBodies(parseConfig(read(file), { fileName: file }).config!);
      return { support: JSON.parse(bodies.support!), client: bodies.client, server: bodies.server };
    });
    expect(docs[1]).toEqual(docs[0]);
    expect(docs[2]).toEqual(docs[0]);
    expect(JSON.stringify(docs[0]!.support)).toBe(
      wellKnownBodies(parseConfig(read("examples/matrix-support.yaml")).config!).support,
    );
  });
});

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type AjvModule from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../packages/cli/src/config/index.js";
import { parseSource } from "../../packages/cli/src/config/source.js";
import {
  buildConfig,
  type InitAnswers,
  renderConfigYaml,
  yamlScalar,
} from "../../packages/cli/src/init/index.js";
import { wellKnownBodies } from "../../packages/lib/src/server/bodies.js";

const FULL: InitAnswers = {
  serverName: "example.org",
  admin: { matrix_id: "@admin:example.org", email_address: "admin@example.org" },
  backup: { matrix_id: "@admin:matrix.org" },
  security: { email_address: "security@example.org" },
  moderator: { email_address: "abuse@example.org" },
  supportPage: "https://example.org/help",
};

describe("the written YAML", () => {
  const text = renderConfigYaml(FULL, {
    schemaRef: "node_modules/matrix-support/schema/config.schema.json",
  });

  it("reads back to exactly the config built from the answers", () => {
    const result = parseConfig(text, { fileName: "matrix-support.yaml" });
    expect(result.config).toEqual(buildConfig(FULL));
    // The only finding is the proposal role the user chose, which validate warns about too.
    expect(result.diagnostics.map((d) => d.code)).toEqual(["ROLE_PROPOSAL"]);
  });

  it("publishes the same bytes as a hand-written config would", () => {
    const config = parseConfig(text).config;
    expect(config).not.toBeNull();
    const bodies = wellKnownBodies(config ?? {});
    expect(JSON.parse(bodies.support ?? "null")).toEqual(buildConfig(FULL).support);
    expect(bodies.client).toBeUndefined();
  });

  it("references the config JSON Schema for editors", () => {
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=node_modules/matrix-support/schema/config.schema.json",
    );
  });

  it("explains every key in a comment above it", () => {
    const lines = text.split("\n");
    for (const key of ["server_name:", "support:", "contacts:", "support_page:"]) {
      const at = lines.findIndex((l) => l.trimStart().startsWith(key));
      expect(at, key).toBeGreaterThan(0);
      expect(lines[at - 1]?.trimStart().startsWith("#"), key).toBe(true);
    }
    // Every contact has a comment saying what its role is for.
    lines.forEach((line, i) => {
      if (line.trimStart().startsWith("- role:"))
        expect(lines[i - 1]?.trimStart().startsWith("#"), line).toBe(true);
    });
    expect(text).toContain("MSC4121");
    expect(text).toContain("off example.org");
    expect(text).toContain("https://example.org/.well-known/matrix/support");
  });

  it("shows the optional keys commented out, so uncommenting them gives a valid config", () => {
    const uncommented = text.replace(/^# (well_known:|http:| {2}[a-z_]+:)/gm, "$1");
    const result = parseConfig(uncommented);
    expect(result.config?.well_known?.server).toEqual({ "m.server": "matrix.example.org:443" });
    expect(result.config?.http).toEqual({
      host: "127.0.0.1",
      port: 8080,
      cache_max_age: 3600,
      checker: true,
    });
  });

  it("names the security contact's fallback when none is given", () => {
    const result = parseConfig(
      renderConfigYaml({ serverName: "example.org", admin: { email_address: "a@example.net" } }),
    );
    expect(result.config?.support?.contacts).toEqual([
      { role: "m.role.admin", email_address: "a@example.net" },
      { role: "m.role.security", email_address: "a@example.net" },
    ]);
    expect(result.diagnostics).toEqual([]);
    expect(renderConfigYaml({ admin: { email_address: "a@example.net" } })).toContain(
      "# The admin contact, as no separate security contact was given.",
    );
  });
});

describe("the config JSON Schema the file points at", () => {
  // ajv is CommonJS: its default export is the class.
  const Ajv2020 = createRequire(import.meta.url)("ajv/dist/2020.js")
    .default as typeof AjvModule.default;
  const schemaFile = new URL("../../packages/cli/schema/config.schema.json", import.meta.url);
  it("accepts what init writes, optional sections uncommented too", () => {
    const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
    const validate = new Ajv2020({
      strict: false,
      validateFormats: false,
      allErrors: true,
    }).compile(schema);
    const text = renderConfigYaml(FULL, { schemaRef: "x.json" });
    const uncommented = text.replace(/^# (well_known:|http:| {2}[a-z_]+:)/gm, "$1");
    for (const t of [text, uncommented]) {
      const value = parseSource(t, { format: "yaml" }).value;
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});

describe("values YAML would misread", () => {
  it("quotes what needs quoting and leaves plain what is plain", () => {
    expect(yamlScalar("@admin:example.org")).toBe('"@admin:example.org"');
    expect(yamlScalar("admin@example.org")).toBe("admin@example.org");
    expect(yamlScalar("true")).toBe('"true"');
    expect(yamlScalar("[::1]:8448")).toBe('"[::1]:8448"');
    expect(yamlScalar("a\nb")).toBe('"a\\nb"');
  });

  it("keeps a __proto__ extension key as a plain key", () => {
    const extensions = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    const answers: InitAnswers = {
      serverName: "example.org",
      admin: { email_address: "a@example.net" },
      extensions,
    };
    expect(Object.keys(buildConfig(answers).support ?? {})).toContain("__proto__");
    const parsed = parseSource(renderConfigYaml(answers), { format: "yaml" });
    expect(JSON.stringify(parsed.value)).toBe(JSON.stringify(buildConfig(answers)));
  });

  it("round-trips any strings and extension values, whatever they hold", () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string(),
        fc.dictionary(fc.string({ minLength: 1 }), json, { maxKeys: 4 }),
        (mxid, email, page, extensions) => {
          const answers: InitAnswers = {
            serverName: "example.org",
            admin: { matrix_id: `@${mxid}`, email_address: email },
            supportPage: page,
            extensions,
          };
          const parsed = parseSource(renderConfigYaml(answers), { format: "yaml" });
          expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
          // JSON text comparison: -0 and 0 are the same number on the wire.
          expect(JSON.stringify(parsed.value)).toBe(JSON.stringify(buildConfig(answers)));
        },
      ),
      { numRuns: 150 },
    );
  });
});

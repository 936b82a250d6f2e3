/** schema/support.schema.json (JSON Schema 2020-12) against the spec's example and our fixtures. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { validateSupportText } from "../../packages/cli/src/config/validate-text.js";
import { EXPECTED } from "../fixtures/documents/expected.js";
import { loadFixtures } from "./fixtures.js";

const root = join(import.meta.dirname, "../..");
const schema = JSON.parse(
  readFileSync(join(root, "packages/lib/schema/support.schema.json"), "utf8"),
);
// Strict mode catches schema mistakes. strictRequired is off because `anyOf: [{required: [...]}]`
// (required keys declared in the parent) is the standard way to say "at least one of". Formats are
// annotations for editors here; the patterns do the checking.
const ajv = new Ajv2020({
  strict: true,
  strictRequired: false,
  validateFormats: false,
  allErrors: true,
});
const validate = ajv.compile(schema);

const specExample = (() => {
  const openapi = parseYaml(readFileSync(join(root, "test/fixtures/spec/support.yaml"), "utf8"));
  return openapi.paths["/matrix/support"].get.responses["200"].content["application/json"].examples
    .response.value;
})();

describe("support.schema.json", () => {
  it("is a 2020-12 schema that compiles in Ajv's strict mode", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    // Strict mode throws on unknown keywords, unknown formats and other schema mistakes.
    const strict = new Ajv2020({ strict: true, strictRequired: false, validateFormats: false });
    expect(() => strict.compile(schema)).not.toThrow();
  });

  it("accepts the spec's example", () => {
    expect(specExample.contacts).toHaveLength(2);
    expect(validate(specExample), JSON.stringify(validate.errors)).toBe(true);
  });

  const fixtures = loadFixtures();
  for (const fixture of fixtures) {
    const { value } = validateSupportText(fixture.text, { format: fixture.format });
    if (value === undefined) continue; // syntax errors are about the text, not the schema
    const accepts = fixture.valid || EXPECTED[fixture.name]?.schemaAccepts === true;
    it(`${accepts ? "accepts" : "rejects"} ${fixture.name}`, () => {
      expect(validate(value), JSON.stringify(validate.errors)).toBe(accepts);
    });
  }

  it("keeps the role set open but follows the identifier grammar", () => {
    const doc = (role: unknown) => ({ contacts: [{ role, email_address: "a@example.org" }] });
    for (const role of [
      "m.role.admin",
      "m.role.security",
      "org.example.role.abuse",
      "admin",
      "m.role.mod",
    ]) {
      expect(validate(doc(role)), role).toBe(true);
    }
    for (const role of ["", "Admin", "1role", "role with space", 5, null, "a".repeat(256)]) {
      expect(validate(doc(role)), String(role)).toBe(false);
    }
  });

  it("requires contacts or support_page, and at least one contact when only contacts is set", () => {
    expect(validate({})).toBe(false);
    expect(validate({ contacts: [] })).toBe(false);
    expect(validate({ contacts: [], support_page: "https://example.org" })).toBe(true);
    expect(validate({ support_page: "https://example.org" })).toBe(true);
    expect(validate({ "org.example.x": 1 })).toBe(false);
  });

  it("requires a role and at least one of matrix_id and email_address per contact", () => {
    expect(validate({ contacts: [{ role: "m.role.admin" }] })).toBe(false);
    expect(validate({ contacts: [{ email_address: "a@example.org" }] })).toBe(false);
    expect(
      validate({ contacts: [{ role: "m.role.admin", matrix_id: "@a:example.org:8448" }] }),
    ).toBe(true);
    expect(
      validate({ contacts: [{ role: "m.role.admin", email_address: "a@[IPv6:2001:db8::1]" }] }),
    ).toBe(true);
    expect(
      validate({ contacts: [{ role: "m.role.admin", email_address: '"john doe"@example.org' }] }),
    ).toBe(true);
  });

  it("allows extension keys at both levels", () => {
    expect(
      validate({
        contacts: [{ role: "m.role.admin", email_address: "a@example.org", "org.example.x": {} }],
        "org.example.y": [1],
      }),
    ).toBe(true);
  });

  it("is published with the package", () => {
    const pkg = JSON.parse(readFileSync(join(root, "packages/lib/package.json"), "utf8"));
    expect(pkg.files).toContain("schema");
    expect(pkg.exports["./schema/support.schema.json"]).toBe("./schema/support.schema.json");
  });
});

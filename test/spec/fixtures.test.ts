/**
 * Every document fixture against its expectation, and every document code of the catalogue
 * against the fixtures: removing a rule makes the fixture that shows it fail.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { validateSupportText } from "../../packages/cli/src/config/validate-text.js";
import { DOCUMENT_CODES } from "../../packages/lib/src/core/catalogue/document.js";
import { CATALOGUE, parseSupport, validateSupport } from "../../packages/lib/src/core/index.js";
import { EXPECTED } from "../fixtures/documents/expected.js";
import { FIXTURES, fixtureText, loadFixtures } from "./fixtures.js";

const fixtures = loadFixtures();
const sorted = (codes: readonly string[]) => [...codes].sort();

describe("document fixtures", () => {
  it("every fixture file has an expectation and every expectation a file", () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const fixture of fixtures) {
    const expected = EXPECTED[fixture.name];
    it(`${fixture.name}${expected?.note ? ` (${expected.note})` : ""}`, () => {
      if (!expected) throw new Error(`no expectation for ${fixture.name}`);
      const result = validateSupportText(fixture.text, {
        format: fixture.format,
        ...expected.options,
      });
      expect(sorted(result.diagnostics.map((d) => d.code))).toEqual(sorted(expected.codes));
      expect(result.valid).toBe(fixture.valid);
      for (const [code, path, line, column] of expected.at ?? []) {
        expect(result.diagnostics).toContainEqual(
          expect.objectContaining({ code, path, line, column }),
        );
      }
      for (const d of result.diagnostics) {
        // Every diagnostic renders from the catalogue: same severity, a message, and a path
        // except for whole-text problems.
        const entry = CATALOGUE[d.code as keyof typeof CATALOGUE];
        expect(entry, d.code).toBeDefined();
        expect(d.severity).toBe(entry.severity);
        expect(d.message).not.toMatch(/\{\w+\}/);
        expect(d.hint ?? "").not.toMatch(/\{\w+\}/);
        if (d.path !== undefined)
          expect(d.line, `${d.code} at ${d.path} has a line`).toBeTypeOf("number");
      }
    });
  }

  it("validating the parsed value finds the same document problems as validating the text", () => {
    for (const fixture of fixtures) {
      const expected = EXPECTED[fixture.name];
      const text = validateSupportText(fixture.text, {
        format: fixture.format,
        ...expected?.options,
      });
      if (text.value === undefined) continue;
      const textCodes = text.diagnostics.filter((d) => d.code !== "DUPLICATE_KEY");
      const value = validateSupport(text.value, expected?.options);
      expect(
        value.diagnostics.map((d) => d.code),
        fixture.name,
      ).toEqual(textCodes.map((d) => d.code));
      expect(value.diagnostics.every((d) => d.line === undefined)).toBe(true);
    }
  });

  it("parseSupport keeps every valid fixture whole", () => {
    for (const fixture of fixtures.filter((f) => f.valid)) {
      const { value } = validateSupportText(fixture.text, { format: fixture.format });
      expect(parseSupport(value).document, fixture.name).toEqual(value);
    }
  });
});

describe("the spec's example", () => {
  const openapi = parseYaml(readFileSync(join(FIXTURES, "../spec/support.yaml"), "utf8"));
  const example =
    openapi.paths["/matrix/support"].get.responses["200"].content["application/json"].examples
      .response.value;

  it("is valid with no finding at all, and parses whole", () => {
    expect(validateSupport(example)).toEqual({ valid: true, diagnostics: [] });
    expect(validateSupport(example, { strict: true }).valid).toBe(true);
    expect(parseSupport(example).document).toEqual(example);
  });

  it("is what valid/spec-example.json holds", () => {
    expect(JSON.parse(fixtureText("valid/spec-example.json"))).toEqual(example);
  });
});

describe("the catalogue's document codes", () => {
  const exercised = new Set(Object.values(EXPECTED).flatMap((e) => e.codes));
  for (const code of Object.keys(DOCUMENT_CODES)) {
    it(`${code} is produced by at least one fixture`, () => {
      expect(exercised.has(code)).toBe(true);
    });
  }

  it("every code in the catalogue has a message, and a hint or spec link", () => {
    for (const [code, entry] of Object.entries(DOCUMENT_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(entry.message.length, code).toBeGreaterThan(10);
      expect("hint" in entry || "spec" in entry, code).toBe(true);
    }
  });
});

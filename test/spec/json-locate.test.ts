// The JSON locator (core/json-locate.ts) that replaced jsonc-parser: it must agree with JSON.parse
// on what is JSON, point at the right offsets, and name the first syntax error where it is.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanJsonText } from "../../packages/lib/src/core/json-locate.js";

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe("scanJsonText", () => {
  it("accepts exactly what JSON.parse accepts (generated JSON, then mutated)", () => {
    fc.assert(
      fc.property(
        fc.json(),
        fc.nat(),
        fc.constantFrom("", ",", "}", "]", ":", '"', "\\", "x", " ", "\u0001"),
        (text, at, insert) => {
          expect(scanJsonText(text).ok).toBe(true);
          const i = at % (text.length + 1);
          const mutated = text.slice(0, i) + insert + text.slice(i);
          expect(scanJsonText(mutated).ok, JSON.stringify(mutated)).toBe(parses(mutated));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("records the offsets of keys and values", () => {
    const text = '{ "a": [1, {"b": null}], "c": "x" }';
    const result = scanJsonText(text);
    if (!result.ok || result.root.type !== "object") throw new Error("expected an object");
    const [a, c] = result.root.members;
    expect(a?.keyOffset).toBe(text.indexOf('"a"'));
    expect(c?.keyOffset).toBe(text.indexOf('"c"'));
    expect(c?.value.offset).toBe(text.indexOf('"x"'));
    if (a?.value.type !== "array") throw new Error("expected an array");
    expect(a.value.items[1]?.offset).toBe(text.indexOf('{"b"'));
  });

  it("keeps duplicate keys (which JSON.parse drops) and decodes escaped keys", () => {
    const result = scanJsonText('{"a":1,"\\u0061":2}');
    if (!result.ok || result.root.type !== "object") throw new Error("expected an object");
    expect(result.root.members.map((m) => m.key)).toEqual(["a", "a"]);
  });

  it.each([
    ['{"a":1,}', 7, "expected a property name in double quotes"],
    ["{a:1}", 1, "expected a property name in double quotes"],
    ['{"a" 1}', 5, "expected ':' after the property name"],
    ["[1 2]", 3, "expected ',' or ']'"],
    ['{"a":1 "b":2}', 7, "expected ',' or '}' (a trailing comma is not allowed)"],
    ["", 0, "unexpected end of file"],
    ['"abc', 0, "unexpected end of string"],
    ['"a\\x"', 2, "invalid escape character"],
    ['"\\u12G4"', 1, "invalid unicode escape"],
    ['"a\nb"', 2, "invalid character in a string"],
    ["-", 0, "invalid number format"],
    ["{} x", 3, "unexpected text after the end"],
    ["nul", 0, "expected a value"],
  ])("%j fails at %i: %s", (text, offset, detail) => {
    expect(scanJsonText(text)).toEqual({ ok: false, offset, detail });
  });
});

/** canonicalJson: the one text per JSON value that documents, contacts and configs are compared by. */
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../packages/lib/src/core/canonical-json.js";

describe("canonicalJson", () => {
  it("sorts object keys at every depth; arrays keep their order", () => {
    const a = { b: 1, a: [{ y: 2, x: 1 }, 3], c: { e: null, d: "s" } };
    const b = { c: { d: "s", e: null }, a: [{ x: 1, y: 2 }, 3], b: 1 };
    expect(canonicalJson(a)).toBe('{"a":[{"x":1,"y":2},3],"b":1,"c":{"d":"s","e":null}}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it("keeps a __proto__ key as a key", () => {
    const value = JSON.parse('{"__proto__":{"x":1},"a":1}');
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"a":1}');
  });

  it("reads what JSON cannot hold as null", () => {
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson([undefined])).toBe("[null]");
  });
});

/** https://spec.matrix.org/latest/appendices/#common-namespaced-identifier-grammar */
import { describe, expect, it } from "vitest";
import {
  isNamespacedIdentifier,
  parseNamespacedIdentifier,
} from "../../../packages/lib/src/core/index.js";

describe("parseNamespacedIdentifier", () => {
  it("accepts the spec's roles as reserved and namespaced", () => {
    expect(parseNamespacedIdentifier("m.role.admin")).toEqual({
      ok: true,
      reserved: true,
      namespaced: true,
    });
    expect(parseNamespacedIdentifier("m.role.security")).toMatchObject({ reserved: true });
  });

  it("accepts reverse-DNS identifiers as namespaced and not reserved", () => {
    expect(parseNamespacedIdentifier("org.example.role.abuse")).toEqual({
      ok: true,
      reserved: false,
      namespaced: true,
    });
    expect(parseNamespacedIdentifier("support.feline.msc4121.role.moderator")).toMatchObject({
      ok: true,
      namespaced: true,
    });
    expect(parseNamespacedIdentifier("com.example-1.role_x")).toMatchObject({ ok: true });
  });

  it("accepts a bare word: it matches the grammar but is not namespaced", () => {
    expect(parseNamespacedIdentifier("admin")).toEqual({
      ok: true,
      reserved: false,
      namespaced: false,
    });
  });

  it("is 1 to 255 characters", () => {
    expect(isNamespacedIdentifier("a")).toBe(true);
    expect(isNamespacedIdentifier("a".repeat(255))).toBe(true);
    expect(parseNamespacedIdentifier("a".repeat(256))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("255"),
    });
    expect(parseNamespacedIdentifier("")).toMatchObject({ ok: false, reason: "it is empty" });
  });

  it("starts with a-z and continues with a-z 0-9 . _ -", () => {
    for (const bad of [
      "Admin",
      "1role",
      ".role",
      "_role",
      "-role",
      "m.Role.admin",
      "org.example role",
      "org/example",
      "m.role.admin ",
    ]) {
      expect(isNamespacedIdentifier(bad), bad).toBe(false);
    }
    expect(parseNamespacedIdentifier("M.role")).toMatchObject({
      reason: expect.stringContaining("'M'"),
    });
    expect(parseNamespacedIdentifier("a b")).toMatchObject({
      reason: expect.stringContaining("U+0020"),
    });
  });
});

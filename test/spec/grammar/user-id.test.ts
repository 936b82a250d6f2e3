/** User IDs: https://spec.matrix.org/latest/appendices/#user-identifiers */
import { describe, expect, it } from "vitest";
import { isUserId, parseUserId } from "../../../packages/lib/src/core/index.js";

describe("parseUserId", () => {
  it("accepts the spec's examples and splits at the first colon", () => {
    expect(parseUserId("@admin:example.org")).toEqual({
      ok: true,
      localpart: "admin",
      serverName: "example.org",
      historical: false,
    });
    expect(parseUserId("@alice:matrix.org")).toMatchObject({ ok: true, localpart: "alice" });
  });

  it("keeps the port and IPv6 literals in the server name (everything after the first colon)", () => {
    expect(parseUserId("@a:example.org:8448")).toMatchObject({
      ok: true,
      localpart: "a",
      serverName: "example.org:8448",
    });
    expect(parseUserId("@a:[2001:db8::1]")).toMatchObject({
      ok: true,
      serverName: "[2001:db8::1]",
    });
    expect(parseUserId("@a:[::1]:8448")).toMatchObject({ ok: true, serverName: "[::1]:8448" });
    expect(parseUserId("@a:1.2.3.4:8008")).toMatchObject({ ok: true, serverName: "1.2.3.4:8008" });
  });

  it("accepts every character of the current localpart grammar", () => {
    expect(parseUserId("@a.b_c=d-e/f+g9:example.org")).toMatchObject({
      ok: true,
      historical: false,
    });
  });

  it("recognises historical user IDs separately: accepted, flagged, with the reason", () => {
    const upper = parseUserId("@Alice:example.org");
    expect(upper).toMatchObject({ ok: true, historical: true });
    expect(upper.ok && upper.historicalReason).toContain("'A'");
    expect(parseUserId("@a!b:example.org")).toMatchObject({ ok: true, historical: true });
    expect(parseUserId("@~tilde:example.org")).toMatchObject({ ok: true, historical: true });
  });

  it("rejects what neither grammar allows", () => {
    for (const bad of [
      "",
      "admin:example.org",
      "#room:example.org",
      "@admin",
      "@:example.org",
      "@a b:example.org",
      "@é:example.org",
      "@a:",
      "@a:exa mple.org",
      "@a:example.org:0",
      "@a:example.org:65536",
      "@a:example.org:port",
      " @a:example.org",
    ]) {
      expect(parseUserId(bad).ok, JSON.stringify(bad)).toBe(false);
      expect(isUserId(bad)).toBe(false);
    }
  });

  it("gives a reason that names the problem", () => {
    expect(parseUserId("@admin")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("':'"),
    });
    expect(parseUserId("admin")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("'@'"),
    });
    expect(parseUserId("@a b:x.org")).toMatchObject({ reason: expect.stringContaining("U+0020") });
    expect(parseUserId("@a:example.org:65536")).toMatchObject({
      reason: expect.stringContaining("65535"),
    });
  });

  it("limits the whole ID to 255 bytes (UTF-8 bytes, not characters)", () => {
    const server = ":example.org"; // 12 bytes
    const at255 = `@${"a".repeat(255 - 1 - server.length)}${server}`;
    expect(at255).toHaveLength(255);
    expect(parseUserId(at255).ok).toBe(true);
    expect(parseUserId(`@a${at255.slice(1)}`)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("255"),
    });
  });
});

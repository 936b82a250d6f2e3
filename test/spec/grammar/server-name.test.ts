/** Server names: https://spec.matrix.org/latest/appendices/#server-name */
import { describe, expect, it } from "vitest";
import { isServerName, parseServerName, serverHost } from "../../../packages/lib/src/core/index.js";

describe("parseServerName", () => {
  it("accepts the spec's examples", () => {
    expect(parseServerName("matrix.org")).toMatchObject({
      ok: true,
      host: "matrix.org",
      kind: "dns",
    });
    expect(parseServerName("matrix.org:8888")).toMatchObject({ ok: true, port: 8888 });
    expect(parseServerName("1.2.3.4")).toMatchObject({ ok: true, kind: "ipv4" });
    expect(parseServerName("1.2.3.4:1234")).toMatchObject({ ok: true, kind: "ipv4", port: 1234 });
    expect(parseServerName("[1234:5678::abcd]")).toMatchObject({
      ok: true,
      kind: "ipv6",
      host: "[1234:5678::abcd]",
    });
    expect(parseServerName("[1234:5678::abcd]:5678")).toMatchObject({ ok: true, port: 5678 });
    expect(parseServerName("localhost")).toMatchObject({ ok: true, kind: "dns" });
  });

  it("accepts ports 1 to 65535 and rejects 0, 65536 and non-digits", () => {
    expect(parseServerName("example.org:1")).toMatchObject({ ok: true, port: 1 });
    expect(parseServerName("example.org:65535")).toMatchObject({ ok: true, port: 65535 });
    for (const bad of ["example.org:0", "example.org:65536", "example.org:99999"]) {
      expect(parseServerName(bad)).toMatchObject({
        ok: false,
        reason: expect.stringContaining("1 and 65535"),
      });
    }
    for (const bad of ["example.org:", "example.org:123456", "example.org:http", "[::1]:"]) {
      expect(parseServerName(bad).ok, bad).toBe(false);
    }
  });

  it("requires brackets around IPv6 literals and a ':' inside them", () => {
    expect(parseServerName("::1").ok).toBe(false);
    expect(parseServerName("[::1").ok).toBe(false);
    expect(parseServerName("[1234]").ok).toBe(false);
    expect(parseServerName("[::1]x").ok).toBe(false);
    expect(parseServerName(`[${"1:".repeat(23)}1]`).ok).toBe(false); // 47 characters: over 45
  });

  it("rejects characters a DNS name cannot hold, and empty or padded names", () => {
    for (const bad of [
      "",
      " example.org",
      "example.org ",
      "exa_mple.org",
      "exa mple.org",
      "é.org",
      ":8448",
    ]) {
      expect(isServerName(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(parseServerName("a".repeat(256)).ok).toBe(false);
    expect(parseServerName("a".repeat(255)).ok).toBe(true);
  });

  it("rejects an empty label: a doubled, leading or lone dot", () => {
    for (const bad of [
      "Example..org",
      "example..org",
      ".example.org",
      ".",
      "..",
      "a..",
      "example.org..",
      "..:8448",
    ]) {
      const parsed = parseServerName(bad);
      expect(parsed.ok, JSON.stringify(bad)).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toContain("empty label");
    }
    expect(parseServerName("example..org:8448").ok).toBe(false);
  });

  it("accepts one trailing dot (DNS allows it) with an advisory, since Matrix compares names as text", () => {
    const parsed = parseServerName("example.org.");
    expect(parsed).toMatchObject({ ok: true, host: "example.org.", kind: "dns" });
    if (parsed.ok) expect(parsed.advisories).toEqual([expect.stringContaining("trailing dot")]);
    expect(parseServerName("example.org.:8448")).toMatchObject({ ok: true, port: 8448 });
    expect(parseServerName("example.org").ok && parseServerName("example.org")).toMatchObject({
      advisories: [],
    });
  });

  it("reports the spec's recommendations as advisories, not errors", () => {
    expect(parseServerName("Example.org")).toMatchObject({
      ok: true,
      advisories: ["server names should be lower case"],
    });
    expect(parseServerName(`${"a".repeat(231)}`)).toMatchObject({
      ok: true,
      advisories: ["server names should be at most 230 characters"],
    });
  });

  it("serverHost drops the port and lower-cases, keeping IPv6 brackets", () => {
    expect(serverHost("Example.ORG:8448")).toBe("example.org");
    expect(serverHost("[2001:DB8::1]:8448")).toBe("[2001:db8::1]");
    expect(serverHost("bad name")).toBeUndefined();
  });
});

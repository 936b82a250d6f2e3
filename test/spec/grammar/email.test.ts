/** Email addresses: an RFC 5321 mailbox, as `email_address` holds since spec v1.13. */
import { describe, expect, it } from "vitest";
import { isEmail, parseEmail, validateSupport } from "../../../packages/lib/src/core/index.js";

describe("parseEmail", () => {
  it("accepts plain addresses and splits at the last '@'", () => {
    expect(parseEmail("admin@example.org")).toEqual({
      ok: true,
      local: "admin",
      domain: "example.org",
      nonAscii: false,
    });
    expect(parseEmail("first.last+tag@mail.example.org")).toMatchObject({
      ok: true,
      local: "first.last+tag",
    });
    expect(parseEmail("a!#$%&'*+-/=?^_`{|}~@example.org")).toMatchObject({ ok: true });
    expect(parseEmail("root@localhost")).toMatchObject({ ok: true, domain: "localhost" });
  });

  it("accepts quoted local parts, with spaces, '@' and escapes inside", () => {
    expect(parseEmail('"john doe"@example.org')).toMatchObject({ ok: true, local: '"john doe"' });
    expect(parseEmail('"a@b"@example.org')).toMatchObject({
      ok: true,
      local: '"a@b"',
      domain: "example.org",
    });
    expect(parseEmail('"a\\"b"@example.org')).toMatchObject({ ok: true });
    expect(isEmail('"unterminated@example.org')).toBe(false);
    expect(isEmail('"a"b@example.org')).toBe(false);
  });

  it("accepts address literals", () => {
    expect(parseEmail("admin@[192.0.2.1]")).toMatchObject({ ok: true, domain: "[192.0.2.1]" });
    expect(parseEmail("admin@[IPv6:2001:db8::1]")).toMatchObject({ ok: true });
    expect(isEmail("admin@[300.0.0.1]")).toBe(false);
    expect(isEmail("admin@[not a literal]")).toBe(false);
  });

  it("rejects display names, with the bare address as the suggestion", () => {
    expect(parseEmail("Server Admin <admin@example.org>")).toEqual({
      ok: false,
      problem: "display_name",
      reason: "it includes a display name",
      suggestion: "admin@example.org",
    });
    expect(parseEmail("<admin@example.org>")).toMatchObject({ problem: "display_name" });
  });

  it("rejects a mailto: prefix, with the decoded address as the suggestion", () => {
    expect(parseEmail("mailto:admin@example.org")).toMatchObject({
      ok: false,
      problem: "mailto",
      suggestion: "admin@example.org",
    });
    expect(parseEmail("MAILTO:a%2Bb@example.org?subject=hi")).toMatchObject({
      problem: "mailto",
      suggestion: "a+b@example.org",
    });
  });

  it("recognises Cloudflare's obfuscation placeholder, with or without a no-break space", () => {
    for (const placeholder of [
      "[email protected]",
      "[email\u00a0protected]",
      "[email&#160;protected]",
    ]) {
      expect(parseEmail(placeholder)).toMatchObject({ ok: false, problem: "obfuscated" });
    }
    expect(parseEmail("/cdn-cgi/l/email-protection#abcdef")).toMatchObject({
      problem: "obfuscated",
    });
    // A real address that merely contains the words is an address.
    expect(parseEmail("email-protected@example.org")).toMatchObject({ ok: true });
    expect(parseEmail("emailprotected@example.org")).toMatchObject({ ok: true });
  });

  it("a label over 63 or a domain over 255 is invalid (DNS cannot hold it)", () => {
    expect(parseEmail(`a@${"b".repeat(64)}.org`)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("63"),
    });
  });

  it("a local part over 64 or an address over 254 is valid, flagged as over RFC 5321's sizes", () => {
    const local64 = "a".repeat(64);
    expect(parseEmail(`${local64}@example.org`)).toEqual({
      ok: true,
      local: local64,
      domain: "example.org",
      nonAscii: false,
    });
    expect(parseEmail(`a${local64}@example.org`)).toMatchObject({
      ok: true,
      overSize: expect.stringContaining("64"),
    });
    const label63 = "b".repeat(63);
    const domain = `${label63}.${label63}.${label63}.${"c".repeat(59)}`; // 251 characters
    expect(parseEmail(`ab@${domain}`)).not.toHaveProperty("overSize"); // 254 in all
    expect(parseEmail(`abc@${domain}`)).toMatchObject({
      ok: true,
      overSize: expect.stringContaining("254"),
    });
    // In a document: a warning, not an error (the spec's `format: email` has no size limit).
    const { valid, diagnostics } = validateSupport(
      { contacts: [{ role: "m.role.admin", email_address: `a${local64}@example.org` }] },
      { lint: false },
    );
    expect(valid).toBe(true);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: "EMAIL_TOO_LONG", severity: "warning" }),
    ]);
  });

  it("rejects malformed addresses with a reason", () => {
    const cases: [string, string][] = [
      ["", "empty"],
      ["admin.example.org", "'@'"],
      ["@example.org", "before '@'"],
      ["admin@", "after '@'"],
      [" admin@example.org", "white space"],
      ["ad min@example.org", "white space"],
      ["a..b@example.org", "'.'"],
      [".a@example.org", "'.'"],
      ["a.@example.org", "'.'"],
      ["a@b@example.org", "quoting"],
      ["a@example..org", "empty label"],
      ["a@example.org.", "empty label"],
      ["a@-example.org", "label"],
      ["a@exa_mple.org", "label"],
      ["a(comment)@example.org", "quoting"],
    ];
    for (const [input, reason] of cases) {
      expect(parseEmail(input), input).toMatchObject({
        ok: false,
        problem: "syntax",
        reason: expect.stringContaining(reason),
      });
    }
  });

  it("recognises internationalised (RFC 6531) addresses separately", () => {
    expect(parseEmail("jürgen@example.org")).toMatchObject({ ok: true, nonAscii: true });
    expect(parseEmail("admin@bücher.example")).toMatchObject({ ok: true, nonAscii: true });
    // 32 characters of two bytes each: 64 bytes, within 64; 33 would be 66 bytes, over.
    expect(parseEmail(`${"ü".repeat(32)}@example.org`)).not.toHaveProperty("overSize");
    expect(parseEmail(`${"ü".repeat(33)}@example.org`)).toMatchObject({
      ok: true,
      overSize: expect.stringContaining("64"),
    });
  });

  it("never accepts a control character, ASCII (C0, DEL) or not (C1), anywhere", () => {
    for (const cc of [
      "\u0000",
      "\u0007",
      "\u001b",
      "\u007f",
      "\u0080",
      "\u0085",
      "\u009b",
      "\u009f",
    ]) {
      for (const address of [
        `ad${cc}min@example.org`,
        `admin@exa${cc}mple.org`,
        `jürgen${cc}@example.org`,
      ]) {
        expect(parseEmail(address), JSON.stringify(address)).toMatchObject({
          ok: false,
          problem: "syntax",
          reason: expect.stringContaining("control character"),
        });
      }
    }
    // A control character is not made valid by quoting either.
    expect(isEmail('"a\u0085b"@example.org')).toBe(false);
    // The characters around the C1 block are still letters of an internationalised address.
    expect(parseEmail("a\u00a1\u00e9@example.org")).toMatchObject({ ok: true, nonAscii: true });
  });
});

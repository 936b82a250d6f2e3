// compareSupport, rule by rule: each fixture in test/fixtures/compare/cases.json names the rule it
// exercises, two documents, the overall risk and the changes (code and risk, in order).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CATALOGUE,
  compareSupport,
  maxRisk,
  registrableDomain,
  riskAtLeast,
  type SupportDocument,
} from "../../packages/lib/src/core/index.js";
import { KNOWN_PUBLIC_SUFFIXES } from "../../packages/lib/src/core/registrable-domain.js";

interface Case {
  name: string;
  rule: string;
  before: SupportDocument | null;
  after: SupportDocument | null;
  risk: "high" | "medium" | "low" | null;
  changes: [string, string][];
  /** The changes with `{ low: true }`; null = the same as `changes`. */
  low: [string, string][] | null;
}

const CASES: Case[] = JSON.parse(
  readFileSync(join(import.meta.dirname, "../fixtures/compare/cases.json"), "utf8"),
);

describe("compareSupport: the rules, one fixture each", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const result = compareSupport(c.before, c.after);
    expect(result.changes.map((x) => [x.code, x.risk])).toEqual(c.changes);
    expect(result.risk).toBe(c.risk);
    const withLow = compareSupport(c.before, c.after, { low: true });
    expect(withLow.changes.map((x) => [x.code, x.risk])).toEqual(c.low ?? c.changes);
  });

  it("covers every rule of the contract", () => {
    const codes = new Set(
      CASES.flatMap((c) => [...c.changes, ...(c.low ?? [])].map(([code]) => code)),
    );
    const catalogued = Object.keys(CATALOGUE).filter((k) => k.startsWith("CHANGE_"));
    expect([...codes].sort()).toEqual(catalogued.sort());
  });
});

describe("compareSupport: what a change says", () => {
  const before: SupportDocument = {
    contacts: [
      { role: "m.role.admin", email_address: "admin@example.org" },
      { role: "m.role.security", email_address: "security@example.org" },
    ],
  };

  it("a security move names the domains, the channel and the role, with the catalogue's hint", () => {
    const after: SupportDocument = {
      contacts: [
        { role: "m.role.admin", email_address: "admin@example.org" },
        { role: "m.role.security", email_address: "security@evil.example" },
      ],
    };
    const [moved, edited] = compareSupport(before, after).changes;
    expect(moved).toEqual({
      code: "CHANGE_SECURITY_CONTACT_MOVED",
      risk: "high",
      message:
        "Security reports would now go to evil.example, a domain not used before (example.org): the email address of the security contact",
      role: "m.role.security",
      channel: "email_address",
      before: "example.org",
      after: "evil.example",
      hint: expect.stringMatching(/channel you already trust/),
    });
    expect(edited).toEqual({
      code: "CHANGE_CONTACT_CHANGED",
      risk: "medium",
      message:
        "The m.role.security contact's email address changed: security@example.org -> security@evil.example",
      role: "m.role.security",
      channel: "email_address",
      before: "security@example.org",
      after: "security@evil.example",
    });
  });

  it("says when the admin stands in for a missing security contact", () => {
    const [moved] = compareSupport(
      { contacts: [{ role: "m.role.admin", email_address: "a@example.org" }] },
      { contacts: [{ role: "m.role.admin", email_address: "a@evil.example" }] },
    ).changes;
    expect(moved?.role).toBe("m.role.admin");
    expect(moved?.message).toMatch(/the admin contact \(no security contact is listed/);
  });

  it("keeps the values as written (escaping is the printer's job)", () => {
    const [added] = compareSupport(before, {
      contacts: [
        ...(before.contacts ?? []),
        { role: "m.role.moderator", email_address: "=x@example.org" },
      ],
    }).changes.filter((c) => c.code === "CHANGE_CONTACT_ADDED");
    expect(added?.after).toBe("=x@example.org");
  });

  it("never throws on garbage: non-objects, contacts that are not objects, wrong types", () => {
    const garbage = [
      null,
      undefined,
      42,
      "text",
      [],
      { contacts: "no" },
      { contacts: [null, 1, "x", { role: 5 }, { role: "m.role.admin", email_address: 7 }] },
      { support_page: 3 },
    ] as unknown as SupportDocument[];
    for (const a of garbage)
      for (const b of garbage) {
        const r = compareSupport(a, b);
        expect(Array.isArray(r.changes)).toBe(true);
      }
    expect(compareSupport(null, null)).toEqual({ risk: null, changes: [] });
  });

  it("a historical Matrix ID and an odd server name still compare by their server's domain", () => {
    const r = compareSupport(
      { contacts: [{ role: "m.role.security", matrix_id: "@Sec:matrix.example.org:8448" }] },
      { contacts: [{ role: "m.role.security", matrix_id: "@Sec:chat.example.org" }] },
    );
    expect(r.changes.map((c) => c.code)).toEqual(["CHANGE_CONTACT_CHANGED"]);
  });

  it("an IPv6 server name and an address literal are their own domains", () => {
    const r = compareSupport(
      { contacts: [{ role: "m.role.security", matrix_id: "@s:[2001:db8::1]:8448" }] },
      { contacts: [{ role: "m.role.security", matrix_id: "@s:[2001:db8::2]" }] },
    );
    expect(r.changes[0]).toMatchObject({
      code: "CHANGE_SECURITY_CONTACT_MOVED",
      before: "[2001:db8::1]",
      after: "[2001:db8::2]",
    });
  });
});

describe("registrableDomain (an approximation without the Public Suffix List)", () => {
  it.each([
    ["example.org", "example.org"],
    ["matrix.example.org", "example.org"],
    ["a.b.c.example.org", "example.org"],
    ["Matrix.Example.ORG.", "example.org"],
    ["chat.example.co.uk", "example.co.uk"],
    ["example.co.uk", "example.co.uk"],
    ["co.uk", "co.uk"],
    ["mail.example.com.au", "example.com.au"],
    ["alice.github.io", "alice.github.io"],
    ["www.alice.github.io", "alice.github.io"],
    ["bob.nohost.me", "bob.nohost.me"],
    ["localhost", "localhost"],
    ["192.0.2.1", "192.0.2.1"],
    ["[2001:db8::1]", "[2001:db8::1]"],
    ["2001:db8::1", "2001:db8::1"],
    ["", ""],
    // The documented limit: an unknown two-label suffix is taken for a registrable domain.
    ["a.example.xx", "example.xx"],
  ])("%s -> %s", (host, domain) => {
    expect(registrableDomain(host)).toBe(domain);
  });

  it("lists only two-label suffixes in lower case", () => {
    for (const s of KNOWN_PUBLIC_SUFFIXES) expect(s).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+$/);
  });
});

describe("risk helpers", () => {
  it("orders high > medium > low", () => {
    expect(riskAtLeast("high", "medium")).toBe(true);
    expect(riskAtLeast("medium", "medium")).toBe(true);
    expect(riskAtLeast("low", "medium")).toBe(false);
    expect(riskAtLeast(null, "low")).toBe(false);
    expect(maxRisk("low", "high")).toBe("high");
    expect(maxRisk(null, "medium")).toBe("medium");
    expect(maxRisk(null, null)).toBe(null);
  });
});

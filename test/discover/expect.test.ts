/** --expect: drift between what is served and what was meant, as a pure comparison. */
import { describe, expect, it } from "vitest";
import { compareExpected } from "../../packages/lib/src/discover/expect.js";
import type { DiscoveryResult } from "../../packages/lib/src/discover/index.js";

const meant = {
  contacts: [
    { role: "m.role.admin", email_address: "admin@example.org" },
    { role: "m.role.security", email_address: "security@example.org" },
  ],
  support_page: "https://example.org/help",
};

function served(value: unknown): DiscoveryResult {
  return {
    status: "found",
    serverName: "example.org",
    url: "https://example.org/.well-known/matrix/support",
    document: value as Record<string, unknown>,
    value,
    diagnostics: [],
    http: { status: 200, redirects: [], elapsed_ms: 1 },
  };
}
const codes = (ds: { code: string; path?: string }[]) => ds.map((d) => `${d.code}${d.path ?? ""}`);

describe("compareExpected", () => {
  it("matches regardless of key and contact order", () => {
    const reordered = { support_page: meant.support_page, contacts: [...meant.contacts].reverse() };
    expect(
      codes(compareExpected({ document: meant, source: "c.yaml" }, served(reordered))),
    ).toEqual(["EXPECT_MATCHES"]);
  });
  it("names missing and extra contacts, changed values and keys", () => {
    const drifted = {
      contacts: [meant.contacts[0], { role: "m.role.admin", email_address: "old@example.org" }],
      support_page: "https://example.org/old",
      extra: true,
    };
    expect(codes(compareExpected({ document: meant, source: "c.yaml" }, served(drifted)))).toEqual([
      "EXPECT_CONTACT_MISSING/contacts",
      "EXPECT_CONTACT_EXTRA/contacts/1",
      "EXPECT_VALUE_DIFFERS/support_page",
      "EXPECT_KEY_EXTRA/extra",
    ]);
  });
  it("404 against a config that publishes, and the reverse", () => {
    const nf: DiscoveryResult = { ...served(null), status: "not_found", document: null };
    expect(codes(compareExpected({ document: meant, source: "c" }, nf))).toEqual([
      "EXPECT_PUBLISHED",
    ]);
    expect(codes(compareExpected({ document: null, source: "c" }, nf))).toEqual(["EXPECT_MATCHES"]);
    expect(codes(compareExpected({ document: null, source: "c" }, served(meant)))).toEqual([
      "EXPECT_UNPUBLISHED",
    ]);
  });
  it("warns when the config describes another server", () => {
    const ds = compareExpected(
      { document: meant, source: "c", serverName: "other.org" },
      served(meant),
    );
    expect(codes(ds)).toEqual(["EXPECT_SERVER_NAME", "EXPECT_MATCHES"]);
  });
});

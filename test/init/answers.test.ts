import { describe, expect, it } from "vitest";
import {
  adminOnlyOnServerDomain,
  answersFromDocument,
  answersFromFlags,
  buildConfig,
  buildSupport,
  checkValue,
  mergeAnswers,
  missingAnswers,
  parseContactText,
} from "../../packages/cli/src/init/index.js";
import { validateSupport } from "../../packages/lib/src/core/index.js";

describe("answers -> config", () => {
  it("publishes admin, backup, security and moderator in that order", () => {
    const support = buildSupport({
      serverName: "example.org",
      admin: { matrix_id: "@admin:example.org", email_address: "admin@example.org" },
      backup: { matrix_id: "@admin:matrix.org" },
      security: { email_address: "security@example.org" },
      moderator: { email_address: "abuse@example.org" },
      supportPage: "https://example.org/help",
    });
    expect(support).toEqual({
      contacts: [
        {
          role: "m.role.admin",
          matrix_id: "@admin:example.org",
          email_address: "admin@example.org",
        },
        { role: "m.role.admin", matrix_id: "@admin:matrix.org" },
        { role: "m.role.security", email_address: "security@example.org" },
        { role: "m.role.moderator", email_address: "abuse@example.org" },
      ],
      support_page: "https://example.org/help",
    });
    expect(validateSupport(support, { serverName: "example.org" }).valid).toBe(true);
  });

  it("publishes the admin contact as the security contact when none is given", () => {
    const support = buildSupport({ admin: { email_address: "admin@example.net" } });
    expect(support.contacts).toEqual([
      { role: "m.role.admin", email_address: "admin@example.net" },
      { role: "m.role.security", email_address: "admin@example.net" },
    ]);
    const codes = validateSupport(support).diagnostics.map((d) => d.code);
    expect(codes).not.toContain("NO_SECURITY_CONTACT");
  });

  it("ignores contacts with nothing to reach", () => {
    const config = buildConfig({
      serverName: "example.org",
      admin: {},
      moderator: { email_address: "" },
    });
    expect(config).toEqual({ server_name: "example.org", support: {} });
  });
});

describe("checks of one answer give validate's diagnostics", () => {
  const cases: [Parameters<typeof checkValue>[0], string, Record<string, unknown>][] = [
    [
      "matrix_id",
      "admin:example.org",
      { contacts: [{ role: "m.role.admin", matrix_id: "admin:example.org" }] },
    ],
    [
      "matrix_id",
      "@Admin:example.org",
      { contacts: [{ role: "m.role.admin", matrix_id: "@Admin:example.org" }] },
    ],
    [
      "email_address",
      "mailto:a@example.org",
      { contacts: [{ role: "m.role.admin", email_address: "mailto:a@example.org" }] },
    ],
    [
      "email_address",
      "Admin <a@example.org>",
      { contacts: [{ role: "m.role.admin", email_address: "Admin <a@example.org>" }] },
    ],
    [
      "email_address",
      "[email protected]",
      { contacts: [{ role: "m.role.admin", email_address: "[email protected]" }] },
    ],
    ["support_page", "javascript:alert(1)", { support_page: "javascript:alert(1)" }],
    ["support_page", "http://example.org/help", { support_page: "http://example.org/help" }],
    ["support_page", "example.org/help", { support_page: "example.org/help" }],
  ];
  it.each(cases)("%s %j", (kind, value, doc) => {
    const mine = checkValue(kind, value);
    const theirs = validateSupport(doc, { lint: false }).diagnostics;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((d) => [d.code, d.severity, d.message, d.hint])).toEqual(
      theirs.map((d) => [d.code, d.severity, d.message, d.hint]),
    );
  });

  it("accepts good values silently", () => {
    expect(checkValue("server_name", "example.org:8448")).toEqual([]);
    expect(checkValue("server_name", "[2001:db8::1]")).toEqual([]);
    expect(checkValue("matrix_id", "@admin:example.org:8448")).toEqual([]);
    expect(checkValue("email_address", "admin@example.org")).toEqual([]);
    expect(checkValue("support_page", "https://matrix.to/#/#help:example.org")).toEqual([]);
  });

  it("names a bad server name with the discovery catalogue's code", () => {
    const [d] = checkValue("server_name", "example.org:99999");
    expect(d?.code).toBe("SERVER_NAME_INVALID");
    expect(d?.message).toContain("the port must be between 1 and 65535");
  });
});

describe("flags -> answers", () => {
  it("collects values and every problem with the flag that gave it", () => {
    const { answers, problems } = answersFromFlags({
      serverName: "example.org",
      adminMxid: "@admin:example.org",
      securityEmail: "mailto:sec@example.org",
      moderatorMxid: "@mod:example.org",
    });
    expect(answers).toEqual({
      serverName: "example.org",
      admin: { matrix_id: "@admin:example.org" },
      security: { email_address: "mailto:sec@example.org" },
      moderator: { matrix_id: "@mod:example.org" },
    });
    expect(problems.map((p) => [p.flag, p.diagnostic.code])).toEqual([
      ["--security-email", "EMAIL_MAILTO"],
    ]);
  });

  it("says what is missing, naming the flags", () => {
    const missing = missingAnswers({ security: { email_address: "s@example.org" } });
    expect(missing.map((d) => [d.code, d.message, d.hint])).toEqual([
      ["INIT_MISSING", "No server name given", expect.stringContaining("--server-name")],
      [
        "INIT_MISSING",
        "No admin contact given",
        expect.stringContaining("--admin-mxid and/or --admin-email"),
      ],
    ]);
    expect(
      missingAnswers({ serverName: "example.org", admin: { matrix_id: "@a:example.org" } }),
    ).toEqual([]);
  });
});

describe("one typed contact answer", () => {
  it("takes a Matrix ID and/or an email in any order, spaces or a comma between", () => {
    expect(parseContactText("admin@example.org, @admin:example.org")).toEqual({
      contact: { matrix_id: "@admin:example.org", email_address: "admin@example.org" },
      diagnostics: [],
    });
    expect(parseContactText("   ")).toEqual({ diagnostics: [] });
  });

  it("refuses two of a kind", () => {
    const parsed = parseContactText("a@example.org b@example.org");
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(["INIT_CONTACT_PARTS"]);
  });

  it("reports validate's diagnostics for each part", () => {
    const parsed = parseContactText("@:example.org mailto:x@example.org");
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(["MATRIX_ID_INVALID", "EMAIL_MAILTO"]);
  });
});

describe("the backup nudge", () => {
  it("fires when every admin address is on the server's domain (or a sub/parent domain)", () => {
    expect(
      adminOnlyOnServerDomain({
        serverName: "example.org",
        admin: { matrix_id: "@a:matrix.example.org", email_address: "a@example.org" },
      }),
    ).toBe(true);
    expect(
      adminOnlyOnServerDomain({
        serverName: "example.org:8448",
        admin: { matrix_id: "@a:example.org" },
        backup: { email_address: "me@example.net" },
      }),
    ).toBe(false);
    expect(adminOnlyOnServerDomain({ serverName: "example.org" })).toBe(false);
  });
});

describe("--from: a published document -> answers", () => {
  it("fills each slot from its role and keeps everything else as published", () => {
    const answers = answersFromDocument(
      {
        contacts: [
          { role: "admin", matrix_id: "@admin:example.org" }, // pre-spec bare role
          { role: "m.role.admin", email_address: "admin@example.net" },
          { role: "m.role.admin", email_address: "third@example.org" },
          {
            role: "m.role.security",
            email_address: "security@example.org",
            pgp_key: "https://example.org/key.asc",
          },
          { role: "support.feline.msc4121.role.moderator", email_address: "abuse@example.org" },
          { role: "m.role.moderator", matrix_id: "@mod:example.org" },
          { role: "org.example.role.dpo", email_address: "dpo@example.org" },
        ],
        support_page: "https://example.org/help",
        "org.matrix.msc4266.policies": { tos: { en: { url: "https://example.org/tos" } } },
      },
      "example.org",
    );
    expect(answers).toEqual({
      serverName: "example.org",
      admin: { matrix_id: "@admin:example.org" },
      backup: { email_address: "admin@example.net" },
      moderator: { matrix_id: "@mod:example.org" },
      supportPage: "https://example.org/help",
      otherContacts: [
        { role: "m.role.admin", email_address: "third@example.org" },
        {
          role: "m.role.security",
          email_address: "security@example.org",
          pgp_key: "https://example.org/key.asc",
        },
        { role: "support.feline.msc4121.role.moderator", email_address: "abuse@example.org" },
        { role: "org.example.role.dpo", email_address: "dpo@example.org" },
      ],
      extensions: {
        "org.matrix.msc4266.policies": { tos: { en: { url: "https://example.org/tos" } } },
      },
    });
  });

  it("lets flags replace single fields of what was published", () => {
    const merged = mergeAnswers(
      {
        serverName: "example.org",
        admin: { matrix_id: "@admin:example.org", email_address: "old@example.org" },
      },
      { admin: { email_address: "new@example.net" }, supportPage: "https://example.org/help" },
    );
    expect(merged).toEqual({
      serverName: "example.org",
      admin: { matrix_id: "@admin:example.org", email_address: "new@example.net" },
      supportPage: "https://example.org/help",
    });
  });
});

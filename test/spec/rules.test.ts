/** What validateSupport reports and what parseSupport keeps, rule by rule. */
import { describe, expect, it } from "vitest";
import {
  analyseSupport,
  type Diagnostic,
  parseSupport,
  validateSupport,
} from "../../packages/lib/src/core/index.js";
import { fixtureValue } from "./fixtures.js";

const codes = (ds: readonly Diagnostic[]) => ds.map((d) => d.code);
const admin = { role: "m.role.admin", email_address: "admin@example.org" };
const security = { role: "m.role.security", matrix_id: "@security:example.org" };

describe("the document's shape", () => {
  it("needs contacts or support_page; {} is an error that says to answer 404", () => {
    const { valid, diagnostics } = validateSupport({});
    expect(valid).toBe(false);
    expect(diagnostics).toEqual([expect.objectContaining({ code: "EMPTY_DOCUMENT", path: "" })]);
    expect(diagnostics[0]?.hint).toContain("404");
    expect(parseSupport({}).document).toBeNull();
  });

  it("an empty contacts list is an error alone, an info beside a support page", () => {
    expect(codes(validateSupport({ contacts: [] }, { lint: false }).diagnostics)).toEqual([
      "CONTACTS_EMPTY",
    ]);
    const withPage = validateSupport(
      { contacts: [], support_page: "https://example.org" },
      { lint: false },
    );
    expect(withPage).toMatchObject({
      valid: true,
      diagnostics: [{ code: "CONTACTS_EMPTY_WITH_PAGE", severity: "info" }],
    });
  });

  it("an email-only contact is a contact, not 'no contacts'", () => {
    const result = validateSupport({ contacts: [admin] });
    expect(result.valid).toBe(true);
    expect(codes(result.diagnostics)).toEqual(["NO_SECURITY_CONTACT"]);
  });

  it("a non-object document is an error naming what was found, and parses to null", () => {
    for (const [value, actual] of [
      [null, "null"],
      [[admin], "an array"],
      ["text", "a string"],
      [42, "a number"],
      [true, "a boolean"],
      [undefined, "undefined"],
    ] as const) {
      const { diagnostics } = validateSupport(value);
      expect(diagnostics).toEqual([expect.objectContaining({ code: "NOT_AN_OBJECT", path: "" })]);
      expect(diagnostics[0]?.message).toContain(actual);
      expect(parseSupport(value)).toEqual({ document: null, diagnostics });
    }
  });

  it("wrong types and nulls are errors naming the field and the expected type", () => {
    const { diagnostics } = validateSupport(
      { contacts: { role: "m.role.admin" }, support_page: 5 },
      { lint: false },
    );
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ["WRONG_TYPE", "/contacts"],
      ["WRONG_TYPE", "/support_page"],
    ]);
    expect(diagnostics[0]?.message).toBe(
      '"contacts" must be an array of contacts, found an object',
    );
    const nulls = validateSupport({
      contacts: [{ role: "m.role.admin", matrix_id: null, email_address: "a@example.org" }],
      support_page: null,
    });
    expect(nulls.diagnostics.filter((d) => d.code === "NULL_VALUE").map((d) => d.path)).toEqual([
      "/contacts/0/matrix_id",
      "/support_page",
    ]);
  });
});

describe("contacts", () => {
  it("a contact needs a role and a way to reach it", () => {
    expect(
      codes(
        validateSupport({ contacts: [{ email_address: "a@example.org" }] }, { lint: false })
          .diagnostics,
      ),
    ).toEqual(["ROLE_MISSING"]);
    expect(
      codes(validateSupport({ contacts: [{ role: "m.role.admin" }] }, { lint: false }).diagnostics),
    ).toEqual(["CONTACT_UNREACHABLE"]);
    expect(codes(validateSupport({ contacts: [{}] }, { lint: false }).diagnostics)).toEqual([
      "ROLE_MISSING",
      "CONTACT_UNREACHABLE",
    ]);
    expect(
      codes(validateSupport({ contacts: ["admin@example.org"] }, { lint: false }).diagnostics),
    ).toEqual(["CONTACT_NOT_OBJECT"]);
  });

  it("the role set is open: namespaced custom roles pass silently", () => {
    const result = validateSupport({
      contacts: [
        admin,
        security,
        { role: "org.example.role.abuse", email_address: "abuse@example.org" },
      ],
    });
    expect(result).toEqual({ valid: true, diagnostics: [] });
  });

  it("roles beyond the spec are warnings that say what to do", () => {
    const role = (r: string) =>
      validateSupport({ contacts: [{ role: r, email_address: "a@example.org" }] }, { lint: false })
        .diagnostics;
    expect(role("admin")).toEqual([
      expect.objectContaining({ code: "ROLE_DRAFT", severity: "warning" }),
    ]);
    expect(role("admin")[0]?.message).toContain('did you mean "m.role.admin"');
    expect(role("security")[0]?.message).toContain('"m.role.security"');
    expect(role("m.role.mod")).toEqual([
      expect.objectContaining({ code: "ROLE_UNKNOWN_RESERVED" }),
    ]);
    expect(role("m.role.mod")[0]?.message).toContain('did you mean "m.role.moderator"');
    expect(role("m.role.helpdesk")[0]?.message).not.toContain("did you mean");
    expect(role("abuse")).toEqual([
      expect.objectContaining({ code: "ROLE_NOT_NAMESPACED", severity: "warning" }),
    ]);
    expect(role("m.role.moderator")[0]).toMatchObject({
      code: "ROLE_PROPOSAL",
      message: expect.stringContaining("MSC4121"),
    });
    expect(role("support.feline.msc4121.role.moderator")[0]?.message).toContain("MSC4121");
    expect(role("m.role.dpo")[0]?.message).toContain("MSC4265");
    expect(role("org.matrix.msc4265.role.dpo")[0]?.message).toContain("MSC4265");
    expect(role("m.role.report_moderator")[0]?.message).toContain("MSC4226");
    expect(role("Admin")).toEqual([
      expect.objectContaining({ code: "ROLE_INVALID", severity: "error" }),
    ]);
    expect(role("")).toEqual([expect.objectContaining({ code: "ROLE_INVALID" })]);
  });

  it("matrix_id follows the user ID grammar; historical IDs are accepted with a warning", () => {
    const id = (matrix_id: string) =>
      validateSupport({ contacts: [{ role: "m.role.admin", matrix_id }] }, { lint: false });
    expect(id("@admin:example.org:8448")).toEqual({ valid: true, diagnostics: [] });
    expect(id("@admin:[2001:db8::1]:8448")).toEqual({ valid: true, diagnostics: [] });
    expect(id("@Admin:example.org")).toMatchObject({
      valid: true,
      diagnostics: [{ code: "MATRIX_ID_HISTORICAL", severity: "warning" }],
    });
    expect(id("admin:example.org")).toMatchObject({
      valid: false,
      diagnostics: [{ code: "MATRIX_ID_INVALID" }],
    });
    expect(id("@admin")).toMatchObject({ valid: false });
  });

  it("email_address must be a bare RFC 5321 mailbox", () => {
    const email = (email_address: string) =>
      codes(
        validateSupport({ contacts: [{ role: "m.role.admin", email_address }] }, { lint: false })
          .diagnostics,
      );
    expect(email('"server admin"@example.org')).toEqual([]);
    expect(email("mailto:admin@example.org")).toEqual(["EMAIL_MAILTO"]);
    expect(email("Admin <admin@example.org>")).toEqual(["EMAIL_DISPLAY_NAME"]);
    expect(email("[email protected]")).toEqual(["EMAIL_OBFUSCATED"]);
    expect(email("admin at example.org")).toEqual(["EMAIL_INVALID"]);
    expect(email("jürgen@example.org")).toEqual(["EMAIL_NON_ASCII"]);
    const [mailto] = validateSupport({
      contacts: [{ role: "m.role.admin", email_address: "mailto:admin@example.org" }],
    }).diagnostics;
    expect(mailto?.hint).toContain('"admin@example.org"');
  });
});

describe("keys beyond the spec", () => {
  it("camelCase and other spellings get a 'did you mean'", () => {
    const value = {
      supportPage: "https://example.org",
      Contacts: [],
      contacts: [
        {
          role: "m.role.admin",
          matrixId: "@a:example.org",
          emailAddress: "a@example.org",
          email: "a@example.org",
          mxid: "@a:example.org",
        },
      ],
    };
    const found = validateSupport(value, { lint: false }).diagnostics.map((d) => [
      d.code,
      d.path,
      d.message,
    ]);
    expect(found).toEqual(
      expect.arrayContaining([
        [
          "MISSPELLED_KEY",
          "/supportPage",
          '"supportPage" is not a spec key; did you mean "support_page"?',
        ],
        ["MISSPELLED_KEY", "/Contacts", '"Contacts" is not a spec key; did you mean "contacts"?'],
        [
          "MISSPELLED_KEY",
          "/contacts/0/matrixId",
          '"matrixId" is not a spec key; did you mean "matrix_id"?',
        ],
        [
          "MISSPELLED_KEY",
          "/contacts/0/emailAddress",
          '"emailAddress" is not a spec key; did you mean "email_address"?',
        ],
        [
          "DRAFT_KEY",
          "/contacts/0/email",
          '"email" is from a pre-spec draft; did you mean "email_address"?',
        ],
        [
          "DRAFT_KEY",
          "/contacts/0/mxid",
          '"mxid" is from a pre-spec draft; did you mean "matrix_id"?',
        ],
        ["CONTACT_UNREACHABLE", "/contacts/0", expect.any(String)],
      ]),
    );
    expect(codes(validateSupport({ admins: [admin] }).diagnostics)).toEqual([
      "DRAFT_KEY",
      "EMPTY_DOCUMENT",
    ]);
  });

  it("namespaced extensions pass silently; bare unknown keys are an info; proposals a warning", () => {
    expect(validateSupport({ contacts: [admin, security], "org.example.x": 1 })).toEqual({
      valid: true,
      diagnostics: [],
    });
    expect(validateSupport({ contacts: [admin, security], motd: "hi" }).diagnostics).toEqual([
      expect.objectContaining({ code: "UNKNOWN_KEY", severity: "info", path: "/motd" }),
    ]);
    expect(validateSupport({ contacts: [admin, security], policies: {} }).diagnostics).toEqual([
      expect.objectContaining({
        code: "PROPOSAL_KEY",
        message: expect.stringContaining("MSC4266"),
      }),
    ]);
  });

  it("pgp_key (MSC4439) must be a link, and wants an email address beside it", () => {
    const pgp = (contact: Record<string, unknown>) =>
      codes(
        validateSupport({ contacts: [{ role: "m.role.security", ...contact }] }, { lint: false })
          .diagnostics,
      );
    const withEmail = (pgp_key: unknown) => pgp({ email_address: "s@example.org", pgp_key });
    expect(withEmail("https://example.org/key.asc")).toEqual(["PROPOSAL_KEY"]);
    expect(withEmail("dns:HASH._openpgpkey.example.org?type=OPENPGPKEY")).toEqual(["PROPOSAL_KEY"]);
    // A problem with the value gets its own code instead of the generic PROPOSAL_KEY.
    expect(withEmail("-----BEGIN PGP PUBLIC KEY BLOCK-----")).toEqual(["PGP_KEY_INVALID"]);
    expect(withEmail(42)).toEqual(["PGP_KEY_INVALID"]);
    expect(withEmail(Object.create(null))).toEqual(["PGP_KEY_INVALID"]);
    expect(withEmail("not a uri")).toEqual(["PGP_KEY_INVALID"]);
    expect(pgp({ matrix_id: "@s:example.org", pgp_key: "https://example.org/key.asc" })).toEqual([
      "PROPOSAL_KEY",
      "PGP_KEY_WITHOUT_EMAIL",
    ]);
  });

  it("pgp_key: http: is a warning (the June 2026 revision of MSC4439 requires https:)", () => {
    const { valid, diagnostics } = validateSupport({
      contacts: [{ role: "m.role.security", email_address: "s@x.org", pgp_key: "http://x.org/k" }],
    });
    expect(valid).toBe(true);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        code: "PGP_KEY_HTTP",
        severity: "warning",
        path: "/contacts/0/pgp_key",
        message: expect.stringContaining("MSC4439 requires https:"),
      }),
    );
  });

  it("pgp_key: a scheme that runs code is an error, and parseSupport drops the key", () => {
    for (const key of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html,<script>alert(1)</script>",
      "data:text/html;base64,PHNjcmlwdD4=",
      // What a browser's URL parser turns into javascript: (spaces, tabs, newlines dropped).
      " javascript:alert(1)",
      "\u0000javascript:alert(1)",
      "java\nscript:alert(1)",
      "\tjava\tscript:alert(1)",
    ]) {
      for (const name of ["pgp_key", "dev.zirco.msc4439.pgp_key"]) {
        const contact = { role: "m.role.security", email_address: "s@x.org", [name]: key };
        const result = validateSupport({ contacts: [contact] }, { lint: false });
        expect(result.valid, key).toBe(false);
        expect(result.diagnostics, key).toEqual([
          expect.objectContaining({
            code: "PGP_KEY_UNSAFE_SCHEME",
            severity: "error",
            path: `/contacts/0/${name}`,
          }),
        ]);
        expect(parseSupport({ contacts: [contact] }).document).toEqual({
          contacts: [{ role: "m.role.security", email_address: "s@x.org" }],
        });
      }
    }
  });

  it("pgp_key: openpgp4fpr: holds exactly a v4 (40) or v6 (64) hex fingerprint", () => {
    const fpr = (text: string) =>
      codes(
        validateSupport(
          {
            contacts: [
              { role: "m.role.security", email_address: "s@x.org", pgp_key: `openpgp4fpr:${text}` },
            ],
          },
          { lint: false },
        ).diagnostics,
      );
    const v4 = "67FAAA655DBD691E7957E0951594E544D8F8F21E";
    expect(fpr(v4)).toEqual(["PROPOSAL_KEY"]);
    expect(fpr(v4.toLowerCase())).toEqual(["PROPOSAL_KEY"]);
    expect(fpr(`${v4}${v4.slice(0, 24)}`)).toEqual(["PROPOSAL_KEY"]); // 64: v6
    for (const bad of [
      "",
      v4.slice(0, 16), // a key ID
      v4.slice(0, 8),
      `${v4}00`,
      `0x${v4}`,
      `${v4}#a=s@x.org`,
      "--platformpluginpath%20x",
      "ZZZZAAA655DBD691E7957E0951594E544D8F8F21E",
    ]) {
      expect(fpr(bad), bad).toEqual(["PGP_KEY_FINGERPRINT_INVALID"]);
    }
    const d = validateSupport({
      contacts: [{ role: "m.role.admin", email_address: "a@x.org", pgp_key: "openpgp4fpr:ABCD" }],
    }).diagnostics.find((x) => x.code === "PGP_KEY_FINGERPRINT_INVALID");
    expect(d?.message).toContain("4 hexadecimal digits");
    expect(d?.hint).toContain("40 hexadecimal digits");
  });
});

describe("lint beyond the spec", () => {
  it("no security contact is a warning; lint: false turns the lint off", () => {
    expect(codes(validateSupport({ contacts: [admin] }).diagnostics)).toEqual([
      "NO_SECURITY_CONTACT",
    ]);
    expect(validateSupport({ contacts: [admin] }, { lint: false }).diagnostics).toEqual([]);
  });

  it("duplicate contacts are warned about, pointing at the copy and naming the first", () => {
    const { diagnostics } = validateSupport({
      contacts: [admin, security, { ...admin, email_address: "ADMIN@example.org" }, admin],
    });
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ["DUPLICATE_CONTACT", "/contacts/2"],
      ["DUPLICATE_CONTACT", "/contacts/3"],
    ]);
    expect(diagnostics[0]?.message).toContain("#1 (/contacts/0)");
    // Same address, different role: two contacts, not a copy.
    expect(
      validateSupport({ contacts: [admin, { ...admin, role: "m.role.security" }] }).diagnostics,
    ).toEqual([]);
  });

  it("finds duplicates the same way in long lists (compared through a map, not pairwise)", () => {
    const many: Record<string, string>[] = Array.from({ length: 40 }, (_, i) => ({
      role: "m.role.admin",
      email_address: `a${i}@example.org`,
    }));
    many.push(
      { role: "m.role.admin", email_address: "A3@EXAMPLE.org" },
      { ...many[7]! },
      security,
      { ...security },
    );
    const found = validateSupport({ contacts: many }, { lint: true }).diagnostics.filter(
      (d) => d.code === "DUPLICATE_CONTACT",
    );
    expect(found.map((d) => [d.path, d.message])).toEqual([
      ["/contacts/40", "This contact repeats contact #4 (/contacts/3)"],
      ["/contacts/41", "This contact repeats contact #8 (/contacts/7)"],
      ["/contacts/43", "This contact repeats contact #43 (/contacts/42)"],
    ]);
    // 20,000 copies of one contact: every copy is reported, and nothing is quadratic.
    const copies = Array.from({ length: 20_000 }, () => admin);
    expect(
      validateSupport({ contacts: copies }).diagnostics.filter(
        (d) => d.code === "DUPLICATE_CONTACT",
      ),
    ).toHaveLength(19_999);
  });

  it("given the server name, warns when every contact is on that server's domain", () => {
    const onDomain = { contacts: [admin, security] };
    expect(codes(validateSupport(onDomain, { serverName: "example.org" }).diagnostics)).toEqual([
      "NO_OFF_DOMAIN_CONTACT",
    ]);
    expect(
      codes(validateSupport(onDomain, { serverName: "matrix.example.org:8448" }).diagnostics),
    ).toEqual(["NO_OFF_DOMAIN_CONTACT"]);
    expect(
      validateSupport(onDomain, { serverName: "example.org" }).diagnostics[0]?.message,
    ).toContain("example.org");
    const backup = {
      contacts: [admin, security, { role: "m.role.admin", matrix_id: "@example-admin:matrix.org" }],
    };
    expect(validateSupport(backup, { serverName: "example.org" }).diagnostics).toEqual([]);
    expect(validateSupport(onDomain, { serverName: "other.org" }).diagnostics).toEqual([]);
    expect(validateSupport(onDomain).diagnostics).toEqual([]);
    expect(validateSupport(onDomain, { serverName: "not a server name" }).diagnostics).toEqual([]);
  });

  it("strict counts warnings as errors", () => {
    expect(validateSupport({ contacts: [admin] }).valid).toBe(true);
    expect(validateSupport({ contacts: [admin] }, { strict: true }).valid).toBe(false);
    expect(
      validateSupport({ contacts: [admin], motd: 1 }, { strict: true, lint: false }).valid,
    ).toBe(true);
  });
});

describe("parseSupport keeps what is usable and says what it dropped", () => {
  it("one bad contact does not cost the good ones", () => {
    const value = fixtureValue("invalid/one-bad-contact-among-good.json") as {
      contacts: unknown[];
    };
    const { document, diagnostics } = parseSupport(value);
    expect(document?.contacts).toEqual([value.contacts[0], value.contacts[2]]);
    expect(codes(diagnostics)).toEqual(["EMAIL_INVALID"]);
  });

  it("drops a bad field but keeps the contact when another way to reach it is valid", () => {
    const { document } = parseSupport({
      contacts: [{ role: "m.role.admin", matrix_id: "admin", email_address: "admin@example.org" }],
    });
    expect(document).toEqual({
      contacts: [{ role: "m.role.admin", email_address: "admin@example.org" }],
    });
  });

  it("drops contacts without a role or without a valid way to reach them", () => {
    const { document, diagnostics } = parseSupport({
      contacts: [
        { email_address: "a@example.org" },
        { role: "m.role.admin" },
        { role: 5, email_address: "a@example.org" },
        { role: "m.role.admin", email_address: "mailto:a@example.org" },
        "x",
        admin,
      ],
    });
    expect(document).toEqual({ contacts: [admin] });
    expect(codes(diagnostics)).toEqual([
      "ROLE_MISSING",
      "CONTACT_UNREACHABLE",
      "WRONG_TYPE",
      "EMAIL_MAILTO",
      "CONTACT_NOT_OBJECT",
      "NO_SECURITY_CONTACT",
    ]);
  });

  it("keeps unknown roles, draft and proposal roles, extension keys and historical IDs", () => {
    const value = {
      contacts: [
        { role: "admin", email_address: "a@example.org", "org.example.x": [1] },
        {
          role: "m.role.moderator",
          matrix_id: "@Mod:example.org",
          pgp_key: "https://example.org/k",
        },
        { role: "com.example.role.abuse", email_address: "abuse@example.org" },
      ],
      support_page: "http://example.org/help",
      "org.example.hours": "9-5",
      motd: { text: "hi" },
    };
    expect(parseSupport(value).document).toEqual(value);
  });

  it("drops an unsafe or malformed support page but keeps the contacts", () => {
    for (const support_page of [
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "/help",
      " https://example.org",
    ]) {
      expect(parseSupport({ contacts: [admin], support_page }).document).toEqual({
        contacts: [admin],
      });
      expect(parseSupport({ support_page }).document).toBeNull();
    }
  });

  it("keeps a support page of another scheme: a URI, as the spec asks (renderers decide on links)", () => {
    for (const support_page of ["mailto:a@example.org", "matrix:r/help:example.org", "urn:x:y"]) {
      expect(parseSupport({ support_page }).document).toEqual({ support_page });
    }
  });

  it("keeps a valid support page when every contact is dropped", () => {
    const { document } = parseSupport({
      contacts: [{ role: "m.role.admin" }],
      support_page: "https://example.org/help",
    });
    expect(document).toEqual({ contacts: [], support_page: "https://example.org/help" });
  });

  it("returns null when nothing is usable", () => {
    expect(parseSupport({ contacts: [{ role: "m.role.admin" }] }).document).toBeNull();
    expect(parseSupport({ admins: [admin] }).document).toBeNull();
    expect(parseSupport({ contacts: null }).document).toBeNull();
  });

  it("returns copies: the input is never modified", () => {
    const value = { contacts: [admin, { role: "m.role.admin" }] };
    const before = structuredClone(value);
    const { document } = parseSupport(value);
    expect(value).toEqual(before);
    expect(document).not.toBe(value);
    expect(document?.contacts).not.toBe(value.contacts);
  });

  it("copies __proto__ and constructor keys as plain data, never touching prototypes", () => {
    const value = JSON.parse(
      '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}, "contacts": [{"role": "m.role.admin", "email_address": "a@example.org", "__proto__": {"polluted": 3}}]}',
    );
    const { document } = parseSupport(value);
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(document?.contacts?.[0])).toBe(Object.prototype);
    expect(Object.hasOwn(document ?? {}, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(document, "__proto__")?.value).toEqual({ polluted: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("agrees with validateSupport: the same diagnostics, one walk", () => {
    const value = fixtureValue("invalid/camel-case-keys.json");
    expect(parseSupport(value).diagnostics).toEqual(validateSupport(value).diagnostics);
    expect(analyseSupport(value)).toEqual(parseSupport(value));
  });

  it("never throws, even on values JSON cannot produce", () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error("boom");
        },
      },
    );
    const getter = Object.defineProperty({}, "contacts", {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    for (const value of [
      hostile,
      getter,
      Object.create(null),
      { contacts: [Object.create(null)] },
      { contacts: [{ role: Symbol("x") }] },
      { support_page: 10n },
      () => 1,
    ]) {
      expect(() => parseSupport(value)).not.toThrow();
      expect(() => validateSupport(value)).not.toThrow();
      expect(validateSupport(value).valid).toBe(false);
    }
  });
});

// The generator page's pure logic, in Node: draft -> document/config -> diagnostics on fields,
// draft <-> URL fragment, a published file -> draft, and the downloads (the CLI's own renderers).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../packages/cli/src/config/index.js";
import { renderExport } from "../../packages/cli/src/export/index.js";
import {
  DOWNLOADS,
  renderConfigFile,
  renderDownloads,
  webRootProblem,
} from "../../packages/cli/src/web/generator/outputs.js";
import {
  type ContactDraft,
  checkDraft,
  configOf,
  DEFAULT_WEB_ROOT,
  type Draft,
  decodeFragment,
  documentOf,
  draftFromDocument,
  emptyContact,
  emptyDraft,
  encodeFragment,
  MAX_FRAGMENT,
  placeKey,
  placeOf,
  publishes,
} from "../../packages/cli/src/web/generator/state.js";
import { generator } from "../../packages/cli/src/web/i18n/messages/en.js";
import type { Diagnostic } from "../../packages/lib/src/core/diagnostics.js";
import { format } from "../../packages/lib/src/server/i18n/format.js";

const contact = (fields: Partial<ContactDraft>): ContactDraft => ({ ...emptyContact(), ...fields });

const draftOf = (fields: Partial<Draft>): Draft => ({ ...emptyDraft(), ...fields });

const GOOD = draftOf({
  serverName: "example.org",
  supportPage: "https://example.org/help",
  contacts: [
    contact({ matrixId: "@admin:example.org", email: "admin@example.net" }),
    contact({
      role: "m.role.security",
      email: "security@example.org",
      pgpKey: "https://example.org/k.asc",
    }),
  ],
});

const codesAt = (draft: Draft, key: string) =>
  (checkDraft(draft).byPlace.get(key) ?? []).map((d) => d.code);

describe("draft -> document and config", () => {
  it("leaves empty fields out and keeps every row, in order", () => {
    const draft = draftOf({
      contacts: [
        contact({ email: "a@example.org" }),
        contact({ role: "", matrixId: "@b:example.org" }),
      ],
    });
    expect(documentOf(draft)).toEqual({
      contacts: [
        { role: "m.role.admin", email_address: "a@example.org" },
        { matrix_id: "@b:example.org" },
      ],
    });
    expect(JSON.stringify(documentOf(GOOD))).toBe(
      '{"contacts":[{"role":"m.role.admin","matrix_id":"@admin:example.org","email_address":"admin@example.net"},{"role":"m.role.security","email_address":"security@example.org","pgp_key":"https://example.org/k.asc"}],"support_page":"https://example.org/help"}',
    );
    expect(configOf(GOOD).server_name).toBe("example.org");
    expect(configOf(draftOf({ contacts: [] }))).toEqual({ support: {} });
    expect(publishes(draftOf({ contacts: [] }))).toBe(false);
    expect(publishes(draftOf({ contacts: [], supportPage: "https://x.org" }))).toBe(true);
  });

  it("publishes kept keys after the form's, and a __proto__ key stays a plain key", () => {
    const draft = draftOf({
      contacts: [
        contact({
          email: "a@x.org",
          extra: [
            ["__proto__", { polluted: true }],
            ["org.x.k", 1],
          ],
        }),
      ],
      extensions: [
        ["policies", { a: 1 }],
        ["__proto__", "x"],
      ],
    });
    const doc = documentOf(draft);
    expect(JSON.stringify(doc)).toBe(
      '{"contacts":[{"role":"m.role.admin","email_address":"a@x.org","__proto__":{"polluted":true},"org.x.k":1}],"policies":{"a":1},"__proto__":"x"}',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
  });
});

describe("diagnostics placed on the form", () => {
  it("a new page: the empty contact, the missing server name, the security advice", () => {
    const c = checkDraft(emptyDraft());
    expect(c.byPlace.get("c0")?.map((d) => d.code)).toEqual(["CONTACT_UNREACHABLE"]);
    expect(c.byPlace.get("serverName")?.map((d) => d.code)).toEqual(["CONFIG_NO_SERVER_NAME"]);
    expect(c.byPlace.get("document")?.map((d) => d.code)).toEqual(["NO_SECURITY_CONTACT"]);
    expect(c.errors).toBe(1);
  });

  it("each field's problems at that field, with the catalogue's message, hint and spec link", () => {
    const draft = draftOf({
      serverName: "exa mple.org",
      supportPage: "javascript:alert(1)",
      contacts: [
        contact({
          role: "admin",
          matrixId: "alice",
          email: "mailto:a@x.org",
          pgpKey: "-----BEGIN PGP",
        }),
        contact({ role: "", email: "b@x.org" }),
      ],
    });
    expect(codesAt(draft, "serverName")).toEqual(["SERVER_NAME_INVALID"]);
    expect(codesAt(draft, "supportPage")).toEqual(["SUPPORT_PAGE_UNSAFE_SCHEME"]);
    expect(codesAt(draft, "c0-role")).toEqual(["ROLE_DRAFT"]);
    expect(codesAt(draft, "c0-matrixId")).toEqual(["MATRIX_ID_INVALID"]);
    expect(codesAt(draft, "c0-email")).toEqual(["EMAIL_MAILTO"]);
    expect(codesAt(draft, "c0-pgpKey")).toEqual(["PGP_KEY_INVALID"]);
    // A missing role is shown at the role field, not on the whole contact.
    expect(codesAt(draft, "c1-role")).toEqual(["ROLE_MISSING"]);
    const mailto = checkDraft(draft).byPlace.get("c0-email")?.[0] as Diagnostic;
    expect(mailto.message).toContain('"mailto:a@x.org" has a "mailto:" prefix');
    expect(mailto.hint).toContain('Write "a@x.org"');
    expect(mailto.spec).toMatch(/^https:\/\/spec\.matrix\.org\//);
  });

  it("the backup advice needs the server name, as in the CLI", () => {
    const onDomain = draftOf({ contacts: [contact({ email: "admin@example.org" })] });
    expect(codesAt(onDomain, "document")).toEqual(["NO_SECURITY_CONTACT"]);
    expect(codesAt({ ...onDomain, serverName: "example.org" }, "document")).toEqual([
      "NO_SECURITY_CONTACT",
      "NO_OFF_DOMAIN_CONTACT",
    ]);
    expect(codesAt(GOOD, "document")).toEqual([]);
    // Only that the PGP key field is a proposal.
    expect(checkDraft(GOOD).diagnostics.map((d) => [d.code, d.path])).toEqual([
      ["PROPOSAL_KEY", "/support/contacts/1/pgp_key"],
    ]);
  });

  it("duplicates and unreachable contacts on the contact; kept keys on their own place", () => {
    const draft = draftOf({
      contacts: [
        contact({ email: "a@x.org" }),
        contact({ email: "A@x.org", extra: [["mxid", "@a:x.org"]] }),
        contact({}),
      ],
      extensions: [["admins", []]],
    });
    expect(codesAt(draft, "c1")).toEqual(["DUPLICATE_CONTACT"]);
    expect(codesAt(draft, "c1-extra")).toEqual(["DRAFT_KEY"]);
    expect(codesAt(draft, "c2")).toEqual(["CONTACT_UNREACHABLE"]);
    expect(codesAt(draft, "extensions")).toEqual(["DRAFT_KEY"]);
  });

  it("maps every kind of pointer", () => {
    const at = (path: string | undefined, code = "X") =>
      placeKey(
        placeOf({ code, severity: "error", message: "", ...(path === undefined ? {} : { path }) }),
      );
    expect(at(undefined)).toBe("document");
    expect(at("")).toBe("document");
    expect(at("", "CONFIG_NO_SERVER_NAME")).toBe("serverName");
    expect(at("/server_name")).toBe("serverName");
    expect(at("/support")).toBe("document");
    expect(at("/support/support_page")).toBe("supportPage");
    expect(at("/support/contacts")).toBe("contacts");
    expect(at("/support/contacts/3")).toBe("c3");
    expect(at("/support/contacts/3", "ROLE_MISSING")).toBe("c3-role");
    expect(at("/support/contacts/3/email_address")).toBe("c3-email");
    expect(at("/support/contacts/3/matrix_id")).toBe("c3-matrixId");
    expect(at("/support/contacts/3/pgp_key")).toBe("c3-pgpKey");
    expect(at("/support/contacts/3/dev.zirco.msc4439.pgp_key")).toBe("c3-extra");
    expect(at("/support/contacts/x")).toBe("contacts");
    expect(at("/support/policies")).toBe("extensions");
    expect(at("/support/a~1b/c")).toBe("extensions");
    expect(at("/http/port")).toBe("document");
  });
});

describe("the URL fragment", () => {
  it("a new, untouched draft has none", () => {
    expect(encodeFragment(emptyDraft())).toBe("");
  });

  it("round-trips any draft, Unicode and kept values included", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 30 });
    const json = fc.jsonValue({ maxDepth: 2 });
    const kept = fc.array(fc.tuple(fc.string({ maxLength: 10 }), json), { maxLength: 3 });
    const contactArb = fc.record({
      role: text,
      matrixId: text,
      email: text,
      pgpKey: text,
      extra: kept,
    });
    fc.assert(
      fc.property(
        fc.record({
          serverName: text,
          supportPage: text,
          contacts: fc.array(contactArb, { maxLength: 4 }),
          extensions: kept,
          webRoot: text,
        }),
        (draft) => {
          const fragment = encodeFragment(draft as Draft);
          const back = decodeFragment(`#${fragment}`);
          if (fragment === "") return;
          expect(back.ok).toBe(true);
          if (back.ok)
            expect(JSON.stringify(back.draft)).toBe(
              JSON.stringify(JSON.parse(JSON.stringify(draft))),
            );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("uses only URL-safe characters", () => {
    expect(encodeFragment(GOOD)).toMatch(/^d1\.[A-Za-z0-9_-]+$/);
  });

  it("another page's anchor is not a draft", () => {
    expect(decodeFragment("")).toEqual({ ok: false, reason: "none" });
    expect(decodeFragment("#")).toEqual({ ok: false, reason: "none" });
    expect(decodeFragment("#server-name")).toEqual({ ok: false, reason: "none" });
  });

  it("refuses a malformed draft whole, never half-read", () => {
    const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64url");
    for (const bad of [
      "#d1.!!!",
      "#d1.%20",
      `#d1.${b64("not json")}`,
      `#d1.${b64("[]")}`,
      `#d1.${b64('{"s":1}')}`,
      `#d1.${b64('{"c":[["m.role.admin","","",""],["x"]]}')}`,
      `#d1.${b64('{"c":[["m.role.admin","","","",[["k"]]]]}')}`,
      `#d1.${b64('{"x":{"a":1}}')}`,
      `#d1.${b64('{"unknown":1}')}`,
      `#d1.${Buffer.from([0xff, 0xfe, 0x7b]).toString("base64url")}`,
      `#d1.${"A".repeat(MAX_FRAGMENT)}`,
    ])
      expect(decodeFragment(bad), bad.slice(0, 40)).toEqual({ ok: false, reason: "unreadable" });
  });

  it("keeps the web root only when it is not the default", () => {
    const back = decodeFragment(encodeFragment({ ...GOOD, webRoot: "/srv/www" }));
    expect(back.ok && back.draft.webRoot).toBe("/srv/www");
    const plain = decodeFragment(encodeFragment(GOOD));
    expect(plain.ok && plain.draft.webRoot).toBe(DEFAULT_WEB_ROOT);
  });
});

describe("a published file -> a draft", () => {
  it("upgrades a pre-spec draft as init --from does, and says what it changed", () => {
    const loaded = draftFromDocument(
      {
        admins: [
          { mxid: "@admin:old.org", email: "admin@old.org", role: "admin" },
          { email: "sec@old.org", role: "security" },
        ],
      },
      "old.org",
    );
    expect(loaded?.draft.contacts).toEqual([
      contact({ matrixId: "@admin:old.org", email: "admin@old.org" }),
      contact({ role: "m.role.security", email: "sec@old.org" }),
    ]);
    expect(loaded?.upgrades).toEqual([
      { kind: "key", from: "admins", to: "contacts" },
      { kind: "key", from: "mxid", to: "matrix_id" },
      { kind: "key", from: "email", to: "email_address" },
      { kind: "role", from: "admin", to: "m.role.admin" },
      { kind: "role", from: "security", to: "m.role.security" },
    ]);
    expect(checkDraft(loaded?.draft as Draft).errors).toBe(0);
  });

  it("keeps invalid values in place for the form to mark; drops only what a text field cannot hold", () => {
    const loaded = draftFromDocument(
      {
        support_page: 42,
        contacts: [
          { role: "m.role.admin", email_address: "not an email", pgp_key: "https://x.org/k" },
          "junk",
          {
            matrix_id: 7,
            email_address: "b@x.org",
            "dev.zirco.msc4439.pgp_key": "https://x.org/k",
          },
        ],
        "org.matrix.msc4266.policies": { tos: "https://x.org/tos" },
      },
      "x.org",
      { ...emptyDraft(), webRoot: "/srv/www" },
    );
    expect(loaded?.draft).toEqual({
      serverName: "x.org",
      supportPage: "",
      contacts: [
        contact({ email: "not an email", pgpKey: "https://x.org/k" }),
        contact({
          role: "",
          email: "b@x.org",
          extra: [["dev.zirco.msc4439.pgp_key", "https://x.org/k"]],
        }),
      ],
      extensions: [["org.matrix.msc4266.policies", { tos: "https://x.org/tos" }]],
      webRoot: "/srv/www",
    });
    expect(loaded?.dropped).toEqual(["/support_page", "/contacts/1", "/contacts/2/matrix_id"]);
    expect(codesAt(loaded?.draft as Draft, "c0-email")).toEqual(["EMAIL_INVALID"]);
  });

  it("refuses what is not an object", () => {
    for (const v of [null, [], "x", 1]) expect(draftFromDocument(v, "x.org")).toBeUndefined();
  });
});

describe("the downloads", () => {
  it("offers exactly the contract's names, the homeserver fragments too", () => {
    expect(DOWNLOADS.map((d) => d.name)).toEqual([
      "support",
      "matrix-support.yaml",
      "nginx.conf",
      "Caddyfile",
      "apache.conf",
      "_headers",
      "tuwunel.toml",
      "conduwuit.toml",
    ]);
  });

  it("are export's files for the same config, byte for byte", () => {
    const files = renderDownloads(GOOD);
    const all = renderExport(configOf(GOOD), {
      targets: ["files", "nginx", "caddy", "apache", "headers", "tuwunel", "conduwuit"],
      webRoot: GOOD.webRoot,
    });
    for (const f of files) {
      if (f.download.name === "matrix-support.yaml") continue;
      const exported = all.files.find((e) => e.path === f.download.exportPath);
      expect(exported?.contents, f.download.name).toBe(f.contents);
    }
    expect(files.find((f) => f.download.name === "support")?.contents).toBe(
      JSON.stringify(documentOf(GOOD)),
    );
  });

  it("carry each target's own warnings (conduwuit serves one contact)", () => {
    const files = renderDownloads(GOOD);
    const codes = (name: string) =>
      files.find((f) => f.download.name === name)?.diagnostics.map((d) => d.code);
    expect(codes("conduwuit.toml")).toContain("EXPORT_CONTACT_DROPPED");
    expect(codes("support")).toEqual([]);
    expect(codes("nginx.conf")).toEqual([]);
  });

  it("the config is init's YAML, and reads back as the same config with the same findings", () => {
    const yaml = renderConfigFile(GOOD);
    expect(yaml).toContain("written by the matrix-support generator page.");
    expect(yaml).toContain("# m.role.security: Security issues and vulnerability reports.");
    expect(yaml).not.toContain("Kept as published");
    const parsed = parseConfig(yaml, { fileName: "matrix-support.yaml" });
    expect(parsed.config).toEqual(configOf(GOOD));
    const unlocated = parsed.diagnostics.map(({ line: _l, column: _c, ...d }) => d);
    expect(unlocated).toEqual(checkDraft(GOOD).diagnostics);
  });

  it("the config reads back as the draft's config for any valid draft, kept values included", () => {
    const email = fc.constantFrom("", "a@example.org", "b@example.net", "ü@example.org");
    const mxid = fc.constantFrom("", "@a:example.org", "@b:example.net:8448", "@c:[::1]");
    const role = fc.constantFrom(
      "m.role.admin",
      "m.role.security",
      "m.role.moderator",
      "org.example.role.abuse",
    );
    const keyArb = fc.oneof(
      fc.constantFrom("policies", "a b", "__proto__", "#x", "- y", "org.x.k"),
      fc.string({ minLength: 1, maxLength: 6 }),
    );
    const kept = fc.array(fc.tuple(keyArb, fc.jsonValue({ maxDepth: 2 })), { maxLength: 2 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ role, matrixId: mxid, email, pgpKey: fc.constant(""), extra: kept }), {
          minLength: 1,
          maxLength: 3,
        }),
        kept,
        (contacts, extensions) => {
          const draft = draftOf({ serverName: "example.org", contacts, extensions });
          if (checkDraft(draft).errors > 0) return;
          const parsed = parseConfig(renderConfigFile(draft), { fileName: "matrix-support.yaml" });
          expect(JSON.stringify(parsed.config)).toBe(JSON.stringify(configOf(draft)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("the web root must be an absolute, single-line path", () => {
    expect(webRootProblem("/var/www/html")).toBeUndefined();
    expect(webRootProblem("")).toBe("webRootEmpty");
    expect(webRootProblem("www")).toBe("webRootRelative");
    expect(webRootProblem("/a\nInclude /etc/passwd")).toBe("webRootControl");
    expect(format(generator.webRootRelative, { root: "www" })).toMatch(/absolute path, not "www"/);
  });
});

import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  CSV_HEADER,
  csvField,
  csvLine,
  csvRow,
  formatSummary,
  readRecords,
  type ScanRecord,
  ScanSummary,
} from "../../packages/cli/src/scan/index.js";

const found: ScanRecord = {
  server_name: "example.org",
  status: "found",
  document: {
    contacts: [
      { role: "m.role.admin", matrix_id: "@admin:example.org", email_address: "admin@example.org" },
      { role: "m.role.moderator", email_address: "mods@example.org" },
    ],
    support_page: "https://example.org/help",
  },
  diagnostics: [
    { code: "NO_SECURITY_CONTACT", severity: "warning", message: "No security contact" },
    { code: "CORS_MISSING", severity: "warning", message: "No CORS" },
  ],
};
const withSecurity: ScanRecord = {
  server_name: "secure.org",
  status: "found",
  document: { contacts: [{ role: "m.role.security", email_address: "sec@secure.org" }] },
  diagnostics: [{ code: "CORS_MISSING", severity: "warning", message: "No CORS" }],
};
const missing: ScanRecord = {
  server_name: "none.org",
  status: "not_found",
  document: null,
  diagnostics: [{ code: "NOT_PUBLISHED", severity: "info", message: "404" }],
};

describe("ScanSummary", () => {
  it("counts statuses, security contacts and problems by servers affected", () => {
    const s = new ScanSummary();
    for (const r of [found, withSecurity, missing]) s.add(r);
    const data = s.data();
    expect(data.by_status).toEqual({ found: 2, not_found: 1, invalid: 0, unreachable: 0 });
    expect(data.with_document).toBe(2);
    expect(data.with_security_contact).toBe(1);
    expect(data.problems.map((p) => [p.code, p.servers])).toEqual([
      ["CORS_MISSING", 2],
      ["NO_SECURITY_CONTACT", 1],
    ]);
    const text = formatSummary(data);
    expect(text).toMatch(/found\s+2/);
    expect(text).toMatch(/with a security contact: 1 of 2/);
    expect(text).toMatch(/2 {2}CORS_MISSING/);
  });
});

describe("the summary's most common problems", () => {
  it("say what each code means, from the catalogue, with a count: never one server's message", () => {
    const s = new ScanSummary();
    for (const name of ["a.org", "b.org"])
      s.add({
        server_name: name,
        status: "found",
        document: { contacts: [{ role: "m.role.admin", email_address: `admin@${name}` }] },
        diagnostics: [
          {
            code: "NO_OFF_DOMAIN_CONTACT",
            severity: "warning",
            message: `Every contact is on ${name} itself; nobody can be reached when the server is down`,
          },
        ],
      });
    const data = s.data();
    expect(data.problems[0]).toMatchObject({
      code: "NO_OFF_DOMAIN_CONTACT",
      servers: 2,
      message: "Every contact is on … itself; nobody can be reached when the server is down",
    });
    const text = formatSummary(data);
    expect(text).toContain(
      "2  NO_OFF_DOMAIN_CONTACT  Every contact is on … itself; nobody can be reached when the server is down",
    );
    expect(text).not.toContain("a.org");
  });

  it("escape statuses and codes read back from a hostile file", () => {
    const s = new ScanSummary();
    s.add({
      server_name: "x",
      status: "found\u001b[2J",
      diagnostics: [
        { code: "EVIL\u001b]0;T\u0007\nFAKE", severity: "error", message: "\u001b[31m" },
      ],
    });
    s.add({
      server_name: "y",
      status: "found",
      diagnostics: [{ code: "constructor", severity: "error", message: "" }],
    });
    const text = formatSummary(s.data());
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]|^FAKE/m);
    expect(text).toContain("EVIL\\x1b]0;T\\x07\\nFAKE");
    expect(text).toContain("found\\x1b[2J");
  });
});

describe("CSV", () => {
  it("picks the contact per purpose, with fallbacks flagged", () => {
    const row = Object.fromEntries(CSV_HEADER.map((h, i) => [h, csvRow(found)[i]]));
    expect(row).toMatchObject({
      server_name: "example.org",
      security_role: "m.role.admin",
      security_email: "admin@example.org",
      security_fallback: "yes",
      abuse_role: "m.role.moderator",
      abuse_email: "mods@example.org",
      abuse_email_role: "m.role.moderator",
      abuse_fallback: "no",
      general_matrix_id: "@admin:example.org",
      support_page: "https://example.org/help",
      problems: "NO_SECURITY_CONTACT CORS_MISSING",
    });
    expect(
      csvRow(missing)
        .slice(2)
        .every((c) => c === ""),
    ).toBe(true);
  });

  it("quotes per RFC 4180, escapes control characters and defuses every formula", () => {
    expect(csvField('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("@SUM(1)")).toBe("'@SUM(1)");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-1+1")).toBe("'-1+1");
    expect(csvField("\t=1")).toBe("'\\t=1");
    expect(csvField("\r=1")).toBe("'\\r=1");
    // OWASP's rule has no exception: a Matrix ID is text too.
    expect(csvField("@admin:example.org")).toBe("'@admin:example.org");
    // Line breaks and controls never reach the file raw: one record is one line.
    expect(csvField("a\nb\r\nc\u001b[2J\u0085\u202e")).toBe("a\\nb\\r\\nc\\x1b[2J\\x85\\u202e");
    expect(csvField("jürgen@bücher.example")).toBe("jürgen@bücher.example");
    expect(csvLine(["a", "b"])).toBe("a,b\r\n");
  });

  it("for mail merges, fills *_email from the next suitable contact when the picked one has none", () => {
    const record: ScanRecord = {
      server_name: "example.org",
      status: "found",
      document: {
        contacts: [
          { role: "m.role.security", matrix_id: "@sec:example.org" },
          { role: "m.role.admin", matrix_id: "@admin:example.org" },
          { role: "m.role.admin", email_address: "admin@example.org" },
          { role: "m.role.moderator", matrix_id: "@mod:example.org" },
        ],
      },
      diagnostics: [
        { code: "NO_OFF_DOMAIN_CONTACT", severity: "warning", message: "x" },
        { code: "CORS_MISSING", severity: "error", message: "y" },
        { code: "CORS_MISSING", severity: "error", message: "again" },
        { code: "RESPONSE_TIME", severity: "info", message: "an info is not a problem" },
      ],
    };
    const row = Object.fromEntries(CSV_HEADER.map((h, i) => [h, csvRow(record)[i]]));
    expect(row).toMatchObject({
      // The pick itself is the one --json gives: the security contact, reached by Matrix ID...
      security_role: "m.role.security",
      security_matrix_id: "@sec:example.org",
      security_fallback: "no",
      // ...and the address to write to is the admin's, said so.
      security_email: "admin@example.org",
      security_email_role: "m.role.admin",
      abuse_role: "m.role.moderator",
      abuse_email: "admin@example.org",
      abuse_email_role: "m.role.admin",
      general_matrix_id: "@admin:example.org",
      general_email: "admin@example.org",
      problems: "NO_OFF_DOMAIN_CONTACT CORS_MISSING",
    });
  });
});

describe("readRecords", () => {
  it("decodes each line strictly: a line that is not UTF-8 is a bad line naming the byte", async () => {
    const first = JSON.stringify(missing);
    const bytes = Buffer.concat([
      Buffer.from(`${first}\n`),
      Buffer.from('{"server_name":"caf\xe9.example","status":"found"}\n', "latin1"),
    ]);
    const out = [];
    for await (const r of readRecords(Readable.from([bytes]))) out.push(r);
    const offset = Buffer.byteLength(first) + 1 + 19;
    expect(out.map((r) => (r.ok ? "ok" : `${r.line}: ${r.reason}`))).toEqual([
      "ok",
      `2: Not valid UTF-8: byte 0xE9 at offset ${offset} (line 2, column 20) cannot be decoded`,
    ]);
  });

  it("yields records and names bad lines, a torn last one included", async () => {
    const text = `${JSON.stringify(missing)}\nnot json\n[1]\n{"server_name":"x","sta`;
    const out = [];
    for await (const r of readRecords(Readable.from([Buffer.from(text)]))) out.push(r);
    expect(out.map((r) => (r.ok ? "ok" : `${r.line}: ${r.reason}`))).toEqual([
      "ok",
      "2: not JSON",
      "3: not a check result (no server_name and status)",
      "4: the last line is torn (cut off by a crash)",
    ]);
  });
});

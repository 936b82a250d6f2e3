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
} from "../../src/scan/index.js";

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
      abuse_fallback: "no",
      general_matrix_id: "@admin:example.org",
      support_page: "https://example.org/help",
    });
    expect(
      csvRow(missing)
        .slice(2, -1)
        .every((c) => c === ""),
    ).toBe(true);
  });

  it("quotes per RFC 4180 and defuses formulas, but keeps Matrix IDs usable", () => {
    expect(csvField('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("@admin:example.org")).toBe("@admin:example.org");
    expect(csvField("@SUM(1)")).toBe("'@SUM(1)");
    expect(csvLine(["a", "b"])).toBe("a,b\r\n");
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

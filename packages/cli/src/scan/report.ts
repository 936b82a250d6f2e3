/**
 * `report`: reads a finished (or interrupted) scan file back, streaming, for the summary and for a
 * CSV of whom to contact per purpose (security, abuse, general) per server, for mail merges.
 */
import { createReadStream } from "node:fs";
import { type Purpose, pickContacts, type SupportDocument } from "../../../lib/src/core/index.js";
import { printable } from "../../../lib/src/core/printable.js";
import { decodeStrict } from "../files.js";
import { MAX_RECORD_BYTES } from "./jsonl.js";
import { splitLines } from "./lines.js";
import { type ScanRecord, ScanSummary } from "./summary.js";

export type RecordLine =
  | { ok: true; line: number; record: ScanRecord }
  | { ok: false; line: number; reason: string };

/** Each line of a scan file, parsed; bad lines are reported, not thrown. Throws only on I/O errors. */
export async function* readRecords(
  source: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<RecordLine> {
  let n = 0;
  for await (const line of splitLines(source, MAX_RECORD_BYTES)) {
    n++;
    const decoded = decodeStrict(line.bytes, { offset: line.start, line: n });
    if (!decoded.ok) {
      yield { ok: false, line: n, reason: decoded.diagnostic.message };
      continue;
    }
    const text = decoded.text.replace(/\r$/, "");
    if (text.trim() === "") continue;
    if (line.truncated) {
      yield { ok: false, line: n, reason: "the line is too long" };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield {
        ok: false,
        line: n,
        reason: line.terminated ? "not JSON" : "the last line is torn (cut off by a crash)",
      };
      continue;
    }
    if (
      value === null ||
      typeof value !== "object" ||
      Array.isArray(value) ||
      typeof (value as ScanRecord).server_name !== "string" ||
      typeof (value as ScanRecord).status !== "string"
    ) {
      yield { ok: false, line: n, reason: "not a check result (no server_name and status)" };
      continue;
    }
    yield { ok: true, line: n, record: value as ScanRecord };
  }
}

export interface FileSummary {
  summary: ScanSummary;
  bad: { line: number; reason: string }[];
  /** Bad lines beyond the first few are only counted. */
  badCount: number;
  /** Server names seen more than once (a file concatenated from two runs, say). */
  duplicates: number;
  /** Lines read, blank ones included. */
  lines: number;
}

export async function summariseFile(file: string): Promise<FileSummary> {
  const summary = new ScanSummary();
  const bad: FileSummary["bad"] = [];
  let badCount = 0;
  let duplicates = 0;
  let lines = 0;
  const names = new Set<string>();
  for await (const r of readRecords(createReadStream(file))) {
    lines = r.line;
    if (!r.ok) {
      badCount++;
      if (bad.length < 5) bad.push({ line: r.line, reason: r.reason });
      continue;
    }
    if (names.has(r.record.server_name)) {
      duplicates++;
      continue;
    }
    names.add(r.record.server_name);
    summary.add(r.record);
  }
  return { summary, bad, badCount, duplicates, lines };
}

const PURPOSES: readonly Purpose[] = ["security", "abuse", "general"];

export const CSV_HEADER = [
  "server_name",
  "status",
  ...PURPOSES.flatMap((p) => [
    `${p}_role`,
    `${p}_matrix_id`,
    `${p}_email`,
    `${p}_email_role`,
    `${p}_fallback`,
  ]),
  "support_page",
  "problems",
];

/**
 * The CSV row for one result: the contact picked per purpose (empty cells when there is none), as
 * `pickContact` picks it for `--json`. The `*_email` cell is for mail merges: the picked contact's
 * address, or when it has none, the address of the next contact suitable for that purpose
 * (`*_email_role` says whose it is). `problems`: the server's error and warning codes.
 */
export function csvRow(record: ScanRecord): string[] {
  const doc: SupportDocument | null =
    record.document && typeof record.document === "object" ? record.document : null;
  const cells: string[] = [record.server_name, record.status];
  for (const purpose of PURPOSES) {
    const all = pickContacts(doc, purpose);
    const picked = all[0];
    const c = picked?.contact;
    const mail = all.find((p) => typeof p.contact.email_address === "string");
    cells.push(
      picked?.role ?? "",
      typeof c?.matrix_id === "string" ? c.matrix_id : "",
      typeof mail?.contact.email_address === "string" ? mail.contact.email_address : "",
      mail?.role ?? "",
      picked ? (picked.fallback ? "yes" : "no") : "",
    );
  }
  cells.push(typeof doc?.support_page === "string" ? doc.support_page : "");
  cells.push(problemCodes(record).join(" "));
  return cells;
}

/** The distinct error and warning codes of a result, in their order. */
function problemCodes(record: ScanRecord): string[] {
  const codes: string[] = [];
  for (const d of Array.isArray(record.diagnostics) ? record.diagnostics : []) {
    if (d === null || typeof d !== "object" || typeof d.code !== "string") continue;
    if (d.severity !== "error" && d.severity !== "warning") continue;
    if (!codes.includes(d.code)) codes.push(d.code);
  }
  return codes;
}

/**
 * One RFC 4180 field. Text from servers is untrusted: control characters and line breaks are
 * shown as escapes (`\x1b`, `\n`, as on a terminal), and a cell a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab or CR first; OWASP's CSV injection advice) gets a leading `'`.
 * That includes Matrix IDs: `'@admin:example.org`.
 */
export function csvField(value: string): string {
  let v = printable(value);
  if (/^[=+\-@\t\r]/.test(value)) v = `'${v}`;
  return /[",]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

/**
 * `report`: reads a finished (or interrupted) scan file back, streaming, for the summary and for a
 * CSV of whom to contact per purpose (security, abuse, general) per server, for mail merges.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import {
  type Diagnostic,
  diagnostic,
  type Purpose,
  pickContacts,
  type SupportDocument,
} from "../../../lib/src/core/index.js";
import { printable } from "../../../lib/src/core/printable.js";
import { decodeStrict, describeFsError } from "../files.js";
import { MAX_RECORD_BYTES } from "./jsonl.js";
import { splitLines } from "./lines.js";
import { type ScanRecord, ScanSummary } from "./summary.js";

/** Bad lines named one by one (in the summary, the CSV and the diff); the rest are counted. */
export const MAX_BAD_LINES_SHOWN = 5;

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

/** SCAN_FILE_UNREADABLE when `file` cannot be a scan to read (missing, unreadable, a directory). */
export async function unreadableScanFile(file: string): Promise<Diagnostic | undefined> {
  let reason: string;
  try {
    if (!(await stat(file)).isDirectory()) return undefined;
    reason = "it is a directory";
  } catch (error) {
    reason = describeFsError(error);
  }
  return diagnostic("SCAN_FILE_UNREADABLE", undefined, { file, reason });
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
      if (bad.length < MAX_BAD_LINES_SHOWN) bad.push({ line: r.line, reason: r.reason });
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

export interface CsvReportOptions {
  /** Start with a UTF-8 byte order mark (Excel then reads non-ASCII text). */
  bom?: boolean;
  /** Takes the CSV in chunks of about 64 KiB, each once the previous one is written (backpressure). */
  write(chunk: string): Promise<void>;
  /** Told of the first MAX_BAD_LINES_SHOWN bad lines. */
  badLine(line: number, reason: string): void;
}

/** What the CSV was made of; `failed` says which side stopped it (the rest was not read). */
export type CsvReport =
  | { ok: true; records: number; lines: number; badCount: number }
  | { ok: false; failed: "read" | "write"; error: unknown };

/**
 * `report --csv`: one row per server (the first line of a name counts), streamed from the scan
 * file. Nothing is written before the first record: a file that is not a scan gives no CSV at all
 * (`records` 0, nothing written).
 */
export async function writeCsvReport(file: string, options: CsvReportOptions): Promise<CsvReport> {
  const seen = new Set<string>();
  let records = 0;
  let lines = 0;
  let badCount = 0;
  let batch = `${options.bom ? "\ufeff" : ""}${csvLine(CSV_HEADER)}`;
  const flush = async (): Promise<CsvReport | undefined> => {
    try {
      await options.write(batch);
    } catch (error) {
      return { ok: false, failed: "write", error };
    }
    batch = "";
    return undefined;
  };
  try {
    for await (const r of readRecords(createReadStream(file))) {
      lines = r.line;
      if (!r.ok) {
        badCount++;
        if (badCount <= MAX_BAD_LINES_SHOWN) options.badLine(r.line, r.reason);
        continue;
      }
      records++;
      if (seen.has(r.record.server_name)) continue;
      seen.add(r.record.server_name);
      batch += csvLine(csvRow(r.record));
      if (batch.length >= 65536) {
        const failed = await flush();
        if (failed) return failed;
      }
    }
  } catch (error) {
    return { ok: false, failed: "read", error };
  }
  if (records > 0) {
    const failed = await flush();
    if (failed) return failed;
  }
  return { ok: true, records, lines, badCount };
}

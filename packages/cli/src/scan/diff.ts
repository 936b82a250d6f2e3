/**
 * `report --diff OLD.jsonl NEW.jsonl`: what changed between two scans, per server, for trust &
 * safety teams who scan regularly. A server is listed when its status changed, when
 * `compareSupport` finds a (medium or high) change in its document, or when it is in one scan
 * only. Pure but for reading the files; the command prints it (src/cli/report-diff.ts).
 *
 * Risk of a status change: a usable file that broke (found -> not_found, invalid or unreachable)
 * and a file that became usable (-> found) are medium; a change between two unusable statuses
 * (unreachable -> not_found, ...) and a server in one scan only are low. The risks of document
 * changes are `compareSupport`'s.
 */
import { createReadStream } from "node:fs";
import {
  compareSupport,
  type Diagnostic,
  diagnostic,
  maxRisk,
  RISKS,
  type Risk,
  type SupportChange,
  type SupportDocument,
} from "../../../lib/src/core/index.js";
import { describeFsError } from "../files.js";
import { MAX_BAD_LINES_SHOWN, readRecords, unreadableScanFile } from "./report.js";
import type { ScanRecord } from "./summary.js";

/** What the diff keeps of one scan line. */
export interface ScanSide {
  status: string;
  document: SupportDocument | null;
  /** The first error diagnostic's message (why a file is not usable). */
  problem?: string;
}

/** One server that changed, keys in the order `--json` prints them. */
export interface DiffEntry {
  server_name: string;
  risk: Risk;
  status: { before: string | null; after: string | null };
  changes: SupportChange[];
}

export interface ScanDiff {
  /** Highest risk first, then by server name. */
  changes: DiffEntry[];
  /** Servers in both scans with nothing to report. */
  unchanged: number;
  added: number;
  dropped: number;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function sideOf(record: ScanRecord): ScanSide {
  const side: ScanSide = {
    status: record.status,
    document: isObject(record.document) ? record.document : null,
  };
  const diagnostics = Array.isArray(record.diagnostics) ? record.diagnostics : [];
  const error = diagnostics.find(
    (d) => isObject(d) && d.severity === "error" && typeof d.message === "string",
  );
  if (error) side.problem = error.message;
  return side;
}

function change(
  risk: Risk,
  code:
    | "SCAN_FILE_BROKE"
    | "SCAN_FILE_FIXED"
    | "SCAN_STATUS_CHANGED"
    | "SCAN_SERVER_ADDED"
    | "SCAN_SERVER_DROPPED",
  params: Record<string, string>,
  fields: Pick<SupportChange, "before" | "after">,
): SupportChange {
  const d = diagnostic(code, undefined, params);
  const out: SupportChange = { code, risk, message: d.message };
  if (fields.before !== undefined) out.before = fields.before;
  if (fields.after !== undefined) out.after = fields.after;
  if (d.hint !== undefined) out.hint = d.hint;
  return out;
}

/** The change of status between two scans of one server, or undefined when it is the same. */
export function statusChange(before: ScanSide, after: ScanSide): SupportChange | undefined {
  if (before.status === after.status) return undefined;
  const params = {
    before: before.status,
    after: after.status,
    detail: after.problem !== undefined ? ` (${after.problem})` : "",
  };
  const fields = { before: before.status, after: after.status };
  if (before.status === "found") return change("medium", "SCAN_FILE_BROKE", params, fields);
  if (after.status === "found") return change("medium", "SCAN_FILE_FIXED", params, fields);
  return change("low", "SCAN_STATUS_CHANGED", params, fields);
}

/** Compares two scans (server name -> what it served). */
export function diffScans(
  before: ReadonlyMap<string, ScanSide>,
  after: ReadonlyMap<string, ScanSide>,
): ScanDiff {
  const entries: DiffEntry[] = [];
  let unchanged = 0;
  let added = 0;
  let dropped = 0;
  for (const [name, b] of before) {
    const a = after.get(name);
    if (a === undefined) {
      dropped++;
      entries.push({
        server_name: name,
        risk: "low",
        status: { before: b.status, after: null },
        changes: [change("low", "SCAN_SERVER_DROPPED", { before: b.status }, { before: b.status })],
      });
      continue;
    }
    const changes: SupportChange[] = [];
    const status = statusChange(b, a);
    if (status) changes.push(status);
    if (b.document !== null && a.document !== null)
      changes.push(...compareSupport(b.document, a.document).changes);
    if (changes.length === 0) {
      unchanged++;
      continue;
    }
    const sorted = RISKS.flatMap((r) => changes.filter((c) => c.risk === r));
    const risk = sorted.reduce<Risk | null>((m, c) => maxRisk(m, c.risk), null) ?? "low";
    entries.push({
      server_name: name,
      risk,
      status: { before: b.status, after: a.status },
      changes: sorted,
    });
  }
  for (const [name, a] of after) {
    if (before.has(name)) continue;
    added++;
    entries.push({
      server_name: name,
      risk: "low",
      status: { before: null, after: a.status },
      changes: [change("low", "SCAN_SERVER_ADDED", { after: a.status }, { after: a.status })],
    });
  }
  const rank = (r: Risk) => RISKS.indexOf(r);
  entries.sort(
    (x, y) =>
      rank(x.risk) - rank(y.risk) ||
      (x.server_name < y.server_name ? -1 : x.server_name > y.server_name ? 1 : 0),
  );
  return { changes: entries, unchanged, added, dropped };
}

export type ReadScanResult =
  | {
      ok: true;
      servers: Map<string, ScanSide>;
      /** The first few bad lines (skipped). */
      bad: { line: number; reason: string }[];
      badCount: number;
      /** Names seen more than once (the last line wins: it is the newer check). */
      repeated: number;
      /** Lines read, blank ones included. */
      lines: number;
      /** Lines, but not one check result: not a scan (exit 1, as `report` says). */
      notAScan: boolean;
    }
  | { ok: false; diagnostic: Diagnostic };

/**
 * Reads a scan file for the diff. A file with lines but not one result line is not a scan; other
 * bad lines (a torn last line after a crash) are skipped and reported. A file that cannot be read
 * is SCAN_FILE_UNREADABLE.
 */
export async function readScan(file: string): Promise<ReadScanResult> {
  const unreadable = await unreadableScanFile(file);
  if (unreadable) return { ok: false, diagnostic: unreadable };
  const servers = new Map<string, ScanSide>();
  const bad: { line: number; reason: string }[] = [];
  let badCount = 0;
  let repeated = 0;
  let lines = 0;
  try {
    for await (const r of readRecords(createReadStream(file))) {
      lines = r.line;
      if (!r.ok) {
        badCount++;
        if (bad.length < MAX_BAD_LINES_SHOWN) bad.push({ line: r.line, reason: r.reason });
        continue;
      }
      if (servers.has(r.record.server_name)) {
        repeated++;
        servers.delete(r.record.server_name);
      }
      servers.set(r.record.server_name, sideOf(r.record));
    }
  } catch (error) {
    const reason = describeFsError(error);
    return {
      ok: false,
      diagnostic: diagnostic("SCAN_FILE_UNREADABLE", undefined, { file, reason }),
    };
  }
  const notAScan = servers.size === 0 && badCount > 0;
  return { ok: true, servers, bad, badCount, repeated, lines, notAScan };
}

export const DIFF_CSV_HEADER = [
  "server_name",
  "risk",
  "status_before",
  "status_after",
  "change_risk",
  "code",
  "role",
  "channel",
  "before",
  "after",
  "message",
];

/** CSV rows of a diff: one per change (a server with several changes has several rows). */
export function diffCsvRows(diff: ScanDiff): string[][] {
  const rows: string[][] = [];
  for (const e of diff.changes)
    for (const c of e.changes)
      rows.push([
        e.server_name,
        e.risk,
        e.status.before ?? "",
        e.status.after ?? "",
        c.risk,
        c.code,
        c.role ?? "",
        c.channel ?? "",
        c.before ?? "",
        c.after ?? "",
        c.message,
      ]);
  return rows;
}

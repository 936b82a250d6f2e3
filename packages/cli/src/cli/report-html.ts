/**
 * `report SCAN.jsonl... --html`: one self-contained HTML page on standard output, for one scan or
 * several in time order (figures over time, and the changes between the last two, ranked by the
 * risks of change detection). The page itself is scan/html-report.ts; this reads the files.
 */
import { createReadStream } from "node:fs";
import { describeFsError } from "../files.js";
import { diffScans, type ScanSide, sideOf } from "../scan/diff.js";
import {
  type ReportChange,
  type ReportRow,
  type ReportScan,
  renderHtmlReport,
  reportRow,
} from "../scan/html-report.js";
import { readRecords, unreadableScanFile } from "../scan/report.js";
import { stderrMessages } from "./messages.js";
import { EXIT_FAIL, EXIT_OK, EXIT_USAGE, writeOut } from "./output.js";

/** What one file gave: its rows for the page and what each server served, for the changes. */
interface ReadFile {
  scan: ReportScan;
  sides: Map<string, ScanSide>;
}

type Messages = ReturnType<typeof stderrMessages>;

async function readForHtml(file: string, { say, tell }: Messages): Promise<ReadFile | number> {
  const unreadable = await unreadableScanFile(file);
  if (unreadable) {
    say(unreadable);
    return EXIT_USAGE;
  }
  const rows = new Map<string, ReportRow>();
  const sides = new Map<string, ScanSide>();
  let lines = 0;
  try {
    for await (const r of readRecords(createReadStream(file))) {
      lines = r.line;
      if (!r.ok) {
        tell("REPORT_BAD_LINE", { reason: r.reason }, file, r.line);
        continue;
      }
      // A name seen twice: the later line is the newer check.
      rows.set(r.record.server_name, reportRow(r.record));
      sides.set(r.record.server_name, sideOf(r.record));
    }
  } catch (error) {
    tell("SCAN_FILE_UNREADABLE", { file, reason: describeFsError(error) });
    return EXIT_USAGE;
  }
  if (rows.size === 0) {
    tell("REPORT_NOT_A_SCAN", { lines }, file);
    return EXIT_FAIL;
  }
  const label = file.split(/[\\/]/).pop() ?? file;
  return { scan: { label, rows: [...rows.values()] }, sides };
}

/** Reads every file (in the order given: oldest first), then prints the page. */
export async function reportHtmlCommand(files: readonly string[]): Promise<number> {
  const messages = stderrMessages("report");
  const read: ReadFile[] = [];
  for (const file of files) {
    const one = await readForHtml(file, messages);
    if (typeof one === "number") return one;
    read.push(one);
  }
  const last = read[read.length - 1];
  const previous = read[read.length - 2];
  const changes: ReportChange[] | undefined =
    last && previous
      ? diffScans(previous.sides, last.sides).changes.map((entry) => ({
          server: entry.server_name,
          risk: entry.risk,
          before: entry.status.before ?? "",
          after: entry.status.after ?? "",
          summary: entry.changes.map((c) => c.message).join("; "),
        }))
      : undefined;
  writeOut(
    renderHtmlReport(
      read.map((r) => r.scan),
      changes ? { changes } : {},
    ),
  );
  return EXIT_OK;
}

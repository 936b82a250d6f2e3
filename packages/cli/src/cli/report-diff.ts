/**
 * `matrix-support report --diff OLD.jsonl NEW.jsonl [--json | --csv] [--fail-on high|medium]`:
 * per server, the status change and the document changes between two scans, ranked by risk.
 * Exit 0; with --fail-on, 1 when a change of that risk or higher exists; 2 for bad input.
 */
import { type Risk, riskAtLeast } from "../../../lib/src/core/index.js";
import { printable } from "../../../lib/src/core/printable.js";
import {
  DIFF_CSV_HEADER,
  diffCsvRows,
  diffScans,
  type ReadScanResult,
  readScan,
  type ScanDiff,
} from "../scan/diff.js";
import { csvLine } from "../scan/report.js";
import { stderrMessages } from "./messages.js";
import { colours, EXIT_FAIL, EXIT_OK, EXIT_USAGE, printJson, writeOut } from "./output.js";

export interface DiffOptions {
  json?: boolean;
  csv?: boolean;
  failOn?: string;
}

const FAIL_ON: readonly Risk[] = ["high", "medium"];

export async function diffCommand(
  oldFile: string | undefined,
  newFile: string,
  options: DiffOptions,
): Promise<number> {
  const { say, tell, fail } = stderrMessages("report");
  if (oldFile === undefined) return fail("REPORT_FAIL_ON_WITHOUT_DIFF", {}, "--fail-on");
  if (options.csv && options.json) return fail("REPORT_OPTIONS_CONFLICT", {}, "--csv");
  let failOn: Risk | undefined;
  if (options.failOn !== undefined) {
    failOn = FAIL_ON.find((r) => r === options.failOn);
    if (failOn === undefined)
      return fail("REPORT_FAIL_ON_INVALID", { value: options.failOn }, "--fail-on");
  }
  // A file that cannot be read is exit 2; one that is not a scan is bad input (exit 1, as plain `report`).
  const read = async (file: string): Promise<Extract<ReadScanResult, { ok: true }> | number> => {
    const r = await readScan(file);
    if (!r.ok) {
      say(r.diagnostic);
      return EXIT_USAGE;
    }
    for (const b of r.bad) tell("REPORT_BAD_LINE", { reason: b.reason }, file, b.line);
    if (r.badCount > r.bad.length)
      tell("REPORT_MORE_BAD_LINES", { count: r.badCount - r.bad.length }, file);
    if (r.notAScan) {
      tell("REPORT_NOT_A_SCAN", { lines: r.lines }, file);
      return EXIT_FAIL;
    }
    if (r.repeated > 0) tell("REPORT_REPEATED_LAST", { count: r.repeated }, file);
    return r;
  };
  const before = await read(oldFile);
  if (typeof before === "number") return before;
  const after = await read(newFile);
  if (typeof after === "number") return after;

  const diff = diffScans(before.servers, after.servers);
  if (options.json) printJson({ changes: diff.changes });
  else if (options.csv) {
    writeOut(csvLine(DIFF_CSV_HEADER) + diffCsvRows(diff).map(csvLine).join(""));
  } else writeOut(formatDiff(diff, oldFile, newFile, before.servers.size, after.servers.size));

  if (failOn !== undefined && diff.changes.some((e) => riskAtLeast(e.risk, failOn)))
    return EXIT_FAIL;
  return EXIT_OK;
}

/** The diff for people: servers by risk, each change under its server, then a summary line. */
export function formatDiff(
  diff: ScanDiff,
  oldFile: string,
  newFile: string,
  oldCount: number,
  newCount: number,
  c = colours(),
): string {
  const paint: Record<Risk, (s: string) => string> = { high: c.red, medium: c.yellow, low: c.dim };
  const lines: string[] = [];
  for (const e of diff.changes) {
    const status = `${e.status.before ?? "(absent)"} -> ${e.status.after ?? "(absent)"}`;
    lines.push(
      `${paint[e.risk](e.risk.toUpperCase().padEnd(6))}  ${c.bold(printable(e.server_name))}  ${c.dim(printable(status))}`,
    );
    for (const ch of e.changes)
      lines.push(
        `        ${paint[ch.risk](ch.risk.padEnd(6))}  ${printable(ch.message)}  ${c.dim(`(${ch.code})`)}`,
      );
  }
  const count = (r: Risk) => diff.changes.filter((e) => e.risk === r).length;
  const both = diff.changes.length - diff.added - diff.dropped + diff.unchanged;
  const summary =
    diff.changes.length === 0
      ? `no change between ${oldFile} (${oldCount} servers) and ${newFile} (${newCount} servers)`
      : `${oldFile} -> ${newFile}: ${diff.changes.length - diff.added - diff.dropped} of ${both} server(s) in both scans changed, ${diff.added} added, ${diff.dropped} dropped; by risk: ${count("high")} high, ${count("medium")} medium, ${count("low")} low`;
  if (lines.length > 0) lines.push("");
  lines.push(c.bold(printable(summary)));
  return `${lines.join("\n")}\n`;
}

/**
 * `matrix-support report --diff OLD.jsonl NEW.jsonl [--json | --csv] [--fail-on high|medium]`:
 * per server, the status change and the document changes between two scans, ranked by risk.
 * Exit 0; with --fail-on, 1 when a change of that risk or higher exists; 2 for bad input.
 */
import { type Risk, riskAtLeast } from "../../../lib/src/core/index.js";
import { printable } from "../../../lib/src/core/printable.js";
import { DIFF_CSV_HEADER, diffCsvRows, diffScans, readScan, type ScanDiff } from "../scan/diff.js";
import { csvLine } from "../scan/report.js";
import {
  colours,
  EXIT_FAIL,
  EXIT_OK,
  EXIT_USAGE,
  printJson,
  writeErr,
  writeOut,
} from "./output.js";

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
  const bad = (message: string): number => {
    writeErr(`matrix-support report: ${printable(message)}\n`);
    return EXIT_USAGE;
  };
  if (oldFile === undefined) return bad("--fail-on goes with --diff OLD.jsonl NEW.jsonl");
  if (options.csv && options.json) return bad("--csv and --json cannot be combined");
  let failOn: Risk | undefined;
  if (options.failOn !== undefined) {
    failOn = FAIL_ON.find((r) => r === options.failOn);
    if (failOn === undefined) return bad(`--fail-on takes high or medium, not "${options.failOn}"`);
  }
  // A file that is not a scan is bad input (exit 1, as plain `report`); one that cannot be read, exit 2.
  const refused = (r: { message: string; notAScan?: true }): number => {
    const usage = bad(r.message);
    return r.notAScan ? EXIT_FAIL : usage;
  };
  const before = await readScan(oldFile);
  if (!before.ok) return refused(before);
  const after = await readScan(newFile);
  if (!after.ok) return refused(after);
  for (const [file, r] of [
    [oldFile, before],
    [newFile, after],
  ] as const) {
    for (const b of r.bad) writeErr(`${printable(`${file}:${b.line}: skipped: ${b.reason}`)}\n`);
    if (r.badCount > r.bad.length)
      writeErr(`${printable(`${file}: ${r.badCount - r.bad.length} more bad line(s) skipped`)}\n`);
    if (r.repeated > 0)
      writeErr(
        `${printable(
          `${file}: ${r.repeated} server name(s) listed more than once; the last line counts`,
        )}\n`,
      );
  }

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

/** `matrix-support report`: a scan read back as a summary, a CSV of contacts, a diff of two scans or an HTML page. */
import { diagnostic } from "../../../lib/src/core/index.js";
import { describeFsError } from "../files.js";
import { type FileSummary, formatSummary, summariseFile } from "../scan/index.js";
import { MAX_BAD_LINES_SHOWN, unreadableScanFile, writeCsvReport } from "../scan/report.js";
import type { CommandSpec } from "./command.js";
import { stderrMessages } from "./messages.js";
import {
  colours,
  EXIT_FAIL,
  EXIT_OK,
  EXIT_USAGE,
  isClosedPipe,
  paint,
  printJson,
  stdoutClosed,
  term,
  writeOut,
} from "./output.js";
import { diffCommand } from "./report-diff.js";
import { reportHtmlCommand } from "./report-html.js";

interface ReportOptions {
  csv?: boolean;
  html?: boolean;
  bom?: boolean;
  json?: boolean;
  /** `report --diff OLD.jsonl NEW.jsonl`: OLD (NEW is the argument). */
  diff?: string;
  failOn?: string;
}

export const spec: CommandSpec = {
  name: "report",
  description:
    "Summarise a scan's JSONL again, list the contact to use per purpose per server (--csv), compare two scans (--diff) or make an HTML report of one or several (--html)",
  arguments: [
    {
      name: "<files...>",
      description: "JSONL file(s) written by scan; several only with --html, oldest first",
    },
  ],
  options: [
    {
      flags: "--csv",
      description:
        "one row per server: the security, abuse and general contact picked (for mail merges)",
    },
    {
      flags: "--bom",
      description:
        "with --csv: start with a UTF-8 byte order mark (Excel then reads non-ASCII text)",
    },
    { flags: "--json", description: "print the summary as JSON" },
    {
      flags: "--html",
      description:
        "one self-contained HTML page on standard output: charts, a table of every server; with several scans, the figures over time and the changes between the last two",
    },
    {
      flags: "--diff <old.jsonl>",
      description:
        "compare with an older scan (report --diff OLD.jsonl NEW.jsonl): changes per server, by risk",
    },
    {
      flags: "--fail-on <risk>",
      description: "with --diff: exit 1 when a change of this risk exists (high, medium)",
    },
  ],
  action: (files: string[], options: ReportOptions) => reportFiles(files, options),
};

/** `report FILE...`: several files only with --html; every other mode reads one. */
export async function reportFiles(
  files: readonly string[],
  options: ReportOptions,
): Promise<number> {
  const { fail } = stderrMessages("report");
  if (options.html) {
    const other = options.csv
      ? "--csv"
      : options.json
        ? "--json"
        : options.diff !== undefined
          ? "--diff"
          : undefined;
    if (other) return fail("REPORT_HTML_CONFLICT", { flag: other }, "--html");
    return reportHtmlCommand(files);
  }
  const [file, ...more] = files;
  if (file === undefined || more.length > 0)
    return fail("REPORT_ONE_FILE", { count: files.length }, "report");
  return reportCommand(file, options);
}

export async function reportCommand(file: string, options: ReportOptions): Promise<number> {
  const { say, tell, fail } = stderrMessages("report");
  if (options.diff !== undefined || options.failOn !== undefined)
    return diffCommand(options.diff, file, options);
  if (options.csv && options.json) return fail("REPORT_OPTIONS_CONFLICT", {}, "--csv");
  const unreadable = await unreadableScanFile(file);
  if (unreadable) {
    say(unreadable);
    return EXIT_USAGE;
  }
  const warnBad = (line: number, reason: string) => tell("REPORT_BAD_LINE", { reason }, file, line);
  /** No line is a check result (a list of names, a binary file, an empty file): exit 1. */
  const notAScan = (lines: number): number => {
    tell("REPORT_NOT_A_SCAN", { lines }, file);
    return EXIT_FAIL;
  };

  if (options.csv) {
    const csv = await writeCsvReport(file, {
      ...(options.bom ? { bom: true } : {}),
      write: writeChunk,
      badLine: warnBad,
    });
    if (!csv.ok) {
      const { error } = csv;
      // `report --csv | head`: the reader has enough; stop reading, quietly.
      if (csv.failed === "write" && (stdoutClosed() || isClosedPipe(error))) return EXIT_OK;
      if (csv.failed === "write")
        return fail("REPORT_CSV_WRITE_FAILED", {
          reason: error instanceof Error ? error.message : String(error),
        });
      return fail("SCAN_FILE_UNREADABLE", { file, reason: describeFsError(error) });
    }
    if (csv.badCount > MAX_BAD_LINES_SHOWN)
      tell("REPORT_MORE_BAD_LINES", { count: csv.badCount - MAX_BAD_LINES_SHOWN }, file);
    if (csv.records === 0) return notAScan(csv.lines);
    return EXIT_OK;
  }

  let result: FileSummary;
  try {
    result = await summariseFile(file);
  } catch (error) {
    return fail("SCAN_FILE_UNREADABLE", { file, reason: describeFsError(error) });
  }
  for (const b of result.bad) warnBad(b.line, b.reason);
  if (result.badCount > result.bad.length)
    tell("REPORT_MORE_BAD_LINES", { count: result.badCount - result.bad.length }, file);
  if (result.summary.count === 0) return notAScan(result.lines);
  const data = result.summary.data();
  if (options.json) {
    printJson({ ...data, duplicates: result.duplicates, bad_lines: result.badCount });
    return EXIT_OK;
  }
  const c = colours();
  const p = paint(c);
  writeOut(term`${p.bold(`${file}:`)} ${data.servers} server(s)\n`.text);
  writeOut(formatSummary(data, c));
  if (result.duplicates > 0) {
    const d = diagnostic("REPORT_DUPLICATES", undefined, { count: result.duplicates });
    writeOut(term`  ${d.message}\n`.text);
  }
  return EXIT_OK;
}

/** Writes to stdout respecting backpressure, so a huge CSV is not buffered in memory. */
function writeChunk(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stdoutClosed()) return reject(new Error("standard output is closed"));
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

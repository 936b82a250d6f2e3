/** `matrix-support scan` (check many servers, resumable JSONL) and `report` (read a scan back). */
import type { Command } from "commander";
import { diagnostic } from "../../../lib/src/core/index.js";
import { describeFsError } from "../files.js";
import { createScanChecker, type TransportFlags } from "../scan/checker.js";
import {
  type CheckFn,
  createProgress,
  createRateLimiter,
  type ExcludeList,
  type FileSummary,
  formatSummary,
  openOutput,
  parseRate,
  type RateLimiter,
  readNames,
  runScan,
  skippedLine,
  summariseFile,
} from "../scan/index.js";
import { loadExcludeList, openNameList } from "../scan/inputs.js";
import { MAX_BAD_LINES_SHOWN, unreadableScanFile, writeCsvReport } from "../scan/report.js";
import type { Wrap } from "./command.js";
import {
  colours,
  EXIT_FAIL,
  EXIT_OK,
  EXIT_USAGE,
  intOption,
  isClosedPipe,
  paint,
  printJson,
  stderrMessages,
  stdoutClosed,
  term,
  writeErr,
  writeOut,
} from "./output.js";
import { diffCommand } from "./report-diff.js";
import { reportHtmlCommand } from "./report-html.js";

export const DEFAULT_CONCURRENCY = 20;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Exit code of a scan stopped by SIGINT/SIGTERM (128 + SIGINT, as shells report it). */
export const EXIT_INTERRUPTED = 130;

interface ScanOptions extends TransportFlags {
  out: string;
  concurrency: number;
  timeout: number;
  resume?: boolean;
  rate?: string;
  exclude?: string;
  progress: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerScan(program: Command, wrap: Wrap): void {
  program
    .command("scan")
    .description(
      "Check many servers: one `check --json` object per line (JSONL), resumable after a crash",
    )
    .argument("[file]", "server names, one per line (# comments allowed), or - for standard input")
    .requiredOption("--out <file>", "where results go (JSONL), or - for standard output")
    .option(
      "--concurrency <n>",
      `requests in flight at most (default ${DEFAULT_CONCURRENCY})`,
      intOption("--concurrency", 1, 10_000),
    )
    .option(
      "--timeout <ms>",
      `per server, redirects and body included (default ${DEFAULT_TIMEOUT_MS})`,
      intOption("--timeout", 1, 3_600_000),
    )
    .option("--resume", "skip servers already in --out; repair a torn last line first")
    .option("--rate <n/s>", "start at most this many servers per second (also N/min, N/h)")
    .option("--exclude <file>", "opt-out list: servers never contacted (*.domain for subdomains)")
    .option("--cacert <file>", "trust the CA certificates in this PEM file (as curl)")
    .option("--resolve <host:port:addr>", "use this address for host:port (as curl)", collect, [])
    .option(
      "--connect-to <host1:port1:host2:port2>",
      "connect to host2:port2 instead of host1:port1 (as curl)",
      collect,
      [],
    )
    .option("--no-progress", "no progress display on standard error")
    .action(
      wrap((file: string | undefined, options: ScanOptions) => scanCommand(file ?? "-", options)),
    );
}

export async function scanCommand(file: string, options: ScanOptions): Promise<number> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const { say, tell, fail, refused, note } = stderrMessages("scan");

  let rate: RateLimiter | undefined;
  if (options.rate !== undefined) {
    const parsed = parseRate(options.rate);
    if (!parsed.ok) return fail("SCAN_RATE_INVALID", { reason: parsed.reason }, "--rate");
    rate = createRateLimiter(parsed.perSecond);
  }

  let exclude: ExcludeList | undefined;
  if (options.exclude !== undefined) {
    const loaded = await loadExcludeList(options.exclude);
    if (!loaded.ok) return refused(...loaded.diagnostics);
    exclude = loaded.list;
  }

  // Open the input before anything is written, so a typo costs nothing.
  const opened = await openNameList(file, { stdin: process.stdin, count: options.progress });
  if (!opened.ok) return refused(opened.refused);
  const names = opened.names;

  const checker = await createScanChecker(options, timeout);
  if (!checker.ok) {
    await names.close();
    return fail("SCAN_FLAGS_INVALID", { reason: checker.message });
  }

  const output = await openOutput(options.out, { resume: options.resume === true });
  if (!output.ok) {
    await checker.close();
    await names.close();
    return refused({ diagnostic: output.diagnostic, where: output.file ?? "--out" });
  }
  const outName = options.out === "-" ? "standard output" : options.out;
  if (output.repairedBytes > 0)
    tell("SCAN_OUTPUT_REPAIRED", { bytes: output.repairedBytes }, outName);
  const before = output.done.size;
  if (options.resume) note("SCAN_RESUMING", { count: before, file: outName });

  const progress = options.progress
    ? createProgress({
        stream: process.stderr,
        timeoutMs: timeout,
        ...(names.total === undefined ? {} : { total: names.total }),
      })
    : undefined;

  const stop = new AbortController();
  const abort = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      stop.abort();
      // The bar is cleared first (with the ^C the terminal echoed on its line); without one, the
      // message starts on a line of its own.
      if (progress) progress.clear();
      else if (process.stderr.isTTY) writeErr("\n");
      note("SCAN_STOPPING", { signal });
    } else {
      abort.abort();
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const started = performance.now();
  const check: CheckFn = checker.check;
  let outcome: Awaited<ReturnType<typeof runScan>>;
  let closeError: string | undefined;
  try {
    // A line that is not UTF-8 is no name: skipped, and named as report names its bad lines.
    const inputName = file === "-" ? "<stdin>" : file;
    outcome = await runScan({
      names: readNames(names.input, (d) => say(skippedLine(d), inputName)),
      check,
      sink: output.sink,
      concurrency,
      done: output.done,
      stop: stop.signal,
      abort: abort.signal,
      rate: rate || undefined,
      exclude,
      onProgress: progress && ((s) => progress.update(s)),
    });
  } finally {
    // A stop can leave a read of standard input pending; it must not keep the process alive.
    if (file === "-") process.stdin.destroy();
    progress?.stop();
    try {
      await output.sink.close();
    } catch (error) {
      closeError = error instanceof Error ? error.message : String(error);
    }
    await checker.close();
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }

  const { stats } = outcome;
  const seconds = (performance.now() - started) / 1000;
  const c = colours(process.stderr);
  const done = {
    count: stats.written,
    seconds: seconds.toFixed(1),
    rate: (stats.written / Math.max(seconds, 0.001)).toFixed(1),
    duplicates: stats.duplicates,
    excluded: stats.excluded,
  };
  if (options.resume && options.out !== "-") {
    // After a resume, the summary covers the whole output file, not only this run.
    note("SCAN_DONE_RESUMED", { ...done, before, file: outName });
    let whole: FileSummary | undefined;
    try {
      whole = await summariseFile(options.out);
    } catch {
      // Written a moment ago; should it be unreadable now, this run's part is shown instead.
    }
    const data = (whole?.summary ?? stats.summary).data();
    if (data.servers > 0) writeErr(formatSummary(data, c));
  } else {
    note("SCAN_DONE", done);
    if (stats.written > 0) writeErr(formatSummary(stats.summary.data(), c));
  }
  const ioError = outcome.writeError ?? closeError;
  // `scan --out - | head`: the reader has enough; the scan stopped taking names, quietly.
  if (ioError !== undefined && options.out === "-" && stdoutClosed()) return EXIT_OK;
  if (ioError !== undefined) return fail("SCAN_WRITE_FAILED", { file: outName, reason: ioError });
  if (outcome.readError !== undefined)
    return fail("SCAN_READ_FAILED", {
      file: file === "-" ? "standard input" : file,
      reason: outcome.readError,
    });
  if (outcome.interrupted) {
    note(options.out === "-" ? "SCAN_INTERRUPTED_STDOUT" : "SCAN_INTERRUPTED");
    return EXIT_INTERRUPTED;
  }
  return EXIT_OK;
}

interface ReportOptions {
  csv?: boolean;
  html?: boolean;
  bom?: boolean;
  json?: boolean;
  /** `report --diff OLD.jsonl NEW.jsonl`: OLD (NEW is the argument). */
  diff?: string;
  failOn?: string;
}

export function registerReport(program: Command, wrap: Wrap): void {
  program
    .command("report")
    .description(
      "Summarise a scan's JSONL again, list the contact to use per purpose per server (--csv), compare two scans (--diff) or make an HTML report of one or several (--html)",
    )
    .argument("<files...>", "JSONL file(s) written by scan; several only with --html, oldest first")
    .option(
      "--csv",
      "one row per server: the security, abuse and general contact picked (for mail merges)",
    )
    .option(
      "--bom",
      "with --csv: start with a UTF-8 byte order mark (Excel then reads non-ASCII text)",
    )
    .option("--json", "print the summary as JSON")
    .option(
      "--html",
      "one self-contained HTML page on standard output: charts, a table of every server; with several scans, the figures over time and the changes between the last two",
    )
    .option(
      "--diff <old.jsonl>",
      "compare with an older scan (report --diff OLD.jsonl NEW.jsonl): changes per server, by risk",
    )
    .option(
      "--fail-on <risk>",
      "with --diff: exit 1 when a change of this risk exists (high, medium)",
    )
    .action(wrap((files: string[], options: ReportOptions) => reportFiles(files, options)));
}

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

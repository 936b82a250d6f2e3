/** `matrix-support scan` (check many servers, resumable JSONL) and `report` (read a scan back). */
import { createReadStream } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import type { Command } from "commander";
import type { Diagnostic } from "../../../lib/src/core/index.js";
import { type DiagnosticCode, diagnostic, type Params } from "../../../lib/src/core/index.js";
import { describeFsError, InputError, readText } from "../files.js";
import { createScanChecker, type TransportFlags } from "../scan/checker.js";
import {
  type CheckFn,
  CSV_HEADER,
  countNames,
  createProgress,
  createRateLimiter,
  csvLine,
  csvRow,
  type ExcludeList,
  type FileSummary,
  formatSummary,
  openOutput,
  parseExcludeList,
  parseRate,
  type RateLimiter,
  readNames,
  readRecords,
  runScan,
  type ScanRecord,
  summariseFile,
} from "../scan/index.js";
import type { Refused } from "../scan/jsonl.js";
import type { Wrap } from "./command.js";
import {
  colours,
  EXIT_FAIL,
  EXIT_OK,
  EXIT_USAGE,
  formatDiagnostic,
  formatNote,
  intOption,
  isClosedPipe,
  paint,
  printJson,
  stdoutClosed,
  term,
  writeErr,
  writeOut,
} from "./output.js";
import { diffCommand } from "./report-diff.js";
import { reportHtmlCommand } from "./report-html.js";

export const DEFAULT_CONCURRENCY = 20;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** An opt-out list is read whole before the scan starts: refused by its size over 16 MiB. */
export const MAX_EXCLUDE_BYTES = 16 * 1024 * 1024;
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

/** Where scan's and report's messages go: stderr, through the one formatter, values escaped. */
function messages(command: "scan" | "report") {
  const c = colours(process.stderr);
  const say = (code: DiagnosticCode, params: Params = {}, where?: string, line?: number) => {
    const d = diagnostic(code, undefined, params);
    if (line !== undefined) d.line = line;
    writeErr(formatDiagnostic(d, where, c));
  };
  return {
    say,
    /** A usage or I/O error: exit 2. */
    fail(code: DiagnosticCode, params: Params = {}, where?: string): number {
      say(code, params, where);
      return EXIT_USAGE;
    },
    refused(r: Refused): number {
      writeErr(formatDiagnostic(r.diagnostic, r.file ?? "--out", c));
      return EXIT_USAGE;
    },
    note(code: DiagnosticCode, params: Params = {}) {
      writeErr(formatNote(command, diagnostic(code, undefined, params), c));
    },
  };
}

export async function scanCommand(file: string, options: ScanOptions): Promise<number> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const { say, fail, refused, note } = messages("scan");

  let rate: RateLimiter | undefined;
  if (options.rate !== undefined) {
    const parsed = parseRate(options.rate);
    if (!parsed.ok) return fail("SCAN_RATE_INVALID", { reason: parsed.reason }, "--rate");
    rate = createRateLimiter(parsed.perSecond);
  }

  let exclude: ExcludeList | undefined;
  if (options.exclude !== undefined) {
    let text: string;
    try {
      text = await readText(options.exclude, MAX_EXCLUDE_BYTES);
    } catch (error) {
      if (error instanceof InputError)
        return fail("SCAN_EXCLUDE_UNREADABLE", { reason: error.message }, "--exclude");
      throw error;
    }
    const parsed = parseExcludeList(text);
    if (!parsed.ok) {
      for (const p of parsed.problems)
        say("SCAN_EXCLUDE_BAD_LINE", { text: p.text, reason: p.reason }, options.exclude, p.line);
      return fail(
        "SCAN_EXCLUDE_INVALID",
        { file: options.exclude, count: parsed.problems.length },
        "--exclude",
      );
    }
    exclude = parsed.list;
  }

  // Open the input before anything is written, so a typo costs nothing.
  let input: AsyncIterable<Uint8Array | string>;
  let inputHandle: FileHandle | undefined;
  let total: number | undefined;
  if (file === "-") {
    if (process.stdin.isTTY) return fail("SCAN_INPUT_TERMINAL", {}, "standard input");
    input = process.stdin;
  } else {
    try {
      const handle = await open(file, "r");
      const st = await handle.stat();
      if (st.isDirectory()) {
        await handle.close();
        return fail("SCAN_FILE_UNREADABLE", { file, reason: "it is a directory" });
      }
      // A regular file can be counted first, for done/total and an ETA; a pipe cannot.
      if (st.isFile() && options.progress) total = await countNames(createReadStream(file));
      input = handle.createReadStream();
      inputHandle = handle;
    } catch (error) {
      return fail("SCAN_FILE_UNREADABLE", { file, reason: describeFsError(error) });
    }
  }

  const checker = await createScanChecker(options, timeout);
  if (!checker.ok) {
    await inputHandle?.close();
    return fail("SCAN_FLAGS_INVALID", { reason: checker.message });
  }

  const output = await openOutput(options.out, { resume: options.resume === true });
  if (!output.ok) {
    await checker.close();
    await inputHandle?.close();
    return refused(output);
  }
  const outName = options.out === "-" ? "standard output" : options.out;
  if (output.repairedBytes > 0)
    say("SCAN_OUTPUT_REPAIRED", { bytes: output.repairedBytes }, outName);
  const before = output.done.size;
  if (options.resume) note("SCAN_RESUMING", { count: before, file: outName });

  const progress = options.progress
    ? createProgress({
        stream: process.stderr,
        timeoutMs: timeout,
        ...(total === undefined ? {} : { total }),
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
    const badLine = (d: Diagnostic) =>
      writeErr(`${inputName}:${d.line}:${d.column}: skipped: ${d.message}\n`);
    outcome = await runScan({
      names: readNames(input, badLine),
      check,
      sink: output.sink,
      concurrency,
      done: output.done,
      stop: stop.signal,
      abort: abort.signal,
      ...(rate ? { rate } : {}),
      ...(exclude ? { exclude } : {}),
      ...(progress ? { onProgress: (s) => progress.update(s) } : {}),
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
  const { say, fail } = messages("report");
  if (options.html) {
    const other = options.csv
      ? "--csv"
      : options.json
        ? "--json"
        : options.diff !== undefined
          ? "--diff"
          : undefined;
    if (other) return fail("REPORT_HTML_CONFLICT", { flag: other }, "--html");
    return reportHtmlCommand(files, say);
  }
  const [file, ...more] = files;
  if (file === undefined || more.length > 0)
    return fail("REPORT_ONE_FILE", { count: files.length }, "report");
  return reportCommand(file, options);
}

export async function reportCommand(file: string, options: ReportOptions): Promise<number> {
  const { say, fail } = messages("report");
  if (options.diff !== undefined || options.failOn !== undefined)
    return diffCommand(options.diff, file, options);
  if (options.csv && options.json) return fail("REPORT_OPTIONS_CONFLICT", {}, "--csv");
  try {
    const st = await stat(file);
    if (st.isDirectory())
      return fail("SCAN_FILE_UNREADABLE", { file, reason: "it is a directory" });
  } catch (error) {
    return fail("SCAN_FILE_UNREADABLE", { file, reason: describeFsError(error) });
  }
  const warnBad = (line: number, reason: string) => say("REPORT_BAD_LINE", { reason }, file, line);
  /** No line is a check result (a list of names, a binary file, an empty file): exit 1. */
  const notAScan = (lines: number): number => {
    say("REPORT_NOT_A_SCAN", { lines }, file);
    return EXIT_FAIL;
  };

  if (options.csv) {
    const seen = new Set<string>();
    let records = 0;
    let lines = 0;
    let badCount = 0;
    // Rows are written in batches of about 64 KiB, each waiting for the previous one (backpressure).
    // Nothing is written before the first record: a file that is not a scan gives no CSV at all.
    let batch = `${options.bom ? "\ufeff" : ""}${csvLine(CSV_HEADER)}`;
    try {
      for await (const r of readRecords(createReadStream(file))) {
        lines = r.line;
        if (!r.ok) {
          badCount++;
          if (badCount <= MAX_BAD_LINES_SHOWN) warnBad(r.line, r.reason);
          continue;
        }
        records++;
        const record: ScanRecord = r.record;
        if (seen.has(record.server_name)) continue;
        seen.add(record.server_name);
        batch += csvLine(csvRow(record));
        if (batch.length >= 65536) {
          await writeChunk(batch);
          batch = "";
        }
      }
      if (badCount > MAX_BAD_LINES_SHOWN)
        say("REPORT_MORE_BAD_LINES", { count: badCount - MAX_BAD_LINES_SHOWN }, file);
      if (records === 0) return notAScan(lines);
      await writeChunk(batch);
    } catch (error) {
      // `report --csv | head`: the reader has enough; stop reading, quietly.
      if (error instanceof OutputError && (stdoutClosed() || isClosedPipe(error.cause)))
        return EXIT_OK;
      if (error instanceof OutputError)
        return fail("REPORT_CSV_WRITE_FAILED", { reason: error.message });
      return fail("SCAN_FILE_UNREADABLE", { file, reason: describeFsError(error) });
    }
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
    say("REPORT_MORE_BAD_LINES", { count: result.badCount - result.bad.length }, file);
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

/** Bad lines named one by one in the CSV mode (the summary names as many); the rest are counted. */
const MAX_BAD_LINES_SHOWN = 5;

class OutputError extends Error {}

/** Writes to stdout respecting backpressure, so a huge CSV is not buffered in memory. */
function writeChunk(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stdoutClosed()) return reject(new OutputError("standard output is closed"));
    process.stdout.write(text, (error) =>
      error ? reject(new OutputError(error.message, { cause: error })) : resolve(),
    );
  });
}

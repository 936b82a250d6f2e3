/** `matrix-support scan` (check many servers, resumable JSONL) and `report` (read a scan back). */
import { createReadStream } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import type { Command } from "commander";
import { InputError, readText } from "../files.js";
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
import {
  colours,
  EXIT_OK,
  EXIT_USAGE,
  intOption,
  printJson,
  writeErr,
  writeOut,
} from "./output.js";
import type { Wrap } from "./program.js";
import { diffCommand } from "./report-diff.js";

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

const fail = (message: string): number => {
  writeErr(`matrix-support scan: ${message}\n`);
  return EXIT_USAGE;
};

export async function scanCommand(file: string, options: ScanOptions): Promise<number> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;

  let rate: RateLimiter | undefined;
  if (options.rate !== undefined) {
    const parsed = parseRate(options.rate);
    if (!parsed.ok) return fail(`--rate: ${parsed.reason}`);
    rate = createRateLimiter(parsed.perSecond);
  }

  let exclude: ExcludeList | undefined;
  if (options.exclude !== undefined) {
    let text: string;
    try {
      text = await readText(options.exclude);
    } catch (error) {
      if (error instanceof InputError) return fail(`--exclude: ${error.message}`);
      throw error;
    }
    const parsed = parseExcludeList(text);
    if (!parsed.ok) {
      for (const p of parsed.problems)
        writeErr(`${options.exclude}:${p.line}: "${p.text}" is not a server name: ${p.reason}\n`);
      return fail(`--exclude: ${options.exclude} has ${parsed.problems.length} bad line(s)`);
    }
    exclude = parsed.list;
  }

  // Open the input before anything is written, so a typo costs nothing.
  let input: AsyncIterable<Uint8Array | string>;
  let inputHandle: FileHandle | undefined;
  let total: number | undefined;
  if (file === "-") {
    if (process.stdin.isTTY)
      return fail("give a FILE of server names, or pipe them in (scan - reads standard input)");
    input = process.stdin;
  } else {
    try {
      const handle = await open(file, "r");
      const st = await handle.stat();
      if (st.isDirectory()) {
        await handle.close();
        return fail(`cannot read ${file}: it is a directory`);
      }
      // A regular file can be counted first, for done/total and an ETA; a pipe cannot.
      if (st.isFile() && options.progress) total = await countNames(createReadStream(file));
      input = handle.createReadStream();
      inputHandle = handle;
    } catch (error) {
      return fail(`cannot read ${file}: ${describe(error)}`);
    }
  }

  const checker = await createScanChecker(options, timeout);
  if (!checker.ok) {
    await inputHandle?.close();
    return fail(checker.message);
  }

  const output = await openOutput(options.out, { resume: options.resume === true });
  if (!output.ok) {
    await checker.close();
    await inputHandle?.close();
    return fail(output.message);
  }
  const outName = options.out === "-" ? "standard output" : options.out;
  if (output.repairedBytes > 0)
    writeErr(
      `scan: repaired ${outName}: cut a torn last line (${output.repairedBytes} bytes); that server is checked again\n`,
    );
  if (options.resume)
    writeErr(`scan: resuming: ${output.done.size} servers already in ${outName}\n`);

  const stop = new AbortController();
  const abort = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      stop.abort();
      writeErr(
        `\nscan: ${signal}: finishing the requests in flight, then stopping (again to abort them)\n`,
      );
    } else {
      abort.abort();
    }
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const progress = options.progress
    ? createProgress(
        total === undefined ? { stream: process.stderr } : { stream: process.stderr, total },
      )
    : undefined;
  const started = performance.now();
  const check: CheckFn = checker.check;
  let outcome: Awaited<ReturnType<typeof runScan>>;
  let closeError: string | undefined;
  try {
    outcome = await runScan({
      names: readNames(input),
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
  const skipped = [
    stats.duplicates > 0 ? `${stats.duplicates} duplicate(s) skipped` : "",
    stats.excluded > 0 ? `${stats.excluded} excluded (opt-out)` : "",
    stats.alreadyDone > 0 ? `${stats.alreadyDone} already done` : "",
  ].filter((s) => s !== "");
  writeErr(
    `${c.bold("scan:")} ${stats.written} server(s) checked in ${seconds.toFixed(1)} s (${(stats.written / Math.max(seconds, 0.001)).toFixed(1)}/s)${skipped.length > 0 ? `; ${skipped.join(", ")}` : ""}\n`,
  );
  if (stats.written > 0) writeErr(formatSummary(stats.summary.data(), c));
  const ioError = outcome.writeError ?? closeError;
  if (ioError !== undefined) return fail(`${ioError}; run again with --resume to continue`);
  if (outcome.readError !== undefined)
    return fail(`cannot read ${file === "-" ? "standard input" : file}: ${outcome.readError}`);
  if (outcome.interrupted) {
    writeErr(
      `scan: stopped before the end; run the same command with --resume to continue${options.out === "-" ? " (with --out FILE)" : ""}\n`,
    );
    return EXIT_INTERRUPTED;
  }
  return EXIT_OK;
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return error instanceof Error ? error.message : String(error);
}

interface ReportOptions {
  csv?: boolean;
  json?: boolean;
  /** `report --diff OLD.jsonl NEW.jsonl`: OLD (NEW is the argument). */
  diff?: string;
  failOn?: string;
}

export function registerReport(program: Command, wrap: Wrap): void {
  program
    .command("report")
    .description(
      "Summarise a scan's JSONL again, or (--csv) list the contact to use per purpose per server",
    )
    .argument("<file>", "a JSONL file written by scan")
    .option(
      "--csv",
      "one row per server: the security, abuse and general contact picked (for mail merges)",
    )
    .option("--json", "print the summary as JSON")
    .option(
      "--diff <old.jsonl>",
      "compare with an older scan (report --diff OLD.jsonl NEW.jsonl): changes per server, by risk",
    )
    .option(
      "--fail-on <risk>",
      "with --diff: exit 1 when a change of this risk exists (high, medium)",
    )
    .action(wrap((file: string, options: ReportOptions) => reportCommand(file, options)));
}

export async function reportCommand(file: string, options: ReportOptions): Promise<number> {
  const bad = (message: string): number => {
    writeErr(`matrix-support report: ${message}\n`);
    return EXIT_USAGE;
  };
  if (options.diff !== undefined || options.failOn !== undefined)
    return diffCommand(options.diff, file, options);
  if (options.csv && options.json) return bad("--csv and --json cannot be combined");
  try {
    const st = await stat(file);
    if (st.isDirectory()) return bad(`cannot read ${file}: it is a directory`);
  } catch (error) {
    return bad(`cannot read ${file}: ${describe(error)}`);
  }
  const warnBad = (line: number, reason: string) =>
    writeErr(`${file}:${line}: skipped: ${reason}\n`);

  if (options.csv) {
    const seen = new Set<string>();
    // Rows are written in batches of about 64 KiB, each waiting for the previous one (backpressure).
    let batch = csvLine(CSV_HEADER);
    try {
      for await (const r of readRecords(createReadStream(file))) {
        if (!r.ok) {
          warnBad(r.line, r.reason);
          continue;
        }
        const record: ScanRecord = r.record;
        if (seen.has(record.server_name)) continue;
        seen.add(record.server_name);
        batch += csvLine(csvRow(record));
        if (batch.length >= 65536) {
          await writeChunk(batch);
          batch = "";
        }
      }
      await writeChunk(batch);
    } catch (error) {
      if (error instanceof OutputError) return bad(`cannot write the CSV: ${error.message}`);
      return bad(`cannot read ${file}: ${describe(error)}`);
    }
    return EXIT_OK;
  }

  let result: Awaited<ReturnType<typeof summariseFile>>;
  try {
    result = await summariseFile(file);
  } catch (error) {
    return bad(`cannot read ${file}: ${describe(error)}`);
  }
  for (const b of result.bad) warnBad(b.line, b.reason);
  if (result.badCount > result.bad.length)
    writeErr(`${file}: ${result.badCount - result.bad.length} more bad line(s) skipped\n`);
  const data = result.summary.data();
  if (options.json) {
    printJson({ ...data, duplicates: result.duplicates, bad_lines: result.badCount });
    return EXIT_OK;
  }
  const c = colours();
  writeOut(`${c.bold(`${file}:`)} ${data.servers} server(s)\n`);
  writeOut(formatSummary(data, c));
  if (result.duplicates > 0)
    writeOut(`  ${result.duplicates} repeated server name(s) counted once\n`);
  return EXIT_OK;
}

class OutputError extends Error {}

/** Writes to stdout respecting backpressure, so a huge CSV is not buffered in memory. */
function writeChunk(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) =>
      error ? reject(new OutputError(error.message)) : resolve(),
    );
  });
}

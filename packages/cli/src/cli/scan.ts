/** `matrix-support scan`: check many servers, one JSONL line each, resumable. */
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
import type { CommandSpec } from "./command.js";
import { collect } from "./command-line.js";
import { stderrMessages } from "./messages.js";
import { colours, EXIT_OK, intOption, stdoutClosed, writeErr } from "./output.js";

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

export const spec: CommandSpec = {
  name: "scan",
  description:
    "Check many servers: one `check --json` object per line (JSONL), resumable after a crash",
  arguments: [
    {
      name: "[file]",
      description: "server names, one per line (# comments allowed), or - for standard input",
    },
  ],
  options: [
    {
      flags: "--out <file>",
      description: "where results go (JSONL), or - for standard output",
      required: true,
    },
    {
      flags: "--concurrency <n>",
      description: `requests in flight at most (default ${DEFAULT_CONCURRENCY})`,
      parse: intOption("--concurrency", 1, 10_000),
    },
    {
      flags: "--timeout <ms>",
      description: `per server, redirects and body included (default ${DEFAULT_TIMEOUT_MS})`,
      parse: intOption("--timeout", 1, 3_600_000),
    },
    {
      flags: "--resume",
      description: "skip servers already in --out; repair a torn last line first",
    },
    {
      flags: "--rate <n/s>",
      description: "start at most this many servers per second (also N/min, N/h)",
    },
    {
      flags: "--exclude <file>",
      description: "opt-out list: servers never contacted (*.domain for subdomains)",
    },
    {
      flags: "--cacert <file>",
      description: "trust the CA certificates in this PEM file (as curl)",
    },
    {
      flags: "--resolve <host:port:addr>",
      description: "use this address for host:port (as curl)",
      parse: collect,
      default: [],
    },
    {
      flags: "--connect-to <host1:port1:host2:port2>",
      description: "connect to host2:port2 instead of host1:port1 (as curl)",
      parse: collect,
      default: [],
    },
    { flags: "--no-progress", description: "no progress display on standard error" },
  ],
  action: (file: string | undefined, options: ScanOptions) => scanCommand(file ?? "-", options),
};

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

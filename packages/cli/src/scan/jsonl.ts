/**
 * The resumable JSONL output. Each result is one line, and lines reach the file only whole: a
 * batch of complete lines per `write(2)`, appended. A crash can therefore tear at most the last
 * line, which `openOutput({ resume: true })` cuts off before appending again.
 */
import { createReadStream } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import {
  type Diagnostic,
  type DiagnosticCode,
  diagnostic,
  type Params,
} from "../../../lib/src/core/index.js";
import { describeFsError } from "../files.js";
import { splitLines } from "./lines.js";

/** Where result lines go. `write` resolves when the sink can take more (backpressure). */
export interface LineSink {
  write(line: string): Promise<void>;
  /** Waits for every pending line, syncs to disk where that applies, and releases the target. */
  close(): Promise<void>;
}

export type OutputResult =
  | {
      ok: true;
      sink: LineSink;
      /** Server names already in the file (empty unless resuming). */
      done: Set<string>;
      /** Bytes cut off the end: a torn or unreadable last line. */
      repairedBytes: number;
    }
  | Refused;

/**
 * Why the output cannot be used: a catalogue diagnostic, and the file whose line (the
 * diagnostic's `line`) is at fault, when one is.
 */
export type Refused = { ok: false; diagnostic: Diagnostic; file?: string };

function refused(
  code: DiagnosticCode,
  params: Params,
  at?: { file: string; line: number },
): Refused {
  const d = diagnostic(code, undefined, params);
  if (!at) return { ok: false, diagnostic: d };
  d.line = at.line;
  return { ok: false, diagnostic: d, file: at.file };
}

/** A result line from a JSONL file, or why it is not one. */
export function parseRecordLine(text: string): { ok: true; serverName: string } | { ok: false } {
  try {
    const value: unknown = JSON.parse(text);
    if (
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      typeof (value as { server_name?: unknown }).server_name === "string" &&
      typeof (value as { status?: unknown }).status === "string"
    )
      return { ok: true, serverName: (value as { server_name: string }).server_name };
  } catch {
    // not JSON: handled below
  }
  return { ok: false };
}

/** Longest result line accepted when reading an output file back (documents are capped far lower). */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

export type ScanFileResult =
  | { ok: true; done: Set<string>; keepBytes: number; size: number }
  | Refused;

/**
 * Reads an existing output file: the names it holds, and how many bytes are good. Only the LAST
 * line may be torn (unterminated or unparsable); any other bad line means this is not a file
 * that scan wrote, and resuming into it is refused rather than guessed at.
 */
export async function readScanFile(file: string): Promise<ScanFileResult> {
  const done = new Set<string>();
  let keepBytes = 0;
  let size = 0;
  let bad: { line: number } | undefined;
  let lineNumber = 0;
  try {
    const stream = createReadStream(file);
    for await (const line of splitLines(stream, MAX_RECORD_BYTES)) {
      lineNumber++;
      size = line.end;
      if (bad) {
        return refused("SCAN_RESUME_FOREIGN", {}, { file, line: bad.line });
      }
      const text = line.bytes.toString("utf8").replace(/\r$/, "");
      if (text.trim() === "" && line.terminated) {
        keepBytes = line.end;
        continue;
      }
      const parsed =
        line.truncated || !line.terminated ? { ok: false as const } : parseRecordLine(text);
      if (parsed.ok) {
        done.add(parsed.serverName);
        keepBytes = line.end;
      } else {
        bad = { line: lineNumber };
      }
    }
  } catch (error) {
    return refused("SCAN_FILE_UNREADABLE", { file, reason: describeFsError(error) });
  }
  return { ok: true, done, keepBytes, size };
}

/**
 * Opens the output. Without `resume`, an existing non-empty file is refused (hours of results
 * are not overwritten by a forgotten flag). With `resume`, the names already there are returned
 * and a torn last line is cut off first. `-` is standard output (no resume).
 */
export async function openOutput(
  file: string,
  options: { resume: boolean },
): Promise<OutputResult> {
  if (file === "-") {
    if (options.resume) return refused("SCAN_RESUME_STDOUT", {});
    return { ok: true, sink: streamSink(process.stdout), done: new Set(), repairedBytes: 0 };
  }
  let exists = false;
  try {
    const st = await stat(file);
    if (st.isDirectory())
      return refused("SCAN_OUTPUT_UNWRITABLE", { file, reason: "it is a directory" });
    exists = st.size > 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      return refused("SCAN_OUTPUT_UNWRITABLE", { file, reason: describeFsError(error) });
  }
  if (exists && !options.resume) return refused("SCAN_OUTPUT_EXISTS", { file });
  let done = new Set<string>();
  let repairedBytes = 0;
  let handle: FileHandle;
  try {
    if (exists) {
      const read = await readScanFile(file);
      if (!read.ok) return read;
      done = read.done;
      handle = await open(file, "r+");
      if (read.keepBytes < read.size) {
        await handle.truncate(read.keepBytes);
        await handle.sync();
        repairedBytes = read.size - read.keepBytes;
      }
      await handle.close();
      handle = await open(file, "a");
    } else {
      handle = await open(file, "a");
    }
  } catch (error) {
    return refused("SCAN_OUTPUT_UNWRITABLE", { file, reason: describeFsError(error) });
  }
  return { ok: true, sink: fileSink(handle, file), done, repairedBytes };
}

/**
 * Group commit: lines that arrive while a write is in flight go out together in the next one.
 * One write per batch keeps syscalls low at thousands of results a second.
 */
/** Characters of result lines that may wait in memory for the disk before writers are held up. */
export const QUEUE_HIGH_WATER = 256 * 1024;

abstract class BatchingSink implements LineSink {
  private queue: string[] = [];
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private pumping: Promise<void> | undefined;
  private failed: Error | undefined;

  protected abstract writeBatch(data: Buffer): Promise<void>;
  protected abstract finish(): Promise<void>;

  /** Characters queued and not yet written. */
  private queued = 0;

  /**
   * Resolves at once while less than `QUEUE_HIGH_WATER` is waiting (a result need not wait for the
   * disk before the next server starts), else once the batch holding the line is written. Lines
   * lost in the queue by a crash are simply not in the file: --resume checks those servers again.
   */
  write(line: string): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    this.queue.push(line);
    this.queued += line.length;
    if (!this.pumping) this.pumping = this.pump();
    if (this.queued < QUEUE_HIGH_WATER) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
    });
  }

  private async pump(): Promise<void> {
    // Let the lines of this turn of the event loop join the first batch.
    await Promise.resolve();
    while (this.queue.length > 0) {
      const data = Buffer.from(this.queue.join(""));
      const waiters = this.waiters;
      this.queue = [];
      this.waiters = [];
      this.queued = 0;
      try {
        await this.writeBatch(data);
        for (const w of waiters) w.resolve();
      } catch (error) {
        this.failed = error instanceof Error ? error : new Error(String(error));
        for (const w of [...waiters, ...this.waiters]) w.reject(this.failed);
        this.queue = [];
        this.waiters = [];
        this.queued = 0;
      }
    }
    this.pumping = undefined;
  }

  async close(): Promise<void> {
    while (this.pumping) await this.pumping;
    await this.finish();
    if (this.failed) throw this.failed;
  }
}

class FileSink extends BatchingSink {
  constructor(
    private readonly handle: FileHandle,
    private readonly file: string,
  ) {
    super();
  }
  protected async writeBatch(data: Buffer): Promise<void> {
    let offset = 0;
    try {
      while (offset < data.length) {
        const { bytesWritten } = await this.handle.write(data, offset, data.length - offset);
        offset += bytesWritten;
      }
    } catch (error) {
      throw new Error(`cannot write ${this.file}: ${describeFsError(error)}`);
    }
  }
  protected async finish(): Promise<void> {
    await this.handle.sync().catch(() => {});
    await this.handle.close();
  }
}

class StreamSink extends BatchingSink {
  private error: Error | undefined;
  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    // Without a listener, EPIPE (e.g. `| head`) would crash the process instead of failing a write.
    stream.on("error", (error: Error) => {
      this.error = error;
    });
  }
  protected writeBatch(data: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.error) return reject(new Error(`cannot write output: ${this.error.message}`));
      // The callback fires once the stream has taken the data: natural backpressure.
      this.stream.write(data, (error) =>
        error ? reject(new Error(`cannot write output: ${error.message}`)) : resolve(),
      );
    });
  }
  protected async finish(): Promise<void> {}
}

export function fileSink(handle: FileHandle, file: string): LineSink {
  return new FileSink(handle, file);
}

export function streamSink(stream: NodeJS.WritableStream): LineSink {
  return new StreamSink(stream);
}

/** A sink that keeps lines in memory (tests). */
export function memorySink(): LineSink & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    async write(line) {
      lines.push(line);
    },
    async close() {},
  };
}

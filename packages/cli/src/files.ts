/** Node-only file helpers: reading inputs (with `-` for stdin) and writing files atomically. */
import { closeSync, createReadStream, openSync, readSync, statSync } from "node:fs";
import { mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { DOCUMENT_CODES } from "../../lib/src/core/catalogue/document.js";
import { INPUT_CODES } from "../../lib/src/core/catalogue/input.js";
import { type Diagnostic, diagnosticFrom } from "../../lib/src/core/diagnostics.js";
import { DEFAULT_MAX_SOURCE_BYTES } from "../../lib/src/core/json-source.js";
import { decodeUtf8 } from "../../lib/src/discover/body.js";
import { placedMessage } from "./diagnostic-text.js";

// Two areas of the catalogue, not all of it: `validate` loads this module at start.
const diagnostic = diagnosticFrom({ ...DOCUMENT_CODES, ...INPUT_CODES });

export class InputError extends Error {}

/**
 * A text file read whole: its text (strict UTF-8, a BOM at the start skipped), or why not:
 * `unreadable` (missing, a directory, permissions: a usage or I/O error, exit 2) or `invalid`
 * (over the size limit, or not UTF-8: a diagnostic, located when it can be, about the text).
 */
export type ReadInput =
  | { ok: true; text: string }
  | { ok: false; kind: "unreadable"; message: string }
  | { ok: false; kind: "invalid"; diagnostic: Diagnostic };

/**
 * Reads a file, or standard input for `-`, of at most `maxBytes` (default 1 MiB, the spec core's
 * limit for a support document or config). A file over the limit is refused by its size before
 * a byte is read; standard input (or a pipe) is read no further than just past the limit.
 */
export async function readInput(
  file: string,
  maxBytes = DEFAULT_MAX_SOURCE_BYTES,
  stdin: AsyncIterable<Uint8Array | string> = process.stdin,
): Promise<ReadInput> {
  const name = file === "-" ? "standard input" : file;
  let read: { bytes: Uint8Array } | { size: string };
  try {
    read = file === "-" ? await readCapped(stdin, maxBytes) : await readFileCapped(file, maxBytes);
  } catch (error) {
    return {
      ok: false,
      kind: "unreadable",
      message: `cannot read ${name}: ${describeFsError(error)}`,
    };
  }
  if ("size" in read)
    return {
      ok: false,
      kind: "invalid",
      diagnostic: diagnostic("DOCUMENT_TOO_LARGE", undefined, { size: read.size, limit: maxBytes }),
    };
  const decoded = decodeStrict(read.bytes);
  return decoded.ok
    ? { ok: true, text: decoded.text }
    : { ok: false, kind: "invalid", diagnostic: decoded.diagnostic };
}

/**
 * Reads a text file, or stdin for `-`, as `readInput` does, for inputs whose problems are usage
 * errors (an opt-out list, an --expect file): throws an InputError naming the file, and the line
 * and column of a bad byte.
 */
export async function readText(file: string, maxBytes = DEFAULT_MAX_SOURCE_BYTES): Promise<string> {
  const read = await readInput(file, maxBytes);
  if (read.ok) return read.text;
  if (read.kind === "unreadable") throw new InputError(read.message);
  throw new InputError(placedMessage(read.diagnostic, file === "-" ? "<stdin>" : file));
}

/**
 * A regular file over the limit is refused by its size; others (FIFOs, devices) are read up to it.
 * A regular file is read with synchronous calls: at most 1 MiB from a local disk, and a command
 * that reads only files then never starts libuv's thread pool (about 4 ms of `validate`'s cold
 * start). Anything else is read as a stream, whose opening may wait (a FIFO waits for its writer)
 * without stopping the process: `serve` reloads its config through here.
 */
async function readFileCapped(
  file: string,
  maxBytes: number,
): Promise<{ bytes: Uint8Array } | { size: string }> {
  const st = statSync(file);
  if (st.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
  if (!st.isFile()) return readCapped(createReadStream(file), maxBytes);
  if (st.size > maxBytes) return { size: String(st.size) };
  const fd = openSync(file, "r");
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(64 * 1024);
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      // A file that grew since the stat: read no further than just past the limit.
      if (size > maxBytes) return { size: `more than ${maxBytes}` };
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return { bytes: Buffer.concat(chunks, size) };
  } finally {
    closeSync(fd);
  }
}

/** Reads a stream no further than just past `maxBytes`. */
async function readCapped(
  source: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): Promise<{ bytes: Uint8Array } | { size: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk);
    size += b.length;
    // Leaving the loop stops the stream: an endless input is read no further.
    if (size > maxBytes) return { size: `more than ${maxBytes}` };
    chunks.push(b);
  }
  return { bytes: Buffer.concat(chunks, size) };
}

const BOM = [0xef, 0xbb, 0xbf];

/**
 * Strict UTF-8 of `bytes` (never a silent U+FFFD), a BOM at the start of a file skipped; or
 * INPUT_NOT_UTF8 naming the first invalid byte: its value, its byte offset (from 0) and its line
 * and column (1-based, the column in characters). `at` places `bytes` in a larger file (a line
 * of a list): the offset of its first byte and its line number.
 */
export function decodeStrict(
  bytes: Uint8Array,
  at: { offset?: number; line?: number } = {},
): { ok: true; text: string } | { ok: false; diagnostic: Diagnostic } {
  const base = at.offset ?? 0;
  const bom = base === 0 && BOM.every((b, i) => bytes[i] === b) ? 3 : 0;
  const body = bom > 0 ? bytes.subarray(bom) : bytes;
  const decoded = decodeUtf8(body);
  if (decoded.ok) return { ok: true, text: decoded.text };
  const bad = decoded.offset;
  let line = at.line ?? 1;
  let lineStart = 0;
  for (let i = 0; i < bad; i++)
    if (body[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  const before = decodeUtf8(body.subarray(lineStart, bad));
  const column = (before.ok ? before.text.length : bad - lineStart) + 1;
  const d = diagnostic("INPUT_NOT_UTF8", undefined, {
    byte: (body[bad] ?? 0).toString(16).toUpperCase().padStart(2, "0"),
    offset: base + bom + bad,
    line,
    column,
  });
  d.line = line;
  d.column = column;
  return { ok: false, diagnostic: d };
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory";
    case "ENOTDIR":
      return "a parent is not a directory";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** An fs-style error naming `path`, for a failure found without a system call failing. */
function fsError(code: string, path: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code, path });
}

/**
 * Creates `dir` and its missing parents, each level with one plain `mkdir`. Not Node's
 * `mkdir(dir, { recursive: true })`: that one retries for ever (at 100% CPU) when the kernel
 * answers ENOENT for a directory whose parent exists, as under /proc. Here every level is tried
 * once, and the error thrown carries the directory that could not be made (`error.path`).
 */
export async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(current)).isDirectory();
    } catch (error) {
      const parent = dirname(current);
      if (errorCode(error) !== "ENOENT" || parent === current) throw error;
      missing.push(current);
      current = parent;
      continue;
    }
    if (!isDirectory) {
      const child = missing.at(-1);
      throw child === undefined
        ? fsError("EFILEINWAY", current, "it is a file, not a directory")
        : fsError("ENOTDIR", child, "a parent is not a directory");
    }
    break;
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level);
    } catch (error) {
      // Made meanwhile by someone else: fine when it is a directory.
      if (errorCode(error) === "EEXIST" && (await stat(level)).isDirectory()) continue;
      throw error;
    }
  }
}

/**
 * Writes a file atomically: a temporary file in the same directory, fsync, then rename over the
 * target. A crash leaves either the old file or the new one, never half of one.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  mode = 0o644,
): Promise<void> {
  // Web Crypto's global, not node:crypto: loading that module costs every command's start.
  const random = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  const tmp = join(dirname(file), `.${basename(file)}.${random}.tmp`);
  const handle = await open(tmp, "wx", mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await handle.close();
  try {
    await rename(tmp, file);
  } catch (error) {
    await unlink(tmp).catch(() => {});
    throw error;
  }
}

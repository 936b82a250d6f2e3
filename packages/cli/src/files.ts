/** Node-only file helpers: reading inputs (with `-` for stdin) and writing files atomically. */
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

export class InputError extends Error {}

/** Reads a text file, or stdin for `-`. Bytes must be UTF-8; a BOM is left for the parser to skip. */
export async function readText(file: string, maxBytes = 16 * 1024 * 1024): Promise<string> {
  let data: Buffer;
  try {
    data = file === "-" ? await readStdin(maxBytes) : await readFile(file);
  } catch (error) {
    throw new InputError(
      `cannot read ${file === "-" ? "standard input" : file}: ${describeFsError(error)}`,
    );
  }
  if (data.length > maxBytes) throw new InputError(`${file} is larger than ${maxBytes} bytes`);
  return new TextDecoder("utf-8", { fatal: false }).decode(data);
}

async function readStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > maxBytes) throw new Error(`more than ${maxBytes} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
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
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
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

/** Node-only file helpers: reading inputs (with `-` for stdin) and writing files atomically. */
import { randomBytes } from "node:crypto";
import { open, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

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

/** Node-only: puts an export on disk (atomically, file by file) and checks a directory against it. */
import { mkdir, readFile, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describeFsError, writeFileAtomic } from "../files.js";
import type { ExportResult } from "./index.js";

export type WriteOutcome =
  | { ok: true; written: string[]; unchanged: string[]; removed: string[] }
  | { ok: false; error: string };

export interface CheckOutcome {
  /** True when every file is exactly as the config would produce it. */
  upToDate: boolean;
  missing: string[];
  differs: string[];
  /** Well-known files present although the config no longer publishes them. */
  stale: string[];
  /** Set when the directory could not be read (other than a missing file). */
  error?: string;
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

const osPath = (dir: string, rel: string) => join(dir, ...rel.split("/"));

/**
 * Writes every file of `result` under `dir`, leaving identical files untouched (their mtime and
 * so the web server's ETag stay), and removes well-known files the config no longer publishes:
 * a stale support file would still be served with 200.
 */
export async function writeExport(dir: string, result: ExportResult): Promise<WriteOutcome> {
  const written: string[] = [];
  const unchanged: string[] = [];
  const removed: string[] = [];
  let current = dir;
  try {
    for (const f of result.files) {
      current = osPath(dir, f.path);
      const data = Buffer.from(f.contents, "utf8");
      const old = await readIfExists(current);
      if (old?.equals(data)) {
        unchanged.push(f.path);
        continue;
      }
      await mkdir(dirname(current), { recursive: true });
      await writeFileAtomic(current, data);
      written.push(f.path);
    }
    for (const rel of result.absent) {
      current = osPath(dir, rel);
      try {
        await unlink(current);
        removed.push(rel);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  } catch (error) {
    return { ok: false, error: `cannot write ${current}: ${describeFsError(error)}` };
  }
  return { ok: true, written, unchanged, removed };
}

/** Compares `dir` with what `result` would write, byte for byte. Writes nothing. */
export async function checkExport(dir: string, result: ExportResult): Promise<CheckOutcome> {
  const out: CheckOutcome = { upToDate: true, missing: [], differs: [], stale: [] };
  let current = dir;
  try {
    for (const f of result.files) {
      current = osPath(dir, f.path);
      const old = await readIfExists(current);
      if (old === undefined) out.missing.push(f.path);
      else if (!old.equals(Buffer.from(f.contents, "utf8"))) out.differs.push(f.path);
    }
    for (const rel of result.absent) {
      current = osPath(dir, rel);
      if ((await readIfExists(current)) !== undefined) out.stale.push(rel);
    }
  } catch (error) {
    out.error = `cannot read ${current}: ${describeFsError(error)}`;
  }
  out.upToDate =
    out.error === undefined &&
    out.missing.length === 0 &&
    out.differs.length === 0 &&
    out.stale.length === 0;
  return out;
}

/**
 * Node-only: puts an export on disk (atomically, file by file) and checks a directory against it.
 *
 * export owns only what it wrote: `DIR/.matrix-support-export.json` lists each file it wrote with
 * the SHA-256 of the bytes it wrote. A file is replaced or removed only while it is listed there
 * and its bytes are still exactly those; anything else (a hand-written delegation file, a snippet
 * edited by hand) is never removed, and is overwritten only with `force`.
 */
import { createHash } from "node:crypto";
import { readFile, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type Diagnostic, diagnostic } from "../../../lib/src/core/index.js";
import { describeFsError, makeDirectory, writeFileAtomic } from "../files.js";
import type { ExportResult } from "./index.js";

/** The manifest's name in the output directory. */
export const EXPORT_MANIFEST = ".matrix-support-export.json";

export interface WriteOptions {
  /** Overwrite files export did not write (or that were changed since). Never removes them. */
  force?: boolean;
}

export type WriteOutcome =
  | {
      ok: true;
      written: string[];
      unchanged: string[];
      removed: string[];
      /** Well-known files the config does not publish, left alone because export did not write them. */
      kept: string[];
      /** Notes (EXPORT_KEPT). */
      diagnostics: Diagnostic[];
    }
  | {
      ok: false;
      /** The first problem, in one line. */
      error: string;
      /** Every problem; nothing was written when one is EXPORT_WOULD_OVERWRITE or EXPORT_MANIFEST_UNREADABLE. */
      diagnostics: Diagnostic[];
    };

export interface CheckOutcome {
  /** True when every file is exactly as the config would produce it. */
  upToDate: boolean;
  missing: string[];
  differs: string[];
  /** Well-known files export wrote that the config no longer publishes (export would remove them). */
  stale: string[];
  /** Well-known files the config does not publish that export did not write: left alone. */
  kept: string[];
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
const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** Relative path -> SHA-256 (hex) of the bytes export wrote there. */
type Owned = Map<string, string>;

type ManifestRead =
  | { ok: true; owned: Owned; bytes: Buffer | undefined }
  | { ok: false; reason: string };

function parseManifest(bytes: Buffer): ManifestRead {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    return { ok: false, reason: "it is not JSON" };
  }
  const files = (value as { files?: unknown } | null)?.files;
  if (typeof files !== "object" || files === null || Array.isArray(files))
    return { ok: false, reason: 'it has no "files" object' };
  const owned: Owned = new Map();
  for (const [rel, hash] of Object.entries(files)) {
    // Only plain relative paths below the directory: a listed "../x" is never touched.
    const safe =
      rel !== "" &&
      !rel.startsWith("/") &&
      !rel.split("/").some((p) => p === ".." || p === "." || p === "");
    if (!safe || typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash))
      return {
        ok: false,
        reason: `the entry "${JSON.stringify(rel).slice(1, -1)}" is not a path and a SHA-256`,
      };
    owned.set(rel, hash);
  }
  return { ok: true, owned, bytes };
}

async function readManifest(dir: string): Promise<ManifestRead> {
  const bytes = await readIfExists(osPath(dir, EXPORT_MANIFEST));
  if (bytes === undefined) return { ok: true, owned: new Map(), bytes };
  return parseManifest(bytes);
}

function renderManifest(owned: Owned): string {
  const files: Record<string, string> = {};
  for (const rel of [...owned.keys()].sort()) files[rel] = owned.get(rel) as string;
  return `${JSON.stringify(
    {
      about:
        "Written by matrix-support export: the files it wrote here and the SHA-256 of their bytes. export replaces or removes a listed file only while its bytes are unchanged, and never touches any other file.",
      version: 1,
      files,
    },
    null,
    2,
  )}\n`;
}

/** True when `current` holds exactly the bytes export last wrote at `rel`. */
const isOwn = (owned: Owned, rel: string, current: Buffer) => owned.get(rel) === sha256(current);

function writeFailed(file: string, error: unknown): { error: string; diagnostics: Diagnostic[] } {
  const e = error as NodeJS.ErrnoException;
  // ENOENT from mkdir whose parent exists: the file system takes no new directory there (/proc).
  const why =
    e?.syscall === "mkdir" && e.code === "ENOENT"
      ? "the file system does not allow it"
      : describeFsError(error);
  const reason =
    typeof e?.path === "string" && e.path !== file && e.syscall !== "open" && e.syscall !== "rename"
      ? `cannot create the directory ${e.path} (${why})`
      : why;
  const d = diagnostic("EXPORT_WRITE_FAILED", undefined, { file, reason });
  return { error: d.message, diagnostics: [d] };
}

/**
 * Writes every file of `result` under `dir`, leaving identical files untouched (their mtime and
 * so the web server's ETag stay), and removes well-known files the config no longer publishes
 * when export wrote them (a stale support file would still be served with 200). Plans first:
 * when any file would be overwritten without being export's own, nothing at all is written.
 */
export async function writeExport(
  dir: string,
  result: ExportResult,
  options: WriteOptions = {},
): Promise<WriteOutcome> {
  const force = options.force === true;
  const manifestPath = osPath(dir, EXPORT_MANIFEST);
  const toWrite: { rel: string; data: Buffer }[] = [];
  const toRemove: string[] = [];
  const unchanged: string[] = [];
  const kept: string[] = [];
  const refused: Diagnostic[] = [];
  let owned: Owned;
  let oldManifest: Buffer | undefined;
  let current = dir;
  try {
    // --out itself first, so that a file in the way is named as such.
    try {
      if (!(await stat(dir)).isDirectory()) {
        const d = diagnostic("EXPORT_WRITE_FAILED", undefined, {
          file: dir,
          reason: "it is a file, not a directory",
        });
        return { ok: false, error: d.message, diagnostics: [d] };
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    current = manifestPath;
    const manifest = await readManifest(dir);
    if (manifest.ok) {
      owned = manifest.owned;
      oldManifest = manifest.bytes;
    } else {
      owned = new Map();
      if (!force)
        refused.push(
          diagnostic("EXPORT_MANIFEST_UNREADABLE", undefined, {
            file: manifestPath,
            reason: manifest.reason,
          }),
        );
    }
    for (const f of result.files) {
      current = osPath(dir, f.path);
      const data = Buffer.from(f.contents, "utf8");
      const old = await readIfExists(current);
      if (old === undefined) toWrite.push({ rel: f.path, data });
      else if (old.equals(data)) unchanged.push(f.path);
      else if (isOwn(owned, f.path, old) || force) toWrite.push({ rel: f.path, data });
      else refused.push(diagnostic("EXPORT_WOULD_OVERWRITE", undefined, { file: current }));
    }
    for (const rel of result.absent) {
      current = osPath(dir, rel);
      const old = await readIfExists(current);
      if (old === undefined) continue;
      if (isOwn(owned, rel, old)) toRemove.push(rel);
      else kept.push(rel);
    }
  } catch (error) {
    return { ok: false, ...writeFailed(current, error) };
  }
  if (refused.length > 0)
    return { ok: false, error: refused[0]?.message ?? "", diagnostics: refused };

  // What export owns afterwards: what it writes now, what it left identical and already owned,
  // and earlier entries whose files still hold the bytes it wrote.
  const next: Owned = new Map();
  const written: string[] = [];
  const removed: string[] = [];
  try {
    for (const { rel, data } of toWrite) {
      current = osPath(dir, rel);
      await makeDirectory(dirname(current));
      await writeFileAtomic(current, data);
      written.push(rel);
      next.set(rel, sha256(data));
    }
    for (const rel of toRemove) {
      current = osPath(dir, rel);
      try {
        await unlink(current);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
      removed.push(rel);
    }
    for (const [rel, hash] of owned) {
      if (next.has(rel) || removed.includes(rel)) continue;
      current = osPath(dir, rel);
      const now = await readIfExists(current);
      if (now !== undefined && sha256(now) === hash) next.set(rel, hash);
    }
    current = manifestPath;
    const manifest = Buffer.from(renderManifest(next), "utf8");
    if (!(oldManifest?.equals(manifest) ?? next.size === 0)) {
      await makeDirectory(dir);
      await writeFileAtomic(manifestPath, manifest);
    }
  } catch (error) {
    return { ok: false, ...writeFailed(current, error) };
  }
  const diagnostics = kept.map((rel) =>
    diagnostic("EXPORT_KEPT", undefined, { file: osPath(dir, rel) }),
  );
  return { ok: true, written, unchanged, removed, kept, diagnostics };
}

/** Compares `dir` with what `result` would write, byte for byte. Writes nothing. */
export async function checkExport(dir: string, result: ExportResult): Promise<CheckOutcome> {
  const out: CheckOutcome = { upToDate: true, missing: [], differs: [], stale: [], kept: [] };
  let current = osPath(dir, EXPORT_MANIFEST);
  try {
    const manifest = await readManifest(dir);
    const owned = manifest.ok ? manifest.owned : new Map<string, string>();
    for (const f of result.files) {
      current = osPath(dir, f.path);
      const old = await readIfExists(current);
      if (old === undefined) out.missing.push(f.path);
      else if (!old.equals(Buffer.from(f.contents, "utf8"))) out.differs.push(f.path);
    }
    for (const rel of result.absent) {
      current = osPath(dir, rel);
      const old = await readIfExists(current);
      if (old === undefined) continue;
      if (isOwn(owned, rel, old)) out.stale.push(rel);
      else out.kept.push(rel);
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

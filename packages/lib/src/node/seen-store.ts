/**
 * `FileSeenStore`: the documents `watchSupport` has seen, in one JSON file, for Node clients, bots
 * and scripts. Written atomically (a temporary file in the same directory, then a rename), so a
 * crash leaves the old file or the new one, never half of one. Node-only (node:fs).
 *
 *   { "version": 1,
 *     "servers": { "example.org": { "seen_at": "2025-01-31T12:00:00.000Z", "document": { ... } } } }
 */
import { randomBytes } from "node:crypto";
import { open, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { SeenEntry, SeenStore } from "../discover/watch.js";
import { seenKey } from "../discover/watch.js";

/** What `FileSeenStore.open` answers: the store, or why the file was not taken (it is then left as it is). */
export type OpenSeenStoreResult =
  | { ok: true; store: FileSeenStore }
  | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function describe(error: unknown): string {
  const code = isObject(error) ? error.code : undefined;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  if (code === "ENOTDIR") return "a parent is not a directory";
  return error instanceof Error ? error.message : String(error);
}

/**
 * Seen documents in one JSON file, `{"version": 1, "servers": {NAME: {"seen_at", "document"}}}`,
 * written atomically (a temporary file, then rename). Open it with `FileSeenStore.open(file)`.
 */
export class FileSeenStore implements SeenStore {
  private writing: Promise<boolean> = Promise.resolve(true);

  private constructor(
    readonly file: string,
    private readonly entries: Map<string, SeenEntry>,
  ) {}

  /**
   * Reads the file (a missing file is an empty store). A file that is not one of ours is refused
   * rather than overwritten: it may be something else the user keeps there.
   */
  static async open(file: string): Promise<OpenSeenStoreResult> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if (isObject(error) && error.code === "ENOENT")
        return { ok: true, store: new FileSeenStore(file, new Map()) };
      return { ok: false, message: `cannot read ${file}: ${describe(error)}` };
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, message: `${file} is not JSON (${detail}); not touching it` };
    }
    if (!isObject(value) || value.version !== 1 || !isObject(value.servers))
      return {
        ok: false,
        message: `${file} is not a matrix-support seen-documents file (no "version": 1 and "servers"); not touching it`,
      };
    const entries = new Map<string, SeenEntry>();
    for (const [name, raw] of Object.entries(value.servers)) {
      if (!isObject(raw) || !isObject(raw.document) || typeof raw.seen_at !== "string") continue;
      const seenAt = Date.parse(raw.seen_at);
      if (Number.isNaN(seenAt)) continue;
      entries.set(seenKey(name), { document: raw.document, seenAt });
    }
    return { ok: true, store: new FileSeenStore(file, entries) };
  }

  /** The entry remembered for a server name, or undefined when none. */
  get(serverName: string): SeenEntry | undefined {
    return this.entries.get(seenKey(serverName));
  }

  /** Keeps the entry and writes the whole file; resolves false when the file could not be written. */
  set(serverName: string, entry: SeenEntry): Promise<boolean> {
    this.entries.set(seenKey(serverName), entry);
    // One write at a time, in order; each writes every entry known by then.
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  /** Server names in the store. */
  get size(): number {
    return this.entries.size;
  }

  private async write(): Promise<boolean> {
    const servers: Record<string, unknown> = {};
    for (const [name, e] of [...this.entries].sort(([a], [b]) => (a < b ? -1 : 1)))
      servers[name] = { seen_at: new Date(e.seenAt).toISOString(), document: e.document };
    const text = `${JSON.stringify({ version: 1, servers }, null, 2)}\n`;
    const tmp = join(
      dirname(this.file),
      `.${basename(this.file)}.${randomBytes(6).toString("hex")}.tmp`,
    );
    try {
      const handle = await open(tmp, "wx", 0o644);
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.file);
      return true;
    } catch {
      await unlink(tmp).catch(() => {});
      return false;
    }
  }
}

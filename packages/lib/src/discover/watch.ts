/**
 * Discovery that keeps what it saw: trust on first use for support files. `watchSupport` discovers
 * a server's file, compares it with the document seen last time (`compareSupport`) and says what
 * changed, so a client can warn "the contacts of example.org changed since you last looked; the
 * security contact moved to another domain" instead of sending a sensitive report blindly.
 *
 * What was seen lives in a `SeenStore`: in memory, in the browser's localStorage
 * (`LocalStorageSeenStore`), in a JSON file on Node (`FileSeenStore`, `@matrix-support/lib/node`),
 * or anywhere else with the same two methods. Changes at the `hold` risk or above (default high)
 * are NOT remembered: the warning repeats until the app calls `rememberSupport` (the user
 * confirmed), as SSH does with a changed host key. Lower-risk changes are reported once and
 * remembered. No I/O of its own beyond discovery: runs everywhere.
 */
import {
  type CompareOptions,
  compareSupport,
  type Risk,
  riskAtLeast,
  type SupportComparison,
} from "../core/compare.js";
import type { SupportDocument } from "../core/types.js";
import { discoverSupport } from "./discover.js";
import type { DiscoverOptions, DiscoveryResult } from "./types.js";

/** A document as it was last accepted. */
export interface SeenEntry {
  document: SupportDocument;
  /** When it was remembered (ms since the epoch). */
  seenAt: number;
}

/** Where seen documents are kept, by server name (lower case). */
export interface SeenStore {
  /** The entry remembered for a server name (lower case), or undefined when none. */
  get(serverName: string): SeenEntry | undefined | Promise<SeenEntry | undefined>;
  /** Resolves true when the entry was stored (false: the storage refused it, e.g. over quota). */
  set(serverName: string, entry: SeenEntry): boolean | Promise<boolean>;
}

/**
 * `first`: nothing seen before (trust on first use; remembered); `unchanged`: the same contacts
 * (low-risk differences are remembered silently); `changed`: changes below `hold`, reported and
 * remembered; `held`: changes at `hold` or above, reported and NOT remembered until
 * `rememberSupport`; `unavailable`: no document now (not found, invalid, unreachable), so nothing
 * is compared and the last seen document is kept.
 */
export type SeenState = "first" | "unchanged" | "changed" | "held" | "unavailable";

export interface WatchOptions extends DiscoverOptions {
  /** Where the last seen documents live (read, then updated as `hold` says). */
  store?: SeenStore | undefined;
  /** The document seen last time, when the app keeps it itself (overrides the store's). */
  previous?: SeenEntry | null | undefined;
  /** Changes at this risk or higher are not remembered (default "high"; "never" remembers all). */
  hold?: Risk | "never" | undefined;
  /** Options for `compareSupport` (e.g. `{ low: true }`). */
  compare?: CompareOptions | undefined;
  /** The clock (ms since the epoch). */
  now?: (() => number) | undefined;
  /** Replaces `discoverSupport` (tests, a cache in front). */
  discover?:
    | ((serverName: string, options: DiscoverOptions) => Promise<DiscoveryResult>)
    | undefined;
}

/** A discovery result plus what changed since the document seen last time. */
export type WatchResult = DiscoveryResult & {
  seen: SeenState;
  /** The differences from `previous`; null when there was nothing to compare. */
  changes: SupportComparison | null;
  /** The document seen last time, if any. */
  previous: SeenEntry | null;
  /** True when the store now holds this document. */
  remembered: boolean;
};

/** The store key of a server name: trimmed, lower case. */
export const seenKey = (serverName: string): string => serverName.trim().toLowerCase();

/** Stores `document` as the one seen for `serverName` (after the user confirmed a held change). */
export async function rememberSupport(
  store: SeenStore,
  serverName: string,
  document: SupportDocument,
  now: number = Date.now(),
): Promise<boolean> {
  return await store.set(seenKey(serverName), { document, seenAt: now });
}

/** Discovers `serverName`'s support file and compares it with the one seen last time. Never throws for a server's fault. */
export async function watchSupport(
  serverName: string,
  options: WatchOptions = {},
): Promise<WatchResult> {
  const {
    store,
    previous: given,
    hold = "high",
    compare,
    now = Date.now,
    discover,
    ...rest
  } = options;
  const key = seenKey(serverName);
  const previous = given !== undefined ? given : ((await store?.get(key)) ?? null);
  const result = await (discover ?? discoverSupport)(serverName, rest);
  if (result.status !== "found")
    return { ...result, seen: "unavailable", changes: null, previous, remembered: false };
  const remember = async (): Promise<boolean> =>
    store ? await store.set(key, { document: result.document, seenAt: now() }) : false;
  if (previous === null)
    return { ...result, seen: "first", changes: null, previous, remembered: await remember() };
  const changes = compareSupport(previous.document, result.document, compare);
  if (changes.risk === null) {
    // Low-risk differences only (order, letter case): the new form is remembered silently.
    const remembered = sameJson(previous.document, result.document) ? false : await remember();
    return { ...result, seen: "unchanged", changes, previous, remembered };
  }
  if (hold !== "never" && riskAtLeast(changes.risk, hold))
    return { ...result, seen: "held", changes, previous, remembered: false };
  return { ...result, seen: "changed", changes, previous, remembered: await remember() };
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** In memory (a page's lifetime, tests). */
export class MemorySeenStore implements SeenStore {
  private readonly map = new Map<string, SeenEntry>();
  get(serverName: string): SeenEntry | undefined {
    return this.map.get(seenKey(serverName));
  }
  set(serverName: string, entry: SeenEntry): boolean {
    this.map.set(seenKey(serverName), entry);
    return true;
  }
}

/** The part of the Web Storage API the browser store uses (`localStorage`, `sessionStorage`). */
export interface StorageLike {
  /** The item's value, or null when there is none. */
  getItem(key: string): string | null;
  /** Stores the item; may throw (quota, storage disabled). */
  setItem(key: string, value: string): void;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A stored entry read back, or undefined when it is missing or not one (then it counts as never seen). */
export function parseSeenEntry(text: string | null | undefined): SeenEntry | undefined {
  if (typeof text !== "string") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || !isObject(value.document) || typeof value.seenAt !== "number")
    return undefined;
  return { document: value.document, seenAt: value.seenAt };
}

/**
 * In the browser's localStorage (or any `StorageLike`): one item per server, under
 * `matrix-support:seen:` + the server name, holding `{"document": ..., "seenAt": ms}`. Survives
 * reloads; per origin, as localStorage is. A full storage (quota) makes `set` answer false.
 */
export class LocalStorageSeenStore implements SeenStore {
  constructor(
    private readonly storage: StorageLike = globalThis.localStorage,
    private readonly prefix = "matrix-support:seen:",
  ) {}
  get(serverName: string): SeenEntry | undefined {
    try {
      return parseSeenEntry(this.storage.getItem(this.prefix + seenKey(serverName)));
    } catch {
      // Storage disabled (private mode, blocked cookies): nothing was seen.
      return undefined;
    }
  }
  set(serverName: string, entry: SeenEntry): boolean {
    try {
      this.storage.setItem(this.prefix + seenKey(serverName), JSON.stringify(entry));
      return true;
    } catch {
      return false;
    }
  }
}

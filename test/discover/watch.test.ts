// watchSupport (trust on first use) and its stores: memory, localStorage, a JSON file.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupportDocument } from "../../packages/lib/src/core/index.js";
import {
  type DiscoveryResult,
  LocalStorageSeenStore,
  MemorySeenStore,
  rememberSupport,
  type StorageLike,
  watchSupport,
} from "../../packages/lib/src/discover/index.js";
import { parseSeenEntry } from "../../packages/lib/src/discover/watch.js";
import { FileSeenStore } from "../../packages/lib/src/node/index.js";

const ORIGINAL: SupportDocument = {
  contacts: [
    { role: "m.role.admin", email_address: "admin@example.org" },
    { role: "m.role.security", email_address: "security@example.org" },
  ],
};
const MOVED: SupportDocument = {
  contacts: [
    { role: "m.role.admin", email_address: "admin@example.org" },
    { role: "m.role.security", email_address: "security@evil.example" },
  ],
};
const ADDED: SupportDocument = {
  contacts: [
    ...(ORIGINAL.contacts ?? []),
    { role: "m.role.moderator", email_address: "mod@example.org" },
  ],
};
const REORDERED: SupportDocument = { contacts: [...(ORIGINAL.contacts ?? [])].reverse() };

function found(document: SupportDocument, serverName = "example.org"): DiscoveryResult {
  return {
    status: "found",
    serverName,
    url: `https://${serverName}/.well-known/matrix/support`,
    document,
    value: document,
    diagnostics: [],
    http: { status: 200, redirects: [], elapsed_ms: 1 },
  };
}
const unreachable: DiscoveryResult = {
  status: "unreachable",
  serverName: "example.org",
  url: "https://example.org/.well-known/matrix/support",
  document: null,
  diagnostics: [],
  http: { redirects: [], elapsed_ms: 1 },
  failure: { phase: "connect", code: "CONNECT_FAILED", message: "refused" },
};

/** A discover function serving whatever `serving.now` holds. */
function server(initial: DiscoveryResult | SupportDocument) {
  const serving = { now: initial };
  const discover = async (name: string) =>
    "status" in serving.now && typeof serving.now.status === "string"
      ? (serving.now as DiscoveryResult)
      : found(serving.now as SupportDocument, name);
  return { serving, discover };
}

let clock = 1_000;
const now = () => clock;

describe("watchSupport", () => {
  it("first use: remembered; the same again: unchanged", async () => {
    const store = new MemorySeenStore();
    const { discover } = server(ORIGINAL);
    const first = await watchSupport("example.org", { store, discover, now });
    expect(first).toMatchObject({
      status: "found",
      seen: "first",
      changes: null,
      previous: null,
      remembered: true,
    });
    expect(store.get("EXAMPLE.org")?.document).toEqual(ORIGINAL);
    clock += 10;
    const again = await watchSupport("example.org", { store, discover, now });
    expect(again.seen).toBe("unchanged");
    expect(again.changes).toEqual({ risk: null, changes: [] });
    expect(again.previous?.seenAt).toBe(1_000);
    expect(again.remembered).toBe(false);
  });

  it("a high-risk change is held: reported on every look until remembered", async () => {
    const store = new MemorySeenStore();
    const { serving, discover } = server(ORIGINAL);
    await watchSupport("example.org", { store, discover, now });
    serving.now = MOVED;
    for (let i = 0; i < 2; i++) {
      const r = await watchSupport("example.org", { store, discover, now });
      expect(r.seen).toBe("held");
      expect(r.remembered).toBe(false);
      expect(r.changes?.risk).toBe("high");
      expect(r.changes?.changes[0]?.code).toBe("CHANGE_SECURITY_CONTACT_MOVED");
      expect(store.get("example.org")?.document).toEqual(ORIGINAL);
    }
    // The user confirmed through another channel.
    expect(await rememberSupport(store, "example.org", MOVED, 5_000)).toBe(true);
    const after = await watchSupport("example.org", { store, discover, now });
    expect(after.seen).toBe("unchanged");
  });

  it("a medium change is reported once and remembered; hold: medium holds it", async () => {
    const store = new MemorySeenStore();
    const { serving, discover } = server(ORIGINAL);
    await watchSupport("example.org", { store, discover, now });
    serving.now = ADDED;
    const r = await watchSupport("example.org", { store, discover, now });
    expect(r).toMatchObject({ seen: "changed", remembered: true });
    expect(r.changes?.changes.map((c) => c.code)).toEqual([
      "CHANGE_ROLE_GAINED",
      "CHANGE_CONTACT_ADDED",
    ]);
    expect((await watchSupport("example.org", { store, discover, now })).seen).toBe("unchanged");

    const strict = new MemorySeenStore();
    serving.now = ORIGINAL;
    await watchSupport("example.org", { store: strict, discover, now });
    serving.now = ADDED;
    const held = await watchSupport("example.org", {
      store: strict,
      discover,
      now,
      hold: "medium",
    });
    expect(held.seen).toBe("held");
  });

  it('hold: "never" remembers even a high-risk change', async () => {
    const store = new MemorySeenStore();
    const { serving, discover } = server(ORIGINAL);
    await watchSupport("example.org", { store, discover, now });
    serving.now = MOVED;
    const r = await watchSupport("example.org", { store, discover, now, hold: "never" });
    expect(r).toMatchObject({ seen: "changed", remembered: true });
    expect(store.get("example.org")?.document).toEqual(MOVED);
  });

  it("low-risk differences are unchanged and remembered silently", async () => {
    const store = new MemorySeenStore();
    const { serving, discover } = server(ORIGINAL);
    await watchSupport("example.org", { store, discover, now });
    serving.now = REORDERED;
    const r = await watchSupport("example.org", { store, discover, now });
    expect(r).toMatchObject({
      seen: "unchanged",
      remembered: true,
      changes: { risk: null, changes: [] },
    });
    const low = await watchSupport("example.org", {
      previous: { document: ORIGINAL, seenAt: 0 },
      discover,
      compare: { low: true },
    });
    expect(low.changes?.changes.map((c) => c.code)).toEqual(["CHANGE_CONTACT_ORDER"]);
  });

  it("no document now: unavailable, nothing compared, the last seen document kept", async () => {
    const store = new MemorySeenStore();
    const { serving, discover } = server(ORIGINAL);
    await watchSupport("example.org", { store, discover, now });
    serving.now = unreachable;
    const r = await watchSupport("example.org", { store, discover, now });
    expect(r).toMatchObject({
      status: "unreachable",
      seen: "unavailable",
      changes: null,
      remembered: false,
    });
    expect(r.previous?.document).toEqual(ORIGINAL);
    expect(store.get("example.org")?.document).toEqual(ORIGINAL);
  });

  it("takes the previous document from the caller instead of a store", async () => {
    const { discover } = server(MOVED);
    const r = await watchSupport("example.org", {
      previous: { document: ORIGINAL, seenAt: 1 },
      discover,
    });
    expect(r.seen).toBe("held");
    expect(r.remembered).toBe(false);
  });

  it("passes the discovery options through (and only those)", async () => {
    let seen: unknown;
    await watchSupport("example.org", {
      timeout: 1234,
      hold: "medium",
      discover: async (name, options) => {
        seen = options;
        return found(ORIGINAL, name);
      },
    });
    expect(seen).toEqual({ timeout: 1234 });
  });
});

describe("LocalStorageSeenStore", () => {
  const fakeStorage = (): StorageLike & { items: Map<string, string> } => {
    const items = new Map<string, string>();
    return {
      items,
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => {
        items.set(k, v);
      },
    };
  };

  it("keeps one item per server under a prefix, and reads it back", async () => {
    const storage = fakeStorage();
    const store = new LocalStorageSeenStore(storage);
    const { discover } = server(ORIGINAL);
    await watchSupport("Example.org", { store, discover, now });
    expect([...storage.items.keys()]).toEqual(["matrix-support:seen:example.org"]);
    const again = new LocalStorageSeenStore(storage);
    expect(again.get("example.org")).toEqual({ document: ORIGINAL, seenAt: clock });
  });

  it("a corrupt item counts as never seen; a full or disabled storage does not throw", () => {
    const storage = fakeStorage();
    storage.items.set("matrix-support:seen:example.org", "{not json");
    storage.items.set("matrix-support:seen:b.example", '{"document": [], "seenAt": 1}');
    const store = new LocalStorageSeenStore(storage);
    expect(store.get("example.org")).toBeUndefined();
    expect(store.get("b.example")).toBeUndefined();
    const full = new LocalStorageSeenStore({
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    });
    expect(full.get("example.org")).toBeUndefined();
    expect(full.set("example.org", { document: ORIGINAL, seenAt: 1 })).toBe(false);
  });

  it("parseSeenEntry accepts only its own shape", () => {
    expect(parseSeenEntry(null)).toBeUndefined();
    expect(parseSeenEntry('{"document": {}, "seenAt": "x"}')).toBeUndefined();
    expect(parseSeenEntry('{"document": {"contacts": []}, "seenAt": 5}')).toEqual({
      document: { contacts: [] },
      seenAt: 5,
    });
  });
});

describe("FileSeenStore", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "seen-store-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("a missing file is an empty store; entries survive a reopen", async () => {
    const file = join(dir, "seen.json");
    const opened = await FileSeenStore.open(file);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.store.size).toBe(0);
    const { discover } = server(ORIGINAL);
    const r = await watchSupport("example.org", {
      store: opened.store,
      discover,
      now: () => 86_400_000,
    });
    expect(r.remembered).toBe(true);
    const text = JSON.parse(await readFile(file, "utf8"));
    expect(text).toEqual({
      version: 1,
      servers: { "example.org": { seen_at: "1970-01-02T00:00:00.000Z", document: ORIGINAL } },
    });
    const reopened = await FileSeenStore.open(file);
    if (!reopened.ok) throw new Error(reopened.message);
    expect(reopened.store.get("example.org")).toEqual({ document: ORIGINAL, seenAt: 86_400_000 });
  });

  it("concurrent sets all land in the file", async () => {
    const file = join(dir, "many.json");
    const opened = await FileSeenStore.open(file);
    if (!opened.ok) throw new Error(opened.message);
    const names = Array.from({ length: 20 }, (_, i) => `s${i}.example`);
    const results = await Promise.all(
      names.map((n) => opened.store.set(n, { document: ORIGINAL, seenAt: 1 })),
    );
    expect(results.every(Boolean)).toBe(true);
    const text = JSON.parse(await readFile(file, "utf8"));
    expect(Object.keys(text.servers).sort()).toEqual([...names].sort());
  });

  it("refuses a file that is not its own, and leaves it alone", async () => {
    const file = join(dir, "notes.json");
    await writeFile(file, '{"my": "notes"}');
    const opened = await FileSeenStore.open(file);
    expect(opened).toEqual({
      ok: false,
      message: expect.stringMatching(/notes\.json is not a matrix-support seen-documents file/),
    });
    const junk = join(dir, "junk.json");
    await writeFile(junk, "not json at all");
    const bad = await FileSeenStore.open(junk);
    expect(bad.ok).toBe(false);
    expect(await readFile(file, "utf8")).toBe('{"my": "notes"}');
  });

  it("an unreadable path is a message, not an exception; a failed write answers false", async () => {
    const opened = await FileSeenStore.open(dir);
    expect(opened).toEqual({ ok: false, message: expect.stringMatching(/directory/) });
    const nowhere = await FileSeenStore.open(join(dir, "missing-dir", "seen.json"));
    if (!nowhere.ok) throw new Error(nowhere.message);
    expect(await nowhere.store.set("example.org", { document: ORIGINAL, seenAt: 1 })).toBe(false);
  });
});

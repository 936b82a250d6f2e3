import { describe, expect, it } from "vitest";
import {
  type CheckFn,
  type LineSink,
  memorySink,
  type NameLine,
  parseExcludeList,
  runScan,
  type ScanRecord,
} from "../../packages/cli/src/scan/index.js";

async function* names(...list: string[]): AsyncGenerator<NameLine> {
  let line = 0;
  for (const name of list) yield { name, line: ++line };
}

const record = (name: string, status = "not_found"): ScanRecord => ({
  server_name: name,
  url: `https://${name}/.well-known/matrix/support`,
  status,
  document: null,
  diagnostics: [],
  http: { redirects: [], elapsed_ms: 1 },
});

/** A checker whose calls stay pending until released, to observe what is in flight. */
function gatedCheck() {
  const pending: { name: string; release: () => void }[] = [];
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const check: CheckFn = (name, signal) =>
    new Promise((resolve, reject) => {
      calls.push(name);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = () => {
        inFlight--;
        resolve(record(name));
      };
      pending.push({ name, release: done });
      signal.addEventListener("abort", () => {
        inFlight--;
        reject(new Error("aborted"));
      });
    });
  return {
    check,
    calls,
    pending,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));
const parsedNames = (sink: { lines: string[] }) =>
  sink.lines.map((l) => (JSON.parse(l) as ScanRecord).server_name);

describe("runScan", () => {
  it("writes one whole line per distinct name, and counts duplicates", async () => {
    const sink = memorySink();
    const check: CheckFn = async (name) =>
      record(name, name.startsWith("f") ? "found" : "not_found");
    const out = await runScan({
      names: names("a.org", "f.org", "a.org", "b.org", "f.org"),
      check,
      sink,
      concurrency: 3,
    });
    expect(parsedNames(sink).sort()).toEqual(["a.org", "b.org", "f.org"]);
    expect(sink.lines.every((l) => l.endsWith("\n") && l.indexOf("\n") === l.length - 1)).toBe(
      true,
    );
    expect(out.stats).toMatchObject({ read: 5, written: 3, duplicates: 2 });
    expect(out.stats.summary.statusCount("found")).toBe(1);
    expect(out.interrupted).toBe(false);
  });

  it("never has more than --concurrency requests in flight", async () => {
    const gate = gatedCheck();
    const list = Array.from({ length: 10 }, (_, i) => `s${i}.org`);
    const run = runScan({
      names: names(...list),
      check: gate.check,
      sink: memorySink(),
      concurrency: 3,
    });
    while (gate.calls.length < 10) {
      await tick();
      expect(gate.pending.length).toBeLessThanOrEqual(3);
      gate.pending.shift()?.release();
    }
    while (gate.pending.length > 0) gate.pending.shift()?.release();
    await run;
    expect(gate.maxInFlight).toBe(3);
  });

  it("makes no request for an excluded name and writes no line for it", async () => {
    const calls: string[] = [];
    const sink = memorySink();
    const list = parseExcludeList("optout.org\n");
    if (!list.ok) throw new Error("list");
    const out = await runScan({
      names: names("a.org", "optout.org:8448", "b.org"),
      check: async (n) => {
        calls.push(n);
        return record(n);
      },
      sink,
      concurrency: 2,
      exclude: list.list,
    });
    expect(calls.sort()).toEqual(["a.org", "b.org"]);
    expect(parsedNames(sink).sort()).toEqual(["a.org", "b.org"]);
    expect(out.stats.excluded).toBe(1);
  });

  it("skips names already done (resume) without touching the set it was given", async () => {
    const done = new Set(["a.org"]);
    const sink = memorySink();
    const out = await runScan({
      names: names("a.org", "b.org", "a.org"),
      check: async (n) => record(n),
      sink,
      concurrency: 1,
      done,
    });
    expect(parsedNames(sink)).toEqual(["b.org"]);
    expect(out.stats.alreadyDone).toBe(2);
    expect([...done]).toEqual(["a.org"]);
  });

  it("records a checker that throws as a result line, not a crash", async () => {
    const sink = memorySink();
    await runScan({
      names: names("boom.org"),
      check: async () => {
        throw new Error("kaboom");
      },
      sink,
      concurrency: 1,
    });
    const r = JSON.parse(sink.lines[0] ?? "") as ScanRecord;
    expect(r).toMatchObject({ server_name: "boom.org", status: "unreachable", document: null });
    expect(r.diagnostics?.[0]?.code).toBe("SCAN_CHECK_FAILED");
  });

  it("on stop, finishes and writes what is in flight, then starts nothing new", async () => {
    const gate = gatedCheck();
    const sink = memorySink();
    const stop = new AbortController();
    const list = Array.from({ length: 10 }, (_, i) => `s${i}.org`);
    const run = runScan({
      names: names(...list),
      check: gate.check,
      sink,
      concurrency: 4,
      stop: stop.signal,
    });
    while (gate.pending.length < 4) await tick();
    stop.abort();
    for (const p of gate.pending.splice(0)) p.release();
    const out = await run;
    expect(gate.calls).toHaveLength(4);
    expect(parsedNames(sink).sort()).toEqual(gate.calls.slice().sort());
    expect(out.interrupted).toBe(true);
  });

  it("on stop, does not wait for an input that is idle (standard input with no more lines)", async () => {
    const stop = new AbortController();
    async function* idle(): AsyncGenerator<NameLine> {
      yield { name: "a.org", line: 1 };
      await new Promise(() => {}); // never another line
    }
    const sink = memorySink();
    const run = runScan({
      names: idle(),
      check: async (n) => record(n),
      sink,
      concurrency: 2,
      stop: stop.signal,
    });
    while (sink.lines.length < 1) await tick();
    stop.abort();
    const out = await run;
    expect(out.interrupted).toBe(true);
    expect(parsedNames(sink)).toEqual(["a.org"]);
  });

  it("on abort, drops the results of aborted requests (they are redone on resume)", async () => {
    const gate = gatedCheck();
    const sink = memorySink();
    const abort = new AbortController();
    const run = runScan({
      names: names("a.org", "b.org", "c.org"),
      check: gate.check,
      sink,
      concurrency: 2,
      abort: abort.signal,
    });
    while (gate.pending.length < 2) await tick();
    gate.pending.shift()?.release();
    while (sink.lines.length < 1 || gate.pending.length < 2) await tick();
    abort.abort();
    const out = await run;
    expect(sink.lines).toHaveLength(1);
    expect(out.interrupted).toBe(true);
  });

  it("stops at the first write error and reports it", async () => {
    const failing: LineSink = {
      write: async () => {
        throw new Error("cannot write out.jsonl: no space left");
      },
      close: async () => {},
    };
    const out = await runScan({
      names: names("a.org", "b.org", "c.org"),
      check: async (n) => record(n),
      sink: failing,
      concurrency: 1,
    });
    expect(out.writeError).toMatch(/no space/);
    expect(out.stats.written).toBe(0);
    expect(out.interrupted).toBe(true);
  });
});

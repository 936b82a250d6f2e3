import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openOutput, readScanFile, streamSink } from "../../packages/cli/src/scan/index.js";
import { QUEUE_HIGH_WATER } from "../../packages/cli/src/scan/jsonl.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "scan-jsonl-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const line = (name: string) =>
  `${JSON.stringify({ server_name: name, status: "not_found", document: null })}\n`;

describe("openOutput", () => {
  it("starts a new file, writes lines whole, and syncs on close", async () => {
    const file = join(dir, "new.jsonl");
    const out = await openOutput(file, { resume: false });
    if (!out.ok) throw new Error(out.diagnostic.message);
    await Promise.all([out.sink.write(line("a.org")), out.sink.write(line("b.org"))]);
    await out.sink.close();
    expect(await readFile(file, "utf8")).toBe(line("a.org") + line("b.org"));
  });

  it("refuses to overwrite results without --resume", async () => {
    const file = join(dir, "exists.jsonl");
    await writeFile(file, line("a.org"));
    const out = await openOutput(file, { resume: false });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.diagnostic.message).toMatch(/--resume/);
    expect(await readFile(file, "utf8")).toBe(line("a.org"));
  });

  it("on resume, returns the names done and cuts a torn last line before appending", async () => {
    const file = join(dir, "torn.jsonl");
    const torn = '{"server_name":"c.org","status":"fou';
    await writeFile(file, line("a.org") + line("b.org") + torn);
    const out = await openOutput(file, { resume: true });
    if (!out.ok) throw new Error(out.diagnostic.message);
    expect([...out.done]).toEqual(["a.org", "b.org"]);
    expect(out.repairedBytes).toBe(Buffer.byteLength(torn));
    await out.sink.write(line("c.org"));
    await out.sink.close();
    expect(await readFile(file, "utf8")).toBe(line("a.org") + line("b.org") + line("c.org"));
  });

  it("on resume, also cuts a terminated but unparsable last line", async () => {
    const file = join(dir, "garbled-last.jsonl");
    await writeFile(file, `${line("a.org")}{"server_na\n`);
    const read = await readScanFile(file);
    expect(read).toMatchObject({ ok: true, keepBytes: Buffer.byteLength(line("a.org")) });
  });

  it("refuses to resume into a file with a bad line before the end (not written by scan)", async () => {
    const file = join(dir, "foreign.jsonl");
    await writeFile(file, `${line("a.org")}hello\n${line("b.org")}`);
    const out = await openOutput(file, { resume: true });
    expect(out.ok).toBe(false);
    if (!out.ok) expect([out.file, out.diagnostic.line]).toEqual([file, 2]);
  });

  it("refuses --resume with standard output", async () => {
    expect((await openOutput("-", { resume: true })).ok).toBe(false);
  });
});

describe("the batching sink", () => {
  it("lets writers run ahead of a slow output up to a bound, then holds them; close flushes all", async () => {
    const written: string[] = [];
    const held: (() => void)[] = [];
    const slow = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written.push(chunk.toString());
        held.push(callback);
      },
    });
    const sink = streamSink(slow);
    let firstDone = false;
    void sink.write("a\n").then(() => {
      firstDone = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(firstDone).toBe(true); // not waiting for the disk
    let bigDone = false;
    void sink.write(`${"x".repeat(QUEUE_HIGH_WATER)}\n`).then(() => {
      bigDone = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(bigDone).toBe(false); // over the bound: held until written
    const closing = sink.close();
    while (held.length > 0 || !bigDone) {
      held.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await closing;
    expect(written.join("")).toBe(`a\n${"x".repeat(QUEUE_HIGH_WATER)}\n`);
  });
});

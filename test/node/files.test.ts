/** Reading input files: refused by size before reading, decoded as strict UTF-8 with the first bad byte located. */
import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeStrict, readInput, readText } from "../../packages/cli/src/files.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ms-files-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const latin1 = (s: string) => Buffer.from(s, "latin1");

describe("decodeStrict", () => {
  it("decodes UTF-8 and skips a BOM at the start", () => {
    expect(decodeStrict(Buffer.from("\uFEFFcafé"))).toEqual({ ok: true, text: "café" });
    expect(decodeStrict(Buffer.from("café"))).toEqual({ ok: true, text: "café" });
  });

  it("names the first invalid byte: value, byte offset, line and column (in characters)", () => {
    const bytes = Buffer.concat([
      Buffer.from('{\n  "é": "'),
      latin1("caf\xe9"),
      Buffer.from('"\n}'),
    ]);
    const r = decodeStrict(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const offset = bytes.indexOf(0xe9);
    expect(r.diagnostic).toMatchObject({
      code: "INPUT_NOT_UTF8",
      severity: "error",
      line: 2,
      column: 12,
      message: `Not valid UTF-8: byte 0xE9 at offset ${offset} (line 2, column 12) cannot be decoded`,
    });
  });

  it("counts a BOM neither as a column nor as a character, but as bytes of the offset", () => {
    const r = decodeStrict(Buffer.concat([Buffer.from("\uFEFFab"), Buffer.from([0xff])]));
    expect(!r.ok && r.diagnostic).toMatchObject({ line: 1, column: 3 });
    expect(!r.ok && r.diagnostic.message).toContain("offset 5 ");
  });

  it("places a line of a larger file: its offset and line number", () => {
    const r = decodeStrict(latin1("ab\xe9"), { offset: 1000, line: 7 });
    expect(!r.ok && r.diagnostic).toMatchObject({ line: 7, column: 3 });
    expect(!r.ok && r.diagnostic.message).toContain("offset 1002 (line 7, column 3)");
  });

  it("refuses overlong forms and surrogates, which a lenient decoder would replace", () => {
    for (const bad of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
    ])
      expect(decodeStrict(Uint8Array.from(bad)).ok, JSON.stringify(bad)).toBe(false);
  });
});

describe("readInput", () => {
  it("reads a UTF-8 file, without its BOM", async () => {
    const file = join(dir, "bom.json");
    await writeFile(file, "\uFEFF{}");
    expect(await readInput(file)).toEqual({ ok: true, text: "{}" });
  });

  it("a Latin-1 file is an invalid text with INPUT_NOT_UTF8 at its line and column", async () => {
    const file = join(dir, "latin1.yaml");
    await writeFile(file, latin1("server_name: example.org\nname: Ren\xe9\n"));
    const r = await readInput(file);
    expect(r).toMatchObject({
      ok: false,
      kind: "invalid",
      diagnostic: { code: "INPUT_NOT_UTF8", line: 2, column: 10 },
    });
  });

  it("refuses a file over the limit by its size, without reading it (a sparse 4 GiB file)", async () => {
    const file = join(dir, "huge.json");
    await writeFile(file, "");
    await truncate(file, 4 * 1024 ** 3);
    const r = await readInput(file, 1024 * 1024);
    expect(r).toMatchObject({
      ok: false,
      kind: "invalid",
      diagnostic: {
        code: "DOCUMENT_TOO_LARGE",
        message: `The document is ${4 * 1024 ** 3} bytes, over the limit of 1048576 bytes`,
      },
    });
  });

  it("says why a file cannot be read", async () => {
    expect(await readInput(join(dir, "nope.json"))).toEqual({
      ok: false,
      kind: "unreadable",
      message: `cannot read ${join(dir, "nope.json")}: no such file`,
    });
    expect(await readInput(dir)).toEqual({
      ok: false,
      kind: "unreadable",
      message: `cannot read ${dir}: it is a directory`,
    });
  });

  it("reads a FIFO as a stream, and stops an endless one past the limit", async () => {
    const fifo = join(dir, "names.fifo");
    execFileSync("mkfifo", [fifo]);
    // Waiting for a writer does not stop the process (serve keeps answering during a reload).
    const reading = readInput(fifo);
    let ticked = false;
    await new Promise((tick) => setTimeout(tick, 20)).then(() => {
      ticked = true;
    });
    expect(ticked).toBe(true);
    // A writer in another process: the FIFO opens once both ends are there.
    spawn("sh", ["-c", `printf '{"contacts":[]}' > ${fifo}`], { stdio: "ignore" });
    expect(await reading).toEqual({ ok: true, text: '{"contacts":[]}' });
    const endless = spawn("sh", ["-c", `yes > ${fifo}`], { stdio: "ignore" });
    try {
      expect(await readInput(fifo, 1024 * 1024)).toMatchObject({
        ok: false,
        kind: "invalid",
        diagnostic: { code: "DOCUMENT_TOO_LARGE" },
      });
    } finally {
      // `yes` ends with SIGPIPE once the reader has closed; in case it has not, it is stopped.
      endless.kill();
    }
  });

  it("stops reading standard input past the limit (an endless stream ends)", async () => {
    let produced = 0;
    const endless = Readable.from(
      (function* () {
        for (;;) {
          produced += 65536;
          yield Buffer.alloc(65536, 0x20);
        }
      })(),
    );
    const r = await readInput("-", 1024 * 1024, endless);
    expect(r).toMatchObject({
      ok: false,
      kind: "invalid",
      diagnostic: {
        code: "DOCUMENT_TOO_LARGE",
        message: "The document is more than 1048576 bytes, over the limit of 1048576 bytes",
      },
    });
    expect(produced).toBeLessThan(4 * 1024 * 1024);
  });
});

describe("readText", () => {
  it("throws an InputError naming the file, line and column of a bad byte", async () => {
    const file = join(dir, "optout.txt");
    await writeFile(file, latin1("example.org\nr\xe9seau.example\n"));
    await expect(readText(file)).rejects.toThrow(
      new RegExp(`^${file}:2:2: Not valid UTF-8: byte 0xE9 at offset 13 `),
    );
  });
});

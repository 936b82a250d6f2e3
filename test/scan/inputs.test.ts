/**
 * What scan and report read, as modules: the opt-out list and the name list (scan/inputs.ts),
 * the CSV report and the check of a scan file (scan/report.ts). Bad input ends in diagnostics and
 * results, never an exception.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  loadExcludeList,
  openNameList,
  readNames,
  skippedLine,
  unreadableScanFile,
  writeCsvReport,
} from "../../packages/cli/src/scan/index.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ms-scan-inputs-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const codes = (ps: readonly { diagnostic: { code: string } }[]) => ps.map((p) => p.diagnostic.code);
const record = (name: string) =>
  JSON.stringify({ server_name: name, status: "not_found", document: null, diagnostics: [] });

describe("loadExcludeList", () => {
  it("reads the list, comments and subdomain patterns included", async () => {
    const file = join(dir, "optout.txt");
    await writeFile(file, "# opted out\nexample.org\n*.example.net\n");
    const loaded = await loadExcludeList(file);
    expect(loaded.ok && loaded.list.has("example.org:8448")).toBe(true);
    expect(loaded.ok && loaded.list.has("a.example.net")).toBe(true);
  });

  it("names every bad line with its line, then refuses the whole list at --exclude", async () => {
    const file = join(dir, "bad-optout.txt");
    await writeFile(file, "example.org\nexa mple.org\nok.example\nbad!name\n");
    const loaded = await loadExcludeList(file);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(codes(loaded.diagnostics)).toEqual([
      "SCAN_EXCLUDE_BAD_LINE",
      "SCAN_EXCLUDE_BAD_LINE",
      "SCAN_EXCLUDE_INVALID",
    ]);
    expect(loaded.diagnostics.map((p) => [p.where, p.diagnostic.line])).toEqual([
      [file, 2],
      [file, 4],
      ["--exclude", undefined],
    ]);
  });

  it("an unreadable list (missing, too large, not UTF-8) is refused at --exclude", async () => {
    const big = join(dir, "big.txt");
    await writeFile(big, "example.org\n".repeat(10));
    const latin1 = join(dir, "latin1.txt");
    await writeFile(latin1, Buffer.from("caf\xe9.org\n", "latin1"));
    for (const [file, max, words] of [
      [join(dir, "absent.txt"), undefined, /no such file/],
      [big, 16, /./],
      [latin1, undefined, /latin1\.txt:1:4: Not valid UTF-8/],
    ] as const) {
      const loaded = await loadExcludeList(file, max);
      expect(loaded.ok).toBe(false);
      if (loaded.ok) continue;
      expect(codes(loaded.diagnostics)).toEqual(["SCAN_EXCLUDE_UNREADABLE"]);
      expect(loaded.diagnostics[0]?.where).toBe("--exclude");
      expect(loaded.diagnostics[0]?.diagnostic.message).toMatch(words);
    }
  });
});

describe("openNameList", () => {
  const notATerminal = () => Object.assign(new PassThrough(), { isTTY: false }) as never;

  it("a file is counted first when asked; standard input is passed through", async () => {
    const file = join(dir, "names.txt");
    await writeFile(file, "a.org\n# comment\nb.org\n\n");
    const opened = await openNameList(file, { stdin: notATerminal(), count: true });
    expect(opened.ok && opened.names.total).toBe(2);
    if (opened.ok) {
      const names: string[] = [];
      for await (const n of readNames(opened.names.input)) names.push(n.name);
      expect(names).toEqual(["a.org", "b.org"]);
    }
    const stdin = notATerminal();
    const piped = await openNameList("-", { stdin, count: true });
    expect(piped.ok && piped.names.input).toBe(stdin);
    expect(piped.ok && piped.names.total).toBeUndefined();
  });

  it("refuses a missing file, a directory and a terminal on standard input", async () => {
    const absent = await openNameList(join(dir, "absent.txt"), {
      stdin: notATerminal(),
      count: false,
    });
    expect(!absent.ok && absent.refused.diagnostic.message).toMatch(/absent\.txt: no such file/);
    const folder = await openNameList(dir, { stdin: notATerminal(), count: false });
    expect(!folder.ok && folder.refused.diagnostic.message).toMatch(/it is a directory/);
    const tty = Object.assign(new PassThrough(), { isTTY: true }) as never;
    const typed = await openNameList("-", { stdin: tty, count: false });
    expect(!typed.ok && [typed.refused.diagnostic.code, typed.refused.where]).toEqual([
      "SCAN_INPUT_TERMINAL",
      "standard input",
    ]);
  });

  it("a line that is not UTF-8 is reported skipped, at its line and column", async () => {
    const problems: string[] = [];
    const source = (async function* () {
      yield Buffer.from("a.org\ncaf\xe9.org\n", "latin1");
    })();
    for await (const _ of readNames(source, (d) => {
      const s = skippedLine(d);
      problems.push(`${s.code}:${s.line}:${s.column}:${s.message.slice(0, 22)}`);
    }));
    expect(problems).toEqual(["SCAN_LINE_SKIPPED:2:4:Skipped: Not valid UTF"]);
  });
});

describe("the scan file for report", () => {
  it("unreadableScanFile: a missing file or a directory is SCAN_FILE_UNREADABLE", async () => {
    const file = join(dir, "scan.jsonl");
    await writeFile(file, `${record("a.org")}\n`);
    expect(await unreadableScanFile(file)).toBeUndefined();
    expect((await unreadableScanFile(dir))?.message).toMatch(/it is a directory/);
    expect((await unreadableScanFile(join(dir, "absent.jsonl")))?.code).toBe(
      "SCAN_FILE_UNREADABLE",
    );
  });

  it("writeCsvReport: one row per server, the first five bad lines named, nothing for a file that is not a scan", async () => {
    const file = join(dir, "mixed.jsonl");
    const bad = Array.from({ length: 7 }, (_, i) => `junk ${i}`);
    await writeFile(file, [record("a.org"), ...bad, record("b.org"), record("a.org")].join("\n"));
    const chunks: string[] = [];
    const named: number[] = [];
    const csv = await writeCsvReport(file, {
      bom: true,
      write: async (chunk) => {
        chunks.push(chunk);
      },
      badLine: (line) => named.push(line),
    });
    expect(csv).toEqual({ ok: true, records: 3, lines: 10, badCount: 7 });
    expect(named).toEqual([2, 3, 4, 5, 6]);
    const text = chunks.join("");
    expect(text.startsWith("\ufeffserver_name,status,")).toBe(true);
    expect(
      text
        .trimEnd()
        .split("\r\n")
        .map((l) => l.split(",")[0]),
    ).toEqual(["\ufeffserver_name", "a.org", "b.org"]);

    const names = join(dir, "names.jsonl");
    await writeFile(names, "a.org\nb.org\n");
    const none: string[] = [];
    const notScan = await writeCsvReport(names, {
      write: async (c) => {
        none.push(c);
      },
      badLine: () => {},
    });
    expect(notScan).toEqual({ ok: true, records: 0, lines: 2, badCount: 2 });
    expect(none).toEqual([]);
  });

  it("writeCsvReport: a failed write or read says which side failed, without throwing", async () => {
    const file = join(dir, "one.jsonl");
    await writeFile(file, `${record("a.org")}\n`);
    const closed = Object.assign(new Error("EPIPE"), { code: "EPIPE" });
    const wrote = await writeCsvReport(file, {
      write: async () => {
        throw closed;
      },
      badLine: () => {},
    });
    expect(wrote).toEqual({ ok: false, failed: "write", error: closed });
    const read = await writeCsvReport(dir, { write: async () => {}, badLine: () => {} });
    expect(read).toMatchObject({ ok: false, failed: "read" });
  });
});

import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { countNames, readNames, splitLines } from "../../packages/cli/src/scan/index.js";
import type { Diagnostic } from "../../packages/lib/src/core/index.js";

/** A byte stream delivered in the given chunks (to cut lines and UTF-8 sequences anywhere). */
const chunks = (...parts: (string | Buffer)[]) =>
  Readable.from(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p)));

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("splitLines", () => {
  it("gives exact byte offsets across chunk boundaries and flags an unterminated last line", async () => {
    const lines = await all(splitLines(chunks("ab", "c\nde", "f\n", "gh")));
    expect(lines.map((l) => [l.bytes.toString(), l.start, l.end, l.terminated])).toEqual([
      ["abc", 0, 4, true],
      ["def", 4, 8, true],
      ["gh", 8, 10, false],
    ]);
  });

  it("keeps only the start of an over-long line, and flags it", async () => {
    const lines = await all(splitLines(chunks("x".repeat(10), "y".repeat(10), "\nok\n"), 8));
    expect(lines[0]?.bytes.toString()).toBe("xxxxxxxx");
    expect(lines[0]?.truncated).toBe(true);
    expect(lines[0]?.end).toBe(21);
    expect(lines[1]).toMatchObject({ truncated: false, start: 21, end: 24 });
  });
});

describe("readNames", () => {
  it("skips blank lines and # comments, trims, accepts CRLF and a BOM, keeps line numbers", async () => {
    const text =
      "\uFEFFexample.org\r\n\n# a comment\n  matrix.org  # trailing comment\n\t\nbad name!\n";
    const names = await all(readNames(chunks(text)));
    expect(names).toEqual([
      { name: "example.org", line: 1 },
      { name: "matrix.org", line: 4 },
      { name: "bad name!", line: 6 },
    ]);
  });

  it("decodes a UTF-8 sequence split between chunks", async () => {
    const bytes = Buffer.from("bücher.example\n");
    const names = await all(readNames(chunks(bytes.subarray(0, 2), bytes.subarray(2))));
    expect(names[0]?.name).toBe("bücher.example");
  });

  it("decodes strictly: a line that is not UTF-8 is skipped and named (line, column, byte offset)", async () => {
    const bad: Diagnostic[] = [];
    const text = Buffer.from("a.org\ncaf\xe9.org\nb.org\n", "latin1");
    const names = await all(readNames(chunks(text), (d) => bad.push(d)));
    expect(names).toEqual([
      { name: "a.org", line: 1 },
      { name: "b.org", line: 3 },
    ]);
    expect(bad).toEqual([
      expect.objectContaining({
        code: "INPUT_NOT_UTF8",
        line: 2,
        column: 4,
        message: "Not valid UTF-8: byte 0xE9 at offset 9 (line 2, column 4) cannot be decoded",
      }),
    ]);
    // Without a listener, the line is skipped all the same (never a name with U+FFFD in it).
    expect(await countNames(chunks(text))).toBe(2);
  });

  it("counts names without keeping them", async () => {
    expect(await countNames(chunks("a.org\n#x\n\nb.org\nc.org"))).toBe(3);
  });
});

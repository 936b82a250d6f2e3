/** The one formatter escapes every value of outside origin on its way to a terminal. */
import pc from "picocolors";
import { describe, expect, it } from "vitest";
import {
  formatDiagnostic,
  formatNote,
  ours,
  paint,
  safe,
  TermText,
  term,
} from "../../packages/cli/src/cli/output.js";
import { CATALOGUE, diagnostic } from "../../packages/lib/src/core/index.js";
import { hasUnprintable, printable } from "../../packages/lib/src/core/printable.js";
import { expectNoRawText } from "../helpers/hostile.js";

const HOSTILE = "\u001b[31mRED\u001b]0;PWNED\u0007 a\nFAKE line\r\u009b2J\u2028\u202eevil\u2066";

describe("printable", () => {
  it("shows controls, line breaks and bidi controls as visible escapes, nothing else", () => {
    expect(printable(HOSTILE)).toBe(
      "\\x1b[31mRED\\x1b]0;PWNED\\x07 a\\nFAKE line\\r\\x9b2J\\u2028\\u202eevil\\u2066",
    );
    expect(printable("\t\u0000\u007f\u0085\u2029\u202a\u2069")).toBe(
      "\\t\\x00\\x7f\\x85\\u2029\\u202a\\u2069",
    );
    const fine = "jürgen@bücher.example C:\\path ✔ 日本 \u00a0";
    expect(printable(fine)).toBe(fine);
    expect(hasUnprintable(fine)).toBe(false);
    expect(hasUnprintable("a\nb")).toBe(true);
  });

  it("is idempotent", () => {
    expect(printable(printable(HOSTILE))).toBe(printable(HOSTILE));
  });
});

describe("term and paint", () => {
  const c = pc.createColors(true);
  it("escape every interpolated value, keep our literal text and our colours", () => {
    const p = paint(c);
    const line = term`${p.bold(HOSTILE)} is ${HOSTILE}\n${ours(c.red("ours"))} ${42}`;
    expect(line).toBeInstanceOf(TermText);
    expect(line.text).toBe(
      `${c.bold(printable(HOSTILE))} is ${printable(HOSTILE)}\n${c.red("ours")} 42`,
    );
    // Nested: a term inside a term is kept as is, not escaped twice.
    expect(term`[${term`${"\u001b"}`}]`.text).toBe("[\\x1b]");
    expect(String(term`${p.red(term`x${"\n"}`)}`)).toBe(c.red("x\\n"));
    expect(safe(7)).toBe("7");
  });
});

describe("formatDiagnostic", () => {
  it("escapes the message (its parameters), hint, path and the file name", () => {
    const d = diagnostic("ROLE_INVALID", `/contacts/0/role${HOSTILE}`, {
      role: HOSTILE,
      reason: "bad",
    });
    const out = formatDiagnostic(
      { ...d, hint: HOSTILE },
      `file${HOSTILE}.json`,
      pc.createColors(false),
    );
    expectNoRawText(out);
    expect(out).toContain(printable(HOSTILE));
    // With a path, a hint and a spec link: exactly four lines, none faked by the values.
    expect(out.trimEnd().split("\n")).toHaveLength(4);
    expect(formatNote("scan", { ...d, message: HOSTILE }, pc.createColors(false))).toBe(
      `scan: ${printable(HOSTILE)}\n`,
    );
  });

  it("escaping a filled message is escaping its parameters: the catalogue's own text is clean", () => {
    for (const [code, entry] of Object.entries(CATALOGUE)) {
      const e = entry as { message: string; hint?: string; spec?: string };
      for (const text of [e.message, e.hint ?? "", e.spec ?? ""])
        expect(hasUnprintable(text), code).toBe(false);
    }
  });
});

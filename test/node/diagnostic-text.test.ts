/** src/diagnostic-text.ts: the one place where a diagnostic becomes text, in each of its forms. */
import pc from "picocolors";
import { describe, expect, it } from "vitest";
import {
  diagnosticLine,
  diagnosticPlace,
  formatDiagnostic,
  placedMessage,
  promptNote,
  promptText,
  summarise,
} from "../../packages/cli/src/diagnostic-text.js";
import { type Diagnostic, diagnostic } from "../../packages/lib/src/core/index.js";
import { printable } from "../../packages/lib/src/core/printable.js";

const plain = pc.createColors(false);
const placed = (line?: number, column?: number): Diagnostic => {
  const d = diagnostic("ROLE_INVALID", "/contacts/0/role", { role: "boss", reason: "bad" });
  if (line !== undefined) d.line = line;
  if (column !== undefined) d.column = column;
  return d;
};

describe("the forms of a diagnostic", () => {
  it("the place: file:line:col, column 1 when only the line is known, the file alone without a line", () => {
    expect(diagnosticPlace(placed(3, 7), "a.yaml")).toBe("a.yaml:3:7");
    expect(diagnosticPlace(placed(3), "a.yaml")).toBe("a.yaml:3:1");
    expect(diagnosticPlace(placed(), "a.yaml")).toBe("a.yaml");
  });

  it("the terminal block: the first line as a linter prints it, then path, hint and spec", () => {
    const d = placed(3, 7);
    const lines = formatDiagnostic(d, "a.yaml", plain).trimEnd().split("\n");
    expect(lines[0]).toBe(`a.yaml:3:7  error  ${d.message}  (ROLE_INVALID)`);
    expect(lines[1]).toBe("    path: /contacts/0/role");
    expect(lines.slice(2).map((l) => l.trim().split(":")[0])).toEqual(
      [d.hint ? "hint" : undefined, d.spec ? "spec" : undefined].filter(Boolean),
    );
    // Without a file, the place is the JSON Pointer, and it is not repeated under the line.
    expect(formatDiagnostic(d, undefined, plain).split("\n")[0]).toBe(
      `/contacts/0/role  error  ${d.message}  (ROLE_INVALID)`,
    );
  });

  it("the log line: one line, the pointer and the hint in it", () => {
    const d = placed(3, 7);
    const line = diagnosticLine(d, "a.yaml");
    expect(line).toBe(
      `a.yaml:3:7 error ${d.message} at /contacts/0/role (ROLE_INVALID)${d.hint ? ` hint: ${d.hint}` : ""}`,
    );
    expect(line).not.toContain("\n");
  });

  it("the one-line message of a refused input, and the wizard's note", () => {
    const d = diagnostic("INPUT_NOT_UTF8", undefined, {
      byte: "E9",
      offset: 4,
      line: 2,
      column: 3,
    });
    d.line = 2;
    d.column = 3;
    expect(placedMessage(d, "names.txt")).toBe(`names.txt:2:3: ${d.message}`);
    expect(promptText(d)).toBe(`${d.message}\n${d.hint}`);
    expect(promptNote(d, "--from")).toBe(`--from: ${d.message}\n${d.hint} (INPUT_NOT_UTF8)`);
    expect(promptNote({ ...d, message: "a\u001b[2Jb" })).toContain(printable("a\u001b[2Jb"));
  });

  it("the counts, worst first in colour", () => {
    const warn = { code: "X", severity: "warning", message: "m" } as const;
    expect(summarise([placed(), warn, warn], plain)).toBe("1 error, 2 warnings, 0 info");
    expect(summarise([], plain)).toBe("0 errors, 0 warnings, 0 info");
  });
});

/** Text -> value with positions: line and column for syntax errors and for every diagnostic with a path. */
import { describe, expect, it } from "vitest";
import { detectFormat, parseSource } from "../../packages/cli/src/config/source.js";
import { validateSupportText } from "../../packages/cli/src/config/validate-text.js";
import {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_SOURCE_BYTES,
  offsetToPosition,
  parseJsonSource,
  validateSource,
} from "../../packages/lib/src/core/index.js";

const at = (text: string, options = {}) =>
  validateSupportText(text, options).diagnostics.map((d) => [d.code, d.path, d.line, d.column]);

describe("JSON positions", () => {
  const json = [
    "{", //                                                       1
    '  "contacts": [', //                                         2
    "    {", //                                                   3
    '      "role": "admin",', //                                  4
    '      "email_address": "mailto:admin@example.org"', //       5
    "    },", //                                                  6
    '    { "matrix_id": "@sec:example.org" }', //                 7
    "  ],", //                                                    8
    '  "supportPage": "https://example.org"', //                  9
    "}",
  ].join("\n");

  it("locates each diagnostic at its key (object members) or its value (array items)", () => {
    expect(at(json)).toEqual([
      ["ROLE_DRAFT", "/contacts/0/role", 4, 7],
      ["EMAIL_MAILTO", "/contacts/0/email_address", 5, 7],
      ["ROLE_MISSING", "/contacts/1", 7, 5],
      ["MISSPELLED_KEY", "/supportPage", 9, 3],
      ["NO_SECURITY_CONTACT", "", 1, 1],
    ]);
  });

  it("locates keys that look like array indices as keys", () => {
    const text = '{"support_page": "https://example.org",\n "0": 1}';
    expect(at(text)).toContainEqual(["UNKNOWN_KEY", "/0", 2, 2]);
  });

  it("locates JSON Pointer escapes (~0, ~1) in keys", () => {
    const text = '{"support_page": "https://example.org",\n  "a/b~c": 1}';
    expect(at(text)).toContainEqual(["UNKNOWN_KEY", "/a~1b~0c", 2, 3]);
  });

  it("counts columns in UTF-16 code units after non-ASCII text, 1-based", () => {
    const text = '{"x": "ü€😀", "support_page": "javascript:x"}';
    const d = validateSupportText(text, { lint: false }).diagnostics.find(
      (x) => x.path === "/support_page",
    );
    expect(d).toMatchObject({
      code: "SUPPORT_PAGE_UNSAFE_SCHEME",
      line: 1,
      column: text.indexOf('"support_page"') + 1,
    });
  });

  it("names and locates the syntax errors seen in the wild", () => {
    expect(at("{\n  contacts: []\n}")).toEqual([["PARSE_ERROR", "", 2, 3]]);
    expect(validateSupportText("{\n  contacts: []\n}").diagnostics[0]?.message).toContain(
      "double quotes",
    );
    const trailing = '{\n  "support_page": "https://example.org",\n}';
    expect(at(trailing)).toEqual([["PARSE_ERROR", "", 2, 40]]); // at the comma
    expect(validateSupportText(trailing).diagnostics[0]?.message).toContain("trailing comma");
    expect(at('{{"support_page": "https://example.org"}}')).toEqual([["PARSE_ERROR", "", 1, 2]]);
    expect(at('{"support_page": "https://example.org"')).toEqual([["PARSE_ERROR", "", 1, 39]]);
    expect(at("")).toEqual([["PARSE_ERROR", "", 1, 1]]);
  });

  it("reports duplicate keys with their path, at the second occurrence", () => {
    const text = '{\n  "support_page": "https://a.example",\n  "support_page": "javascript:x"\n}';
    const result = validateSupportText(text, { lint: false });
    expect(result.diagnostics.map((d) => [d.code, d.path, d.line, d.column])).toEqual([
      ["DUPLICATE_KEY", "/support_page", 3, 3],
      // JSON.parse keeps the last value; the finding about it points at the last key.
      ["SUPPORT_PAGE_UNSAFE_SCHEME", "/support_page", 3, 3],
    ]);
    expect(result.diagnostics[0]?.severity).toBe("warning");
  });

  it("reports nested duplicate keys with the full path", () => {
    const text =
      '{"contacts": [{"role": "m.role.admin", "email_address": "a@example.org", "role": "m.role.security"}]}';
    expect(at(text)).toContainEqual([
      "DUPLICATE_KEY",
      "/contacts/0/role",
      1,
      text.lastIndexOf('"role"') + 1,
    ]);
  });
});

describe("YAML positions", () => {
  const yaml = [
    "# support file", //                         1
    "contacts:", //                              2
    "  - role: m.role.admin", //                 3
    "    email_address: admin@example", //       4
    "  - role: m.role.security", //              5
    "    matrix_id: admin", //                   6
    "support_page: http://example.org", //       7
  ].join("\n");

  it("locates each diagnostic at its key or sequence item", () => {
    expect(at(yaml)).toEqual([
      ["MATRIX_ID_INVALID", "/contacts/1/matrix_id", 6, 5],
      ["SUPPORT_PAGE_HTTP", "/support_page", 7, 1],
    ]);
    expect(at("contacts:\n  - email_address: a@example.org\n")).toEqual([
      ["ROLE_MISSING", "/contacts/0", 2, 5],
      ["NO_SECURITY_CONTACT", "", 1, 1],
    ]);
  });

  it("locates syntax errors", () => {
    const result = validateSupportText(
      "contacts:\n  - role: m.role.admin\n   email_address: a@example.org\n",
      {
        format: "yaml",
      },
    );
    expect(result.valid).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: "PARSE_ERROR", path: "", line: 3, column: 1 }),
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/^Not valid YAML: /);
  });

  it("reports duplicate keys with their path and position", () => {
    const text =
      "support_page: https://example.org\ncontacts:\n  - role: m.role.admin\n    role: m.role.security\n    email_address: a@example.org\n";
    expect(at(text)).toEqual([["DUPLICATE_KEY", "/contacts/0/role", 4, 5]]);
  });

  it("does not let __proto__ keys reach prototypes", () => {
    const text = "__proto__:\n  polluted: true\nsupport_page: https://example.org\n";
    const result = validateSupportText(text);
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(result.value as object, "__proto__")).toBe(true);
  });

  it("refuses alias bombs", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 8; i++)
      lines.push(
        `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [*${"abcdefgh"[i]}, *${"abcdefgh"[i]}, *${"abcdefgh"[i]}, *${"abcdefgh"[i]}, *${"abcdefgh"[i]}, *${"abcdefgh"[i]}, *${"abcdefgh"[i]}, *${"abcdefgh"[i]}, *${"abcdefgh"[i]}, *${"abcdefgh"[i]}]`,
      );
    const result = parseSource(lines.join("\n"));
    expect(result.value).toBeUndefined();
    expect(result.diagnostics[0]?.code).toBe("PARSE_ERROR");
  });
});

describe("formats", () => {
  it("detects JSON by its first character and YAML otherwise, ignoring a BOM and blank lines", () => {
    expect(detectFormat('{"a": 1}')).toBe("json");
    expect(detectFormat("\uFEFF\n  [1]")).toBe("json");
    expect(detectFormat("contacts: []")).toBe("yaml");
    expect(detectFormat("<html>")).toBe("yaml");
  });

  it("accepts a UTF-8 byte order mark in JSON and YAML", () => {
    expect(
      validateSupportText('\uFEFF{"support_page": "https://example.org"}', { lint: false }),
    ).toMatchObject({
      valid: true,
      diagnostics: [],
    });
    expect(
      validateSupportText("\uFEFFsupport_page: https://example.org\n", { lint: false }).valid,
    ).toBe(true);
    expect(
      validateSupportText('\uFEFF{"support_page": "https://example.org"}', { format: "json" })
        .valid,
    ).toBe(true);
  });

  it("treats text that is neither JSON nor a YAML mapping as a parse error at 1:1", () => {
    for (const text of ["<!DOCTYPE html>\n<html></html>", "just some words", "", "   \n"]) {
      expect(at(text), JSON.stringify(text)).toEqual([["PARSE_ERROR", "", 1, 1]]);
    }
  });

  it("names an HTML page as such, even one YAML would read as a mapping", () => {
    for (const page of [
      "<p>Contact: admin@example.org</p>",
      '<!DOCTYPE html>\n<html lang="en">\n<body>Support: x</body>\n</html>',
    ]) {
      expect(validateSupportText(page).diagnostics).toEqual([
        expect.objectContaining({
          code: "PARSE_ERROR",
          line: 1,
          column: 1,
          message: "Not valid JSON or YAML: this is an HTML or XML page",
        }),
      ]);
    }
    expect(at("\n\n  <html>")).toEqual([["PARSE_ERROR", "", 3, 3]]);
  });

  it("with an explicit format, a scalar document is NOT_AN_OBJECT rather than a parse error", () => {
    expect(at('"admin@example.org"', { format: "json" })).toEqual([["NOT_AN_OBJECT", "", 1, 1]]);
    expect(at("admin@example.org\n", { format: "yaml" })).toEqual([["NOT_AN_OBJECT", "", 1, 1]]);
  });

  it("counts lines the same with CRLF line endings, in JSON and YAML", () => {
    const json = '{\r\n  "support_page": "https://example.org",\r\n  "supportPage": "x"\r\n}';
    expect(at(json, { lint: false })).toEqual([["MISSPELLED_KEY", "/supportPage", 3, 3]]);
    const yaml =
      "support_page: https://example.org\r\ncontacts:\r\n  - role: admin\r\n    email_address: a@example.org\r\n";
    expect(at(yaml, { lint: false })).toEqual([["ROLE_DRAFT", "/contacts/0/role", 3, 5]]);
  });

  it("offsetToPosition is 1-based and counts newlines", () => {
    expect(offsetToPosition("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(offsetToPosition("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(offsetToPosition("ab", 99)).toEqual({ line: 1, column: 3 });
  });
});

describe("limits", () => {
  it("refuses text over the size limit (1 MiB by default), counted in UTF-8 bytes", () => {
    expect(DEFAULT_MAX_SOURCE_BYTES).toBe(1024 * 1024);
    const filler = "x".repeat(DEFAULT_MAX_SOURCE_BYTES);
    const big = `{"support_page": "https://example.org", "pad": "${filler}"}`;
    const result = parseSource(big);
    expect(result.value).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "DOCUMENT_TOO_LARGE",
        severity: "error",
        path: "",
        line: 1,
        column: 1,
      }),
    ]);
    // 40 characters of 3 bytes each: 120 bytes.
    expect(parseSource(`{"a": "${"€".repeat(40)}"}`, { maxBytes: 100 }).diagnostics[0]?.code).toBe(
      "DOCUMENT_TOO_LARGE",
    );
    expect(parseSource(`{"a": "${"€".repeat(20)}"}`, { maxBytes: 100 }).value).toBeDefined();
  });

  it("refuses nesting deeper than the limit (64 by default) before parsing, with a position", () => {
    expect(DEFAULT_MAX_DEPTH).toBe(64);
    const ok = `{"x": ${"[".repeat(63)}${"]".repeat(63)}}`;
    expect(parseSource(ok).diagnostics).toEqual([]);
    const deep = `{"x": ${"[".repeat(64)}${"]".repeat(64)}}`;
    expect(parseSource(deep).diagnostics).toEqual([
      expect.objectContaining({ code: "DOCUMENT_TOO_DEEP", line: 1, column: 7 + 63 }),
    ]);
    expect(parseSource("x: ".concat("[".repeat(100))).diagnostics[0]?.code).toBe(
      "DOCUMENT_TOO_DEEP",
    );
    expect(
      parseSource(`{"x": ${"[".repeat(10)}${"]".repeat(10)}}`, { maxDepth: 5 }).diagnostics[0]
        ?.code,
    ).toBe("DOCUMENT_TOO_DEEP");
  });

  it("counts YAML block nesting by indentation, before parsing", () => {
    let ok = "";
    for (let i = 0; i < 64; i++) ok += `${" ".repeat(i)}k:\n`;
    expect(parseSource(ok).diagnostics).toEqual([]);
    let deep = "";
    for (let i = 0; i < 70; i++) deep += `${" ".repeat(i)}k:\n`;
    expect(parseSource(deep).diagnostics).toEqual([
      expect.objectContaining({ code: "DOCUMENT_TOO_DEEP", line: 65, column: 65 }),
    ]);
    // Comments and blank lines do not nest.
    expect(parseSource(`# a\n\n${ok}   # deep comment\n`).diagnostics).toEqual([]);
  });

  it("reports a parser's stack overflow as nesting, not as a syntax error", () => {
    // A stray quote hides the brackets from the pre-check; the parser's own overflow is caught.
    const text = `a: x"\nb: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`;
    const [d] = validateSupportText(text).diagnostics;
    expect(d).toMatchObject({ code: "DOCUMENT_TOO_DEEP", severity: "error" });
    expect(d?.line).toBeTypeOf("number");
  });

  it("ignores brackets inside JSON strings when counting depth", () => {
    const text = `{"support_page": "https://example.org/${"[".repeat(100)}"}`;
    expect(parseSource(text).diagnostics.map((d) => d.code)).not.toContain("DOCUMENT_TOO_DEEP");
  });

  it("survives 100,000 levels of nesting without a stack overflow", () => {
    const text = "[".repeat(100_000);
    expect(() => validateSupportText(text)).not.toThrow();
    expect(validateSupportText(text).diagnostics[0]?.code).toBe("DOCUMENT_TOO_DEEP");
    expect(validateSupportText(text, { maxDepth: 1_000_000 }).valid).toBe(false);
  });
});

describe("parseJsonSource (JSON only, no YAML parser loaded)", () => {
  const texts = [
    '{"contacts":[{"role":"m.role.admin","email_address":"a@example.org"}]}',
    '\uFEFF{"support_page": "https://example.org", "support_page": "http://x"}',
    '{"contacts": [1, 2,]}',
    "[".repeat(DEFAULT_MAX_DEPTH + 1),
    '"just a string"',
  ];

  it("gives what parseSource gives for JSON text: value, diagnostics and positions", () => {
    for (const text of texts) {
      const a = parseJsonSource(text);
      const b = parseSource(text);
      expect(a.value, text).toEqual(b.value);
      expect(a.diagnostics, text).toEqual(b.diagnostics);
      expect(validateSource(a).diagnostics, text).toEqual(validateSupportText(text).diagnostics);
    }
  });

  it("refuses YAML text as a JSON syntax error at 1:1", () => {
    const r = parseJsonSource("contacts:\n  - role: m.role.admin\n");
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: "PARSE_ERROR", line: 1, column: 1 }]);
  });
});

/**
 * `matrix-support validate FILE|- [--json] [--strict]`, as PRODUCT.md specifies it. Most cases call
 * `run(argv)` in-process with stdout/stderr captured; stdin and the real process exit code are
 * checked by spawning the CLI from source (tsx), so the test never depends on a stale dist/.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../packages/cli/src/cli/program.js";

const root = join(import.meta.dirname, "../..");
const doc = (name: string) => join(root, "test/fixtures/documents", name);
const config = (name: string) => join(root, "test/fixtures/configs", name);
let tmp: string;
let out = "";
let err = "";
let colourEnv: string | undefined;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "validate-cli-"));
  colourEnv = process.env.FORCE_COLOR;
  delete process.env.FORCE_COLOR;
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  if (colourEnv !== undefined) process.env.FORCE_COLOR = colourEnv;
});
beforeEach(() => {
  out = "";
  err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const validate = (...args: string[]) => run(["node", "matrix-support", "validate", ...args]);
const json = () => JSON.parse(out) as { valid: boolean; diagnostics: Record<string, unknown>[] };

describe("exit codes", () => {
  it("0 for a valid document, with a summary line", async () => {
    expect(await validate(doc("valid/spec-example.json"))).toBe(0);
    expect(out).toBe(
      `${doc("valid/spec-example.json")}: valid document (0 errors, 0 warnings, 0 info)\n`,
    );
    expect(err).toBe("");
  });

  it("1 when there is an error diagnostic", async () => {
    expect(await validate(doc("invalid/role-missing.json"))).toBe(1);
  });

  it("0 with warnings only, 1 with warnings under --strict", async () => {
    expect(await validate(doc("valid/role-bare-admin.json"))).toBe(0);
    expect(await validate(doc("valid/role-bare-admin.json"), "--strict")).toBe(1);
    expect(await validate(doc("valid/spec-example.json"), "--strict")).toBe(0);
    // an info is not a warning
    expect(await validate(doc("valid/unknown-keys.json"), "--strict")).toBe(0);
  });

  it("2 for a missing file: one line on stderr, no stack trace", async () => {
    const missing = join(tmp, "nope.json");
    expect(await validate(missing)).toBe(2);
    expect(out).toBe("");
    expect(err).toBe(`matrix-support validate: cannot read ${missing}: no such file\n`);
  });

  it("2 for a directory and for usage errors", async () => {
    expect(await validate(tmp)).toBe(2);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(await validate()).toBe(2);
    expect(await validate(doc("valid/spec-example.json"), "--no-such-flag")).toBe(2);
  });
});

describe("human output", () => {
  it("reads like a linter: file:line:col  severity  message  (CODE), the hint under it", async () => {
    const file = doc("invalid/role-missing.json");
    await validate(file);
    const lines = out.split("\n");
    expect(lines[0]).toBe(
      `${file}:3:5  error  The contact has no "role"; it is required  (ROLE_MISSING)`,
    );
    expect(lines[1]).toBe("    path: /contacts/0");
    expect(lines[2]).toBe(
      '    hint: Use "m.role.admin" for general queries or "m.role.security" for security reports.',
    );
    expect(lines[3]).toMatch(/^ {4}spec: https:\/\/spec\.matrix\.org\//);
    expect(out).toContain(`${file}: invalid document (1 error, 0 warnings, 0 info)\n`);
    // The message is the one --json gives.
    out = "";
    await validate(file, "--json");
    expect(json().diagnostics[0]?.message).toBe('The contact has no "role"; it is required');
  });

  it("sorts by position and prints no colour codes when stdout is not a terminal", async () => {
    await validate(doc("invalid/camel-case-keys.json"));
    const positions = [...out.matchAll(/\.json:(\d+):(\d+) /g)].map(
      (m) => Number(m[1]) * 1000 + Number(m[2]),
    );
    expect(positions.length).toBeGreaterThan(3);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(out).not.toMatch(/\u001b\[/);
  });

  it("no colours with FORCE_COLOR=0 or false, nor with NO_COLOR", async () => {
    for (const [name, value] of [
      ["FORCE_COLOR", "0"],
      ["FORCE_COLOR", "false"],
      ["NO_COLOR", "1"],
    ] as const) {
      out = "";
      process.env[name] = value;
      try {
        await validate(doc("invalid/role-missing.json"));
      } finally {
        delete process.env[name];
      }
      expect(out, `${name}=${value}`).toContain("error");
      expect(out, `${name}=${value}`).not.toMatch(/\u001b\[/);
    }
  });

  it("colours with FORCE_COLOR", async () => {
    process.env.FORCE_COLOR = "1";
    try {
      await validate(doc("invalid/role-missing.json"));
    } finally {
      delete process.env.FORCE_COLOR;
    }
    expect(out).toMatch(/\u001b\[31merror/);
  });

  it("locates syntax errors", async () => {
    const file = doc("invalid/syntax-trailing-comma.json");
    expect(await validate(file)).toBe(1);
    expect(out).toContain(
      `${file}:3:69  error  Not valid JSON: a trailing comma is not allowed after the last item`,
    );
  });
});

describe("--json", () => {
  it("prints exactly { valid, diagnostics } with the diagnostic shape of PRODUCT.md", async () => {
    expect(await validate(doc("invalid/camel-case-keys.json"), "--json")).toBe(1);
    const result = json();
    expect(Object.keys(result)).toEqual(["valid", "diagnostics"]);
    expect(result.valid).toBe(false);
    for (const d of result.diagnostics) {
      expect(
        Object.keys(d).every((k) =>
          ["code", "severity", "path", "message", "hint", "spec", "line", "column"].includes(k),
        ),
      ).toBe(true);
      expect(d.code).toMatch(/^[A-Z_]+$/);
      expect(["error", "warning", "info"]).toContain(d.severity);
      expect(typeof d.path).toBe("string");
      expect(typeof d.message).toBe("string");
      expect(typeof d.line).toBe("number");
      expect(typeof d.column).toBe("number");
    }
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "MISSPELLED_KEY",
        severity: "warning",
        path: "/supportPage",
        line: 9,
        column: 3,
      }),
    );
  });

  it("valid is true for a valid document and follows --strict", async () => {
    await validate(doc("valid/spec-example.json"), "--json");
    expect(json()).toEqual({ valid: true, diagnostics: [] });
    out = "";
    expect(await validate(doc("valid/support-page-http.json"), "--json", "--strict")).toBe(1);
    expect(json().valid).toBe(false);
  });

  it("an HTML page is an invalid document: exit 1, PARSE_ERROR with line and column", async () => {
    expect(await validate(doc("invalid/html-page.html"), "--json")).toBe(1);
    expect(json()).toEqual({
      valid: false,
      diagnostics: [
        expect.objectContaining({
          code: "PARSE_ERROR",
          severity: "error",
          path: "",
          line: 1,
          column: 1,
        }),
      ],
    });
  });

  it("HTML saved as .json is a JSON syntax error at its position", async () => {
    const file = join(tmp, "support.json");
    writeFileSync(file, "\n  <html><body>Not found</body></html>\n");
    expect(await validate(file, "--json")).toBe(1);
    expect(json().diagnostics).toEqual([
      expect.objectContaining({ code: "PARSE_ERROR", line: 2, column: 3 }),
    ]);
  });

  it("--server-name enables the backup-contact check", async () => {
    await validate(
      doc("valid/no-off-domain-contact.json"),
      "--json",
      "--server-name",
      "example.org",
    );
    expect(json().diagnostics.map((d) => d.code)).toEqual(["NO_OFF_DOMAIN_CONTACT"]);
  });
});

describe("--server-name", () => {
  it.each(["bad name!!", "Example..org", "https://example.org/help", "http://example.org", ""])(
    "a bad value %j is exit 2 with one line naming the flag, nothing validated",
    async (value) => {
      expect(await validate(doc("valid/no-off-domain-contact.json"), "--server-name", value)).toBe(
        2,
      );
      expect(out).toBe("");
      expect(err.trim().split("\n")).toHaveLength(1);
      expect(err).toMatch(/^matrix-support validate: --server-name: .*server name/);
      expect(err).not.toMatch(/\n\s+at /);
    },
  );

  it("takes a pasted https://host/ as the host, saying so on stderr", async () => {
    const args = ["--json", "--server-name", "https://example.org/"];
    expect(await validate(doc("valid/no-off-domain-contact.json"), ...args)).toBe(0);
    expect(json().diagnostics.map((d) => d.code)).toEqual(["NO_OFF_DOMAIN_CONTACT"]);
    expect(err).toBe(
      "--server-name  info  Using server name example.org (from https://example.org/)  (SERVER_NAME_FROM_URL)\n",
    );
  });

  it("with a config: the same name is fine, another is exit 2, and it stands in for a missing server_name", async () => {
    const example = join(root, "examples/matrix-support.yaml");
    expect(await validate(example, "--server-name", "example.org")).toBe(0);
    err = "";
    expect(await validate(example, "--server-name", "example.com")).toBe(2);
    expect(err).toContain('--server-name "example.com" differs from the config\'s server_name');
    const nameless = join(tmp, "nameless.yaml");
    writeFileSync(
      nameless,
      "support:\n  contacts:\n    - role: m.role.admin\n      email_address: admin@example.org\n",
    );
    out = "";
    expect(await validate(nameless, "--json", "--server-name", "example.org")).toBe(0);
    expect(json().diagnostics.map((d) => d.code)).toContain("NO_OFF_DOMAIN_CONTACT");
  });

  it("a config's server_name with a trailing dot is a warning at its line", async () => {
    const dotted = join(tmp, "dotted.yaml");
    writeFileSync(
      dotted,
      "server_name: example.org.\nsupport:\n  support_page: https://example.org/help\n",
    );
    expect(await validate(dotted, "--json")).toBe(0);
    expect(json().diagnostics).toContainEqual(
      expect.objectContaining({
        code: "SERVER_NAME_TRAILING_DOT",
        severity: "warning",
        path: "/server_name",
        line: 1,
      }),
    );
  });
});

describe("bytes that are not UTF-8, and files over the size limit", () => {
  const latin1 = (s: string) => Buffer.from(s, "latin1");

  it("a Latin-1 document is invalid (exit 1), INPUT_NOT_UTF8 at the first bad byte, as check says BODY_NOT_UTF8", async () => {
    const file = join(tmp, "latin1.json");
    const text =
      '{\n  "contacts": [\n    {"role": "m.role.admin", "email_address": "ren\xe9@example.org"}\n  ]\n}\n';
    writeFileSync(file, latin1(text));
    expect(await validate(file, "--json")).toBe(1);
    const offset = latin1(text).indexOf(0xe9);
    expect(json()).toEqual({
      valid: false,
      diagnostics: [
        expect.objectContaining({
          code: "INPUT_NOT_UTF8",
          severity: "error",
          line: 3,
          column: 51,
          message: `Not valid UTF-8: byte 0xE9 at offset ${offset} (line 3, column 51) cannot be decoded`,
        }),
      ],
    });
    out = "";
    expect(await validate(file)).toBe(1);
    expect(out).toContain(`${file}:3:51  error  Not valid UTF-8: byte 0xE9`);
    expect(out).toContain(`${file}: invalid document (1 error, 0 warnings, 0 info)`);
  });

  it("a Latin-1 TOML config is an invalid config, located", async () => {
    const file = join(tmp, "latin1.toml");
    writeFileSync(file, latin1('server_name = "example.org"\n# caf\xe9\n'));
    expect(await validate(file)).toBe(1);
    expect(out).toContain(`${file}:2:6  error  Not valid UTF-8`);
    expect(out).toContain(`${file}: invalid config`);
  });

  it("a UTF-8 BOM is accepted and skipped", async () => {
    expect(await validate(doc("valid/bom.json"))).toBe(0);
  });

  it("a file over 1 MiB is refused by its size before it is read: exit 1, DOCUMENT_TOO_LARGE naming size and limit", async () => {
    const file = join(tmp, "huge.json");
    writeFileSync(file, "");
    // Sparse: 4 GiB on paper, nothing on disk. Reading it whole would fail (over 2 GiB).
    truncateSync(file, 4 * 1024 ** 3);
    expect(await validate(file)).toBe(1);
    expect(out).toContain(
      `${file}  error  The document is 4294967296 bytes, over the limit of 1048576 bytes  (DOCUMENT_TOO_LARGE)`,
    );
    expect(err).toBe("");
  });
});

describe("standard input", () => {
  /** Runs with `text` as standard input, in-process. */
  async function withStdin(text: string | Buffer, ...args: string[]): Promise<number> {
    const real = Object.getOwnPropertyDescriptor(process, "stdin");
    Object.defineProperty(process, "stdin", {
      value: Readable.from([Buffer.isBuffer(text) ? text : Buffer.from(text)]),
      configurable: true,
    });
    try {
      return await validate("-", ...args);
    } finally {
      if (real) Object.defineProperty(process, "stdin", real);
    }
  }

  it("reads JSON from - and names it <stdin>", async () => {
    const text =
      '{"contacts": [{"role": "m.role.admin", "email_address": "a@example.org"}, {"role": "m.role.security", "email_address": "s@example.org"}]}';
    expect(await withStdin(text, "--json")).toBe(0);
    expect(json()).toEqual({ valid: true, diagnostics: [] });
    out = "";
    expect(await withStdin(text)).toBe(0);
    expect(out).toBe("<stdin>: valid document (0 errors, 0 warnings, 0 info)\n");
  });

  it("valid JSON is never taken for TOML, though `[1]` is also a TOML table header", async () => {
    for (const text of ['["a"]\n', "[1]\n", "[true]"]) {
      out = "";
      expect(await withStdin(text, "--json"), text).toBe(1);
      expect(json().diagnostics.map((d) => d.code)).toEqual(["NOT_AN_OBJECT"]);
    }
  });

  it("tells a TOML config on standard input from its text", async () => {
    const toml = readFileSync(join(root, "examples/matrix-support.toml"), "utf8");
    expect(await withStdin(toml)).toBe(0);
    expect(out).toContain("<stdin>: valid config");
    out = "";
    expect(await withStdin(toml.replace("admin@example.org", "mailto:admin@example.org"))).toBe(1);
    expect(out).toMatch(/^<stdin>:\d+:\d+ {2}error {2}.*\(EMAIL_MAILTO\)$/m);
  });

  it("stops reading past 1 MiB: an endless standard input is DOCUMENT_TOO_LARGE, exit 1", async () => {
    const real = Object.getOwnPropertyDescriptor(process, "stdin");
    Object.defineProperty(process, "stdin", {
      value: Readable.from(
        (function* () {
          for (;;) yield Buffer.alloc(65536, 0x20);
        })(),
      ),
      configurable: true,
    });
    try {
      expect(await validate("-", "--json")).toBe(1);
    } finally {
      if (real) Object.defineProperty(process, "stdin", real);
    }
    expect(json().diagnostics).toEqual([
      expect.objectContaining({
        code: "DOCUMENT_TOO_LARGE",
        message: "The document is more than 1048576 bytes, over the limit of 1048576 bytes",
      }),
    ]);
  });

  it("a Latin-1 standard input is INPUT_NOT_UTF8, exit 1", async () => {
    expect(await withStdin(Buffer.from("contacts: caf\xe9\n", "latin1"), "--json")).toBe(1);
    expect(json().diagnostics.map((d) => d.code)).toEqual(["INPUT_NOT_UTF8"]);
  });

  it("reads YAML from - with positions", async () => {
    expect(await withStdin("contacts:\n  - email_address: a@example.org\n", "--json")).toBe(1);
    expect(json().diagnostics).toContainEqual(
      expect.objectContaining({ code: "ROLE_MISSING", line: 2, column: 5 }),
    );
  });
});

describe("YAML documents and config files", () => {
  it("validates a YAML support document with positions", async () => {
    expect(await validate(doc("valid/spec-example.yaml"))).toBe(0);
    out = "";
    expect(await validate(doc("valid/duplicate-key.yaml"), "--json")).toBe(0);
    expect(json().diagnostics).toEqual([
      expect.objectContaining({
        code: "DUPLICATE_KEY",
        path: "/contacts/1/email_address",
        line: 6,
        column: 5,
      }),
    ]);
  });

  it("detects the example config and says so", async () => {
    const file = join(root, "examples/matrix-support.yaml");
    expect(await validate(file)).toBe(0);
    expect(out).toContain(`${file}: valid config`);
  });

  for (const ext of ["yaml", "json", "toml"]) {
    it(`detects a ${ext.toUpperCase()} config and names each problem with file:line:col`, async () => {
      const file = config(`invalid-contact.${ext}`);
      expect(await validate(file)).toBe(1);
      expect(out).toContain(`${file}: invalid config`);
      expect(out).toMatch(
        new RegExp(
          `${file.replace(/[.]/g, "\\.")}:\\d+:\\d+  error  .*  \\(EMAIL_MAILTO\\)\n    path: /support/contacts/0/email_address\n`,
        ),
      );
      expect(out).toMatch(
        /:\d+:\d+ {2}error {2}.* {2}\(ROLE_MISSING\)\n {4}path: \/support\/contacts\/1\n/,
      );
    });
  }

  it("locates config problems exactly in YAML", async () => {
    await validate(config("invalid-contact.yaml"), "--json");
    expect(json().diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: "EMAIL_MAILTO",
          path: "/support/contacts/0/email_address",
          line: 5,
          column: 7,
        }),
        expect.objectContaining({
          code: "ROLE_MISSING",
          path: "/support/contacts/1",
          line: 6,
          column: 7,
        }),
      ]),
    );
  });

  it("a valid TOML config passes", async () => {
    expect(await validate(config("valid.toml"))).toBe(0);
  });

  it("tells a TOML config from its text when the extension says nothing", async () => {
    const toml = readFileSync(join(root, "examples/matrix-support.toml"), "utf8");
    const conf = join(tmp, "matrix-support.conf");
    writeFileSync(conf, toml);
    expect(await validate(conf)).toBe(0);
    expect(out).toContain(`${conf}: valid config`);
  });
});

/** The environment without FORCE_COLOR (set by the test runner) and with NO_COLOR. */
function noColourEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  return env;
}

describe("as a process", () => {
  const cli = (args: string[], input?: string) =>
    spawnSync(
      process.execPath,
      ["--import", "tsx", join(root, "packages/cli/src/cli/main.ts"), ...args],
      {
        cwd: root,
        input,
        encoding: "utf8",
        env: noColourEnv(),
      },
    );

  it("reads standard input for - and exits 1 on an invalid document", () => {
    const bad = cli(["validate", "-"], "contacts:\n  - email_address: a@example.org\n");
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('<stdin>:2:5  error  The contact has no "role"');
  });

  it("exits 2 with one line and no stack trace for a missing file", () => {
    const r = cli(["validate", "/nonexistent/support.json"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "matrix-support validate: cannot read /nonexistent/support.json: no such file\n",
    );
  });
});

describe("the program itself", () => {
  it("--version and -V print the version without loading any command, exit 0", async () => {
    for (const flag of ["--version", "-V"]) {
      out = "";
      expect(await run(["node", "matrix-support", flag])).toBe(0);
      expect(out).toMatch(/^\d+\.\d+\.\d+\n$/);
    }
  });

  it("--help lists every command", async () => {
    expect(await run(["node", "matrix-support", "--help"])).toBe(0);
    for (const command of ["validate", "check", "serve", "export", "init", "scan", "report"])
      expect(out).toContain(command);
  });
});

describe("--as: room contacts (MSC4489, MSC4490), support documents, configs", () => {
  const room = (name: string) => join(root, "test/fixtures/room-contacts", name);

  it("validates an event's content as room contacts, positions and all", async () => {
    expect(await validate(room("valid/msc4489-content.json"), "--as", "room-contacts")).toBe(0);
    expect(out).toContain("info  The content of an m.room.contact state event comes from MSC4489");
    expect(out).toContain(
      `${room("valid/msc4489-content.json")}: valid room contacts (0 errors, 0 warnings, 1 info)`,
    );
  });

  it("without --as, bare content is a support document (the same shape; only the caller knows)", async () => {
    expect(await validate(room("valid/content-empty.json"))).toBe(1);
    expect(out).toContain("EMPTY_DOCUMENT");
    expect(out).toContain("invalid document");
    out = "";
    expect(await validate(room("valid/content-empty.json"), "--as", "room-contacts")).toBe(0);
    expect(out).toContain("ROOM_CONTACTS_EMPTY");
  });

  it("recognises a whole event or a rejection on its own, and says so", async () => {
    expect(await validate(room("valid/event-unstable.json"))).toBe(0);
    expect(out).toContain("valid room contacts");
    out = "";
    expect(await validate(room("invalid/rejection-hostile.json"), "--json")).toBe(1);
    expect(json().diagnostics.map((d) => [d.code, d.path, d.line, d.column])).toEqual([
      ["ROOM_CONTACTS_PROPOSAL", "/contact", 4, 3],
      ["PGP_KEY_UNSAFE_SCHEME", "/contact/contacts/0/pgp_key", 10, 9],
      ["SUPPORT_PAGE_UNSAFE_SCHEME", "/contact/support_page", 13, 5],
    ]);
  });

  it("reads YAML room contacts with positions", async () => {
    expect(await validate(room("invalid/event-bad-email.yaml"))).toBe(1);
    expect(out).toContain(`${room("invalid/event-bad-email.yaml")}:11:7  error`);
  });

  it("--as support keeps a whole event a support document; --as config reads it as a config", async () => {
    expect(await validate(room("valid/event-stable.json"), "--as", "support", "--json")).toBe(1);
    expect(json().diagnostics.map((d) => d.code)).toContain("EMPTY_DOCUMENT");
    out = "";
    expect(await validate(doc("valid/spec-example.json"), "--as", "config")).toBe(0);
    expect(out).toContain("valid config");
  });

  it("an unknown --as, or TOML as room contacts, is a usage error: exit 2, one message", async () => {
    expect(await validate(room("valid/event-stable.json"), "--as", "room")).toBe(2);
    expect(err).toBe(
      'matrix-support validate: --as must be one of support, config, room-contacts, not "room"\n(run "matrix-support validate --help" for usage)\n',
    );
    err = "";
    expect(await validate(config("valid.toml"), "--as", "room-contacts")).toBe(2);
    expect(err).toBe(
      `matrix-support validate: --as room-contacts reads JSON or YAML; ${config("valid.toml")} is TOML\n`,
    );
  });
});

import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { validateCommand } from "../../packages/cli/src/cli/validate.js";
import { parseConfig } from "../../packages/cli/src/config/index.js";
import { writeFileAtomic } from "../../packages/cli/src/files.js";
import { buildConfig } from "../../packages/cli/src/init/index.js";
import { diagnostic } from "../../packages/lib/src/core/index.js";
import type { DiscoveryResult } from "../../packages/lib/src/discover/types.js";
import { wellKnownBodies } from "../../packages/lib/src/server/bodies.js";
import { FakeTty, tick } from "../init/fake-tty.js";
import { found, runInit, tempDir, ttyIo } from "./init-helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
let n = 0;
/** A fresh directory per test, all under one temp dir removed at the end. */
async function fresh(): Promise<string> {
  const d = join(dir, String(n++));
  await mkdir(d);
  return d;
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterAll(async () => {
  await cleanup();
});

const SCRIPTED = {
  serverName: "example.org",
  adminMxid: "@admin:example.org",
  adminEmail: "admin@example.org",
  backupMxid: "@example-admin:matrix.org",
  securityEmail: "security@example.org",
  supportPage: "https://example.org/help",
};

const SCRIPTED_CONFIG = buildConfig({
  serverName: "example.org",
  admin: { matrix_id: "@admin:example.org", email_address: "admin@example.org" },
  backup: { matrix_id: "@example-admin:matrix.org" },
  security: { email_address: "security@example.org" },
  supportPage: "https://example.org/help",
});

const NEXT = (file: string, server: string) =>
  `Next:\n  matrix-support serve --config ${file}\n  matrix-support export --config ${file} --out public\n  matrix-support check ${server}\n`;

async function quietValidate(file: string): Promise<number> {
  const spy = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  try {
    return await validateCommand(file, {});
  } finally {
    spy.mockRestore();
  }
}

describe("init, scripted (no terminal)", () => {
  it("writes matrix-support.yaml in the current directory that validates, serves and round-trips", async () => {
    const cwd = await fresh();
    const ran = await runInit(cwd, SCRIPTED);
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    const file = join(cwd, "matrix-support.yaml");
    const text = await readFile(file, "utf8");
    // validate: exit 0, and not even a warning.
    expect(await quietValidate(file)).toBe(0);
    const loaded = parseConfig(text, { fileName: file });
    expect(loaded.diagnostics).toEqual([]);
    // Round trip: the file holds exactly what the flags said.
    expect(loaded.config).toEqual(
      buildConfig({
        serverName: "example.org",
        admin: { matrix_id: "@admin:example.org", email_address: "admin@example.org" },
        backup: { matrix_id: "@example-admin:matrix.org" },
        security: { email_address: "security@example.org" },
        supportPage: "https://example.org/help",
      }),
    );
    // What `serve` and `export` would publish.
    expect(JSON.parse(wellKnownBodies(loaded.config ?? {}).support ?? "null")).toEqual({
      contacts: [
        {
          role: "m.role.admin",
          matrix_id: "@admin:example.org",
          email_address: "admin@example.org",
        },
        { role: "m.role.admin", matrix_id: "@example-admin:matrix.org" },
        { role: "m.role.security", email_address: "security@example.org" },
      ],
      support_page: "https://example.org/help",
    });
    expect(ran.stdout).toContain("Wrote matrix-support.yaml");
    expect(ran.stdout.endsWith(NEXT("matrix-support.yaml", "example.org"))).toBe(true);
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+config\.schema\.json\n/);
    expect(await readdir(cwd)).toEqual(["matrix-support.yaml"]);
  });

  it("writes where --out says, and names that file in the next commands", async () => {
    const cwd = await fresh();
    await mkdir(join(cwd, "conf dir"));
    const ran = await runInit(cwd, { ...SCRIPTED, out: "conf dir/support.yaml" });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(NEXT("'conf dir/support.yaml'", "example.org"));
    expect(
      parseConfig(await readFile(join(cwd, "conf dir/support.yaml"), "utf8")).config,
    ).not.toBeNull();
  });

  it.each(["json", "toml"])("writes %s when the file name asks for it", async (ext) => {
    const cwd = await fresh();
    const ran = await runInit(cwd, { ...SCRIPTED, out: `matrix-support.${ext}` });
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    const file = join(cwd, `matrix-support.${ext}`);
    const text = await readFile(file, "utf8");
    const loaded = parseConfig(text, { fileName: file });
    expect(loaded.format).toBe(ext);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.config).toEqual(
      ext === "json" ? { $schema: expect.any(String), ...SCRIPTED_CONFIG } : SCRIPTED_CONFIG,
    );
    expect(await quietValidate(file)).toBe(0);
    expect(text).toMatch(
      ext === "json" ? /"\$schema": ".*config\.schema\.json"/ : /^#:schema .*config\.schema\.json/,
    );
  });

  it("writes the moderator contact, and passes on validate's warning about the proposal role", async () => {
    const cwd = await fresh();
    const ran = await runInit(cwd, { ...SCRIPTED, moderatorEmail: "abuse@example.org" });
    expect(ran.code).toBe(0);
    const config = parseConfig(await readFile(join(cwd, "matrix-support.yaml"), "utf8")).config;
    expect(config?.support?.contacts?.at(-1)).toEqual({
      role: "m.role.moderator",
      email_address: "abuse@example.org",
    });
    expect(ran.stderr).toMatch(
      /matrix-support\.yaml:\d+:\d+ {2}warning {2}Role "m\.role\.moderator" comes from MSC4121/,
    );
  });

  it("nudges toward a backup contact off the server's domain", async () => {
    const cwd = await fresh();
    const ran = await runInit(cwd, { serverName: "example.org", adminEmail: "admin@example.org" });
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain(
      diagnostic("NO_OFF_DOMAIN_CONTACT", "", { server_name: "example.org" }).message,
    );
  });

  it("refuses to overwrite an existing file, leaving it untouched", async () => {
    const cwd = await fresh();
    const file = join(cwd, "matrix-support.yaml");
    await writeFile(file, "server_name: mine.example\n");
    const ran = await runInit(cwd, SCRIPTED);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(
      diagnostic("INIT_FILE_EXISTS", undefined, { file: "matrix-support.yaml" }).message,
    );
    expect(ran.stderr).toContain("--force");
    expect(await readFile(file, "utf8")).toBe("server_name: mine.example\n");
    expect(await readdir(cwd)).toEqual(["matrix-support.yaml"]);
  });

  it("replaces an existing file with --force", async () => {
    const cwd = await fresh();
    const file = join(cwd, "matrix-support.yaml");
    await writeFile(file, "server_name: mine.example\n");
    const ran = await runInit(cwd, { ...SCRIPTED, force: true });
    expect(ran.code).toBe(0);
    expect(parseConfig(await readFile(file, "utf8")).config?.server_name).toBe("example.org");
    expect(await readdir(cwd)).toEqual(["matrix-support.yaml"]);
  });

  it("rejects invalid values with validate's catalogue messages, naming each flag: exit 1, nothing written", async () => {
    const cwd = await fresh();
    const ran = await runInit(cwd, {
      serverName: "example.org:0",
      adminMxid: "admin:example.org",
      securityEmail: "mailto:security@example.org",
      supportPage: "javascript:alert(1)",
    });
    expect(ran.code).toBe(1);
    const lines = ran.stderr.split("\n").filter((l) => l.startsWith("--"));
    expect(lines).toEqual([
      `--server-name  error  ${diagnostic("SERVER_NAME_INVALID", undefined, { value: "example.org:0", reason: "the port must be between 1 and 65535" }).message}  (SERVER_NAME_INVALID)`,
      `--admin-mxid  error  ${diagnostic("MATRIX_ID_INVALID", undefined, { value: "admin:example.org", reason: "a user ID starts with '@'" }).message}  (MATRIX_ID_INVALID)`,
      `--security-email  error  "mailto:security@example.org" has a "mailto:" prefix; the field holds a bare address  (EMAIL_MAILTO)`,
      `--support-page  error  ${diagnostic("SUPPORT_PAGE_UNSAFE_SCHEME", undefined, { scheme: "javascript", danger: "a link that runs code in the reader's client" }).message}  (SUPPORT_PAGE_UNSAFE_SCHEME)`,
    ]);
    expect(ran.stderr).toContain('hint: Write "security@example.org"');
    expect(await readdir(cwd)).toEqual([]);
  });

  it("takes a pasted https://host/ as the server name, saying so; a URL with a path is an invalid value", async () => {
    const cwd = await fresh();
    const ran = await runInit(cwd, { ...SCRIPTED, serverName: "https://example.org/" });
    expect(ran.code).toBe(0);
    expect(ran.stderr).toBe(
      "--server-name  info  Using server name example.org (from https://example.org/)  (SERVER_NAME_FROM_URL)\n",
    );
    const file = join(cwd, "matrix-support.yaml");
    expect(parseConfig(await readFile(file, "utf8")).config?.server_name).toBe("example.org");

    const other = await fresh();
    const bad = await runInit(other, { ...SCRIPTED, serverName: "https://example.org/help" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      '--server-name  error  "https://example.org/help" is a web address, not a server name: drop the https:// scheme and the path (use "example.org")',
    );
    expect(bad.stderr).not.toContain("the port must be");
    expect(await readdir(other)).toEqual([]);
  });

  it("says which required values are missing instead of asking: exit 1", async () => {
    const cwd = await fresh();
    const ran = await runInit(cwd, { securityEmail: "security@example.org" });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain("error  No server name given  (INIT_MISSING)");
    expect(ran.stderr).toContain("error  No admin contact given  (INIT_MISSING)");
    expect(ran.stderr).toContain("hint: Pass --admin-mxid and/or --admin-email.");
    expect(ran.stdout).toBe("");
    expect(await readdir(cwd)).toEqual([]);
  });

  it("asks nothing with --yes even on a terminal", async () => {
    const cwd = await fresh();
    const tty = new FakeTty();
    const ran = await runInit(cwd, { ...SCRIPTED, yes: true }, ttyIo(tty));
    expect(ran.code).toBe(0);
    expect(tty.text).not.toContain("Server name");
  });

  it("reports a write failure plainly: exit 2, nothing left behind", async () => {
    const cwd = await fresh();
    const ran = await runInit(cwd, { ...SCRIPTED, out: "no/such/dir/x.yaml" });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(
      "error  Could not write no/such/dir/x.yaml: no such file  (INIT_WRITE_FAILED)",
    );
    expect(ran.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await readdir(cwd)).toEqual([]);
  });
});

describe("init reads back what it wrote", () => {
  it("notices a file that does not hold what was written", async () => {
    const cwd = await fresh();
    const ran = await runInit(cwd, SCRIPTED, {
      // A writer that changes the text on the way: the read-back must catch it.
      write: (file, text) =>
        writeFileAtomic(file, text.replace("admin@example.org", "other@example.org")),
    });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(
      "matrix-support.yaml was written but does not read back as written: it holds other values than the answers  (INIT_READ_BACK)",
    );
    expect(ran.stdout).toBe("");
  });

  it("notices a file that does not validate", async () => {
    const cwd = await fresh();
    const ran = await runInit(cwd, SCRIPTED, {
      write: (file) => writeFileAtomic(file, "server_name: [\n"),
    });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/matrix-support\.yaml:\d+:\d+ {2}error {2}Not valid YAML/);
    expect(ran.stderr).toContain("it does not validate  (INIT_READ_BACK)");
  });
});

describe("init on a terminal", () => {
  it("runs the wizard and writes what was answered", async () => {
    const cwd = await fresh();
    const tty = new FakeTty();
    const done = runInit(cwd, { adminEmail: "admin@example.net" }, ttyIo(tty));
    await tty.answer("Server name", "example.org");
    // Flags prefill the wizard: Enter keeps the admin contact given by --admin-email.
    await tty.waitFor("admin@example.net");
    await tick();
    tty.type("\r");
    await tty.answer("Security contact", "security@example.org");
    await tty.answer("Moderator contact", "");
    await tty.answer("Support page", "https://example.org/help");
    const ran = await done;
    expect(ran.code).toBe(0);
    expect(tty.text).toContain("Wrote matrix-support.yaml");
    expect(tty.text).toContain(NEXT("matrix-support.yaml", "example.org"));
    const config = parseConfig(await readFile(join(cwd, "matrix-support.yaml"), "utf8")).config;
    expect(config?.support).toEqual({
      contacts: [
        { role: "m.role.admin", email_address: "admin@example.net" },
        { role: "m.role.security", email_address: "security@example.org" },
      ],
      support_page: "https://example.org/help",
    });
  });

  it("refuses before asking anything when the file exists", async () => {
    const cwd = await fresh();
    await writeFile(join(cwd, "matrix-support.yaml"), "x: 1\n");
    const tty = new FakeTty();
    const ran = await runInit(cwd, {}, ttyIo(tty));
    expect(ran.code).toBe(1);
    expect(tty.text).toBe("");
  });

  it("writes nothing when cancelled", async () => {
    const cwd = await fresh();
    const tty = new FakeTty();
    const done = runInit(cwd, {}, ttyIo(tty));
    await tty.waitFor("Server name");
    await tick();
    tty.type("\x03");
    expect((await done).code).toBe(1);
    expect(await readdir(cwd)).toEqual([]);
  });
});

describe("init --from SERVER_NAME (discovery replaced by a fixed answer)", () => {
  const live = {
    contacts: [
      { role: "admin", matrix_id: "@admin:example.org" },
      { role: "org.example.role.dpo", email_address: "dpo@example.org" },
    ],
    support_page: "https://example.org/help",
  };

  it("starts from the live file, shows what is wrong with it, and fixes what it can", async () => {
    const cwd = await fresh();
    const notes = [
      diagnostic("ROLE_DRAFT", "/contacts/0/role", { role: "admin", suggestion: "m.role.admin" }),
    ];
    const ran = await runInit(
      cwd,
      { from: "example.org", yes: true },
      { discover: async (name) => found(name, live, notes) },
    );
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain(
      'https://example.org/.well-known/matrix/support  warning  Role "admin" is from a pre-spec draft',
    );
    const text = await readFile(join(cwd, "matrix-support.yaml"), "utf8");
    expect(text).toContain(
      "# Started from what was published at https://example.org/.well-known/matrix/support.",
    );
    expect(parseConfig(text).config).toEqual({
      server_name: "example.org",
      support: {
        contacts: [
          { role: "m.role.admin", matrix_id: "@admin:example.org" },
          { role: "m.role.security", matrix_id: "@admin:example.org" },
          { role: "org.example.role.dpo", email_address: "dpo@example.org" },
        ],
        support_page: "https://example.org/help",
      },
    });
  });

  it("lets flags override the live values", async () => {
    const cwd = await fresh();
    const ran = await runInit(
      cwd,
      {
        from: "example.org",
        adminEmail: "admin@example.net",
        supportPage: "https://example.org/support",
      },
      { discover: async (name) => found(name, live) },
    );
    expect(ran.code).toBe(0);
    const config = parseConfig(await readFile(join(cwd, "matrix-support.yaml"), "utf8")).config;
    expect(config?.support?.contacts?.[0]).toEqual({
      role: "m.role.admin",
      matrix_id: "@admin:example.org",
      email_address: "admin@example.net",
    });
    expect(config?.support?.support_page).toBe("https://example.org/support");
  });

  it("prefills the wizard with the live values", async () => {
    const cwd = await fresh();
    const tty = new FakeTty();
    const done = runInit(
      cwd,
      { from: "example.org" },
      { ...ttyIo(tty), discover: async (name) => found(name, live) },
    );
    for (const prompt of [
      "Server name",
      "Admin contact",
      "Backup admin contact",
      "Security contact",
      "Moderator contact",
      "Support page",
    ]) {
      await tty.answer(prompt, "");
    }
    expect((await done).code).toBe(0);
    expect(tty.text).toContain("@admin:example.org");
    const config = parseConfig(await readFile(join(cwd, "matrix-support.yaml"), "utf8")).config;
    expect(config?.support?.support_page).toBe("https://example.org/help");
  });

  it("reads a pre-spec draft file (admins, mxid, email) in the spec's names", async () => {
    const cwd = await fresh();
    const value = {
      admins: [{ role: "admin", mxid: "@admin:example.org", email: "admin@example.net" }],
    };
    const invalid = async (name: string): Promise<DiscoveryResult> => ({
      status: "invalid",
      serverName: name,
      url: `https://${name}/.well-known/matrix/support`,
      document: null,
      value,
      diagnostics: [diagnostic("DRAFT_KEY", "/admins", { key: "admins", suggestion: "contacts" })],
      http: { status: 200, redirects: [], elapsed_ms: 1 },
    });
    const ran = await runInit(cwd, { from: "example.org" }, { discover: invalid });
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('"admins" is from a pre-spec draft; did you mean "contacts"?');
    const config = parseConfig(await readFile(join(cwd, "matrix-support.yaml"), "utf8")).config;
    expect(config?.support?.contacts).toEqual([
      { role: "m.role.admin", matrix_id: "@admin:example.org", email_address: "admin@example.net" },
      {
        role: "m.role.security",
        matrix_id: "@admin:example.org",
        email_address: "admin@example.net",
      },
    ]);
  });

  it("starts from scratch when nothing usable is published, and still needs the values", async () => {
    const cwd = await fresh();
    const notFound = async (name: string): Promise<DiscoveryResult> => ({
      status: "not_found",
      serverName: name,
      url: `https://${name}/.well-known/matrix/support`,
      document: null,
      diagnostics: [diagnostic("NOT_PUBLISHED", undefined)],
      http: { status: 404, redirects: [], elapsed_ms: 1 },
    });
    const missing = await runInit(cwd, { from: "example.org" }, { discover: notFound });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("The server answered 404");
    expect(missing.stderr).toContain("No admin contact given");
    const ok = await runInit(
      cwd,
      { from: "example.org", adminEmail: "a@example.net" },
      { discover: notFound },
    );
    expect(ok.code).toBe(0);
  });

  it("fails plainly when the server cannot be reached: exit 1, nothing written", async () => {
    const cwd = await fresh();
    const ran = await runInit(
      cwd,
      { from: "example.org", adminEmail: "a@example.net" },
      {
        discover: async (name) => ({
          status: "unreachable",
          serverName: name,
          url: `https://${name}/.well-known/matrix/support`,
          document: null,
          diagnostics: [
            diagnostic("UNREACHABLE", undefined, {
              phase: "connect",
              detail: "connection refused",
            }),
          ],
          http: { redirects: [], elapsed_ms: 1 },
          failure: { phase: "connect", code: "UNREACHABLE", message: "connection refused" },
        }),
      },
    );
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain(
      "Cannot start from what example.org publishes: connection refused  (INIT_FROM_FAILED)",
    );
    expect(await readdir(cwd)).toEqual([]);
  });
});

/** `matrix-support export` end to end, in process: files, --target, --check, exit codes. */

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../packages/cli/src/cli/program.js";
import { parseConfig } from "../../packages/cli/src/config/index.js";
import { wellKnownBodies } from "../../packages/lib/src/server/bodies.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => join(HERE, "fixtures", name);

let tmp = "";
let out = "";
let err = "";

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "matrix-support-export-cli-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  out = "";
  err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    err += String(s);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const cli = (...args: string[]) => run(["node", "matrix-support", "export", ...args]);
const ALL = "files,nginx,caddy,apache,headers,tuwunel,conduwuit";
const MANIFEST = ".matrix-support-export.json";
const bytes = (file: string) => readFileSync(file, "utf8");

describe("matrix-support export", () => {
  it("writes the well-known files (the bytes serve sends) and every snippet asked for", async () => {
    const dir = join(tmp, "full");
    expect(await cli("--config", fixture("full.yaml"), "--out", dir, "--target", ALL)).toBe(0);
    const config = parseConfig(readFileSync(fixture("full.yaml"), "utf8")).config!;
    const bodies = wellKnownBodies(config);
    expect(readFileSync(join(dir, ".well-known/matrix/support"), "utf8")).toBe(bodies.support);
    expect(readFileSync(join(dir, ".well-known/matrix/client"), "utf8")).toBe(bodies.client);
    for (const f of ["nginx.conf", "Caddyfile", "apache.conf", "_headers", "README.txt"])
      expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readFileSync(join(dir, "apache.conf"), "utf8")).toContain(
      `"${dir}/.well-known/matrix/support"`,
    );
    // The one-contact homeserver fragment says which contacts it leaves out.
    expect(err).toContain("EXPORT_CONTACT_DROPPED");
    expect(out).toContain("wrote");

    // --check: up to date, then a hand edit is caught; a re-export refuses to overwrite the
    // edited file (exit 1, naming it) until --force, which repairs only that file.
    expect(
      await cli("--config", fixture("full.yaml"), "--out", dir, "--target", ALL, "--check"),
    ).toBe(0);
    await writeFile(join(dir, "nginx.conf"), "# edited by hand\n");
    out = "";
    expect(
      await cli("--config", fixture("full.yaml"), "--out", dir, "--target", ALL, "--check"),
    ).toBe(1);
    expect(out).toMatch(/differs\s+.*nginx\.conf/);
    out = "";
    err = "";
    expect(await cli("--config", fixture("full.yaml"), "--out", dir, "--target", ALL)).toBe(1);
    expect(err).toContain(join(dir, "nginx.conf"));
    expect(err).toContain("--force");
    expect(readFileSync(join(dir, "nginx.conf"), "utf8")).toBe("# edited by hand\n");
    out = "";
    expect(
      await cli("--config", fixture("full.yaml"), "--out", dir, "--target", ALL, "--force"),
    ).toBe(0);
    expect(out).toMatch(/wrote\s+.*nginx\.conf/);
    expect(out).toMatch(/same\s+.*Caddyfile/);
  });

  it("removes a stale support file when the config stops publishing, and --check flags it", async () => {
    const dir = join(tmp, "stale");
    expect(await cli("--config", fixture("full.yaml"), "--out", dir)).toBe(0);
    out = "";
    expect(await cli("--config", fixture("nothing-published.yaml"), "--out", dir, "--check")).toBe(
      1,
    );
    expect(out).toMatch(/stale\s+.*\.well-known\/matrix\/support/);
    expect(await cli("--config", fixture("nothing-published.yaml"), "--out", dir)).toBe(0);
    expect(existsSync(join(dir, ".well-known/matrix/support"))).toBe(false);
    expect(await cli("--config", fixture("nothing-published.yaml"), "--out", dir, "--check")).toBe(
      0,
    );
  });

  it("--target writes only the chosen targets (and README.txt)", async () => {
    const dir = join(tmp, "some");
    expect(
      await cli("--config", fixture("full.yaml"), "--out", dir, "--target", "nginx,caddy"),
    ).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([
      MANIFEST,
      "Caddyfile",
      "README.txt",
      "nginx.conf",
    ]);
    expect(readFileSync(join(dir, "README.txt"), "utf8")).not.toContain("apache.conf");
  });

  it("refuses an invalid config: exit 1, each problem with file:line:col, nothing written", async () => {
    const dir = join(tmp, "invalid");
    expect(await cli("--config", fixture("invalid.yaml"), "--out", dir)).toBe(1);
    expect(err).toMatch(/invalid\.yaml:6:\d+\s+error/);
    expect(err).toContain("CONFIG_WRONG_TYPE");
    expect(existsSync(dir)).toBe(false);
  });

  it("a config that is not UTF-8, or over 1 MiB, is an invalid config: exit 1, located, nothing written", async () => {
    const dir = join(tmp, "latin1-out");
    const latin1 = join(tmp, "latin1.yaml");
    await writeFile(
      latin1,
      Buffer.from(
        "server_name: example.org\nsupport:\n  support_page: https://example.org/caf\xe9\n",
        "latin1",
      ),
    );
    expect(await cli("--config", latin1, "--out", dir)).toBe(1);
    expect(err).toContain(`${latin1}:3:40  error  Not valid UTF-8: byte 0xE9`);
    expect(err).toContain("(INPUT_NOT_UTF8)");
    expect(existsSync(dir)).toBe(false);

    err = "";
    const huge = join(tmp, "huge.yaml");
    await writeFile(huge, "");
    await truncate(huge, 4 * 1024 ** 3); // sparse: refused by its size, never read
    expect(await cli("--config", huge, "--out", dir)).toBe(1);
    expect(err).toContain(
      `${huge}  error  The document is 4294967296 bytes, over the limit of 1048576 bytes  (DOCUMENT_TOO_LARGE)`,
    );
    expect(existsSync(dir)).toBe(false);
  });

  it("usage and input errors exit 2", async () => {
    const dir = join(tmp, "usage");
    expect(await cli("--config", fixture("full.yaml"), "--out", dir, "--target", "iis")).toBe(2);
    expect(err).toContain('unknown target "iis"');
    expect(await cli("--config", fixture("missing.yaml"), "--out", dir)).toBe(2);
    expect(err).toContain("no such file");
    expect(
      await cli("--config", fixture("full.yaml"), "--out", dir, "--web-root", "relative/path"),
    ).toBe(2);
    expect(await cli("--out", dir)).toBe(2);
    expect(existsSync(dir)).toBe(false);
  });
});

/** A config with contacts and no well_known section. */
async function supportOnly(name: string): Promise<string> {
  const file = join(tmp, name);
  await writeFile(
    file,
    "server_name: example.org\nsupport:\n  contacts:\n    - role: m.role.admin\n      email_address: admin@example.org\n",
  );
  return file;
}
const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("export writes only what belongs in the web root unless asked", () => {
  it("without --target: the well-known files and _headers, and one line naming what it left out", async () => {
    const dir = join(tmp, "default");
    expect(await cli("--config", fixture("full.yaml"), "--out", dir)).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([MANIFEST, ".well-known", "_headers"]);
    expect((await readdir(join(dir, ".well-known/matrix"))).sort()).toEqual([
      "client",
      "server",
      "support",
    ]);
    const last = out.trimEnd().split("\n").at(-1) ?? "";
    for (const t of ["nginx", "caddy", "apache", "tuwunel", "conduwuit"]) expect(last).toContain(t);
    expect(last).toContain("--target");
    expect(await cli("--config", fixture("full.yaml"), "--out", dir, "--check")).toBe(0);
  });

  it("--target may be repeated and comma-separated; each target at its own path", async () => {
    const dir = join(tmp, "targets");
    expect(
      await cli(
        "--config",
        fixture("full.yaml"),
        "--out",
        dir,
        "--target",
        "nginx",
        "--target",
        "caddy,tuwunel, conduwuit",
      ),
    ).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([
      MANIFEST,
      "Caddyfile",
      "README.txt",
      "conduwuit.toml",
      "nginx.conf",
      "tuwunel.toml",
    ]);
    const last = out.trimEnd().split("\n").at(-1) ?? "";
    for (const t of ["files", "apache", "headers"]) expect(last).toContain(t);
  });
});

describe("export never deletes or overwrites what it did not write", () => {
  it("keeps hand-written delegation files when the config has no well_known section", async () => {
    const dir = join(tmp, "delegation");
    const config = await supportOnly("support-only.yaml");
    await mkdir(join(dir, ".well-known/matrix"), { recursive: true });
    const server = '{ "m.server": "matrix.example.org:443" }\n';
    const client = '{ "m.homeserver": { "base_url": "https://matrix.example.org" } }\n';
    await writeFile(join(dir, ".well-known/matrix/server"), server);
    await writeFile(join(dir, ".well-known/matrix/client"), client);
    expect(await cli("--config", config, "--out", dir)).toBe(0);
    expect(bytes(join(dir, ".well-known/matrix/server"))).toBe(server);
    expect(bytes(join(dir, ".well-known/matrix/client"))).toBe(client);
    expect(out).not.toContain("removed");
    // Nothing for export to do there, so --check does not call them stale.
    out = "";
    expect(await cli("--config", config, "--out", dir, "--check")).toBe(0);
    expect(out).not.toContain("stale");
  });

  it("removes a file only when its manifest lists it and its bytes are still what it wrote", async () => {
    const dir = join(tmp, "own");
    expect(await cli("--config", fixture("full.yaml"), "--out", dir)).toBe(0);
    const manifest = JSON.parse(bytes(join(dir, MANIFEST))) as { files: Record<string, string> };
    expect(Object.keys(manifest.files).sort()).toEqual([
      ".well-known/matrix/client",
      ".well-known/matrix/server",
      ".well-known/matrix/support",
      "_headers",
    ]);
    for (const [rel, hash] of Object.entries(manifest.files))
      expect(hash, rel).toBe(sha256(join(dir, rel)));

    // The client file is edited by hand; then the config stops publishing client and server.
    const edited = '{"m.homeserver":{"base_url":"https://edited.example.org"}}';
    await writeFile(join(dir, ".well-known/matrix/client"), edited);
    out = "";
    expect(await cli("--config", await supportOnly("own.yaml"), "--out", dir)).toBe(0);
    expect(existsSync(join(dir, ".well-known/matrix/server"))).toBe(false);
    expect(out).toMatch(/removed\s+.*\.well-known\/matrix\/server/);
    expect(bytes(join(dir, ".well-known/matrix/client"))).toBe(edited);
    expect(out + err).toContain(join(dir, ".well-known/matrix/client"));
    const after = JSON.parse(bytes(join(dir, MANIFEST))) as { files: Record<string, string> };
    expect(Object.keys(after.files).sort()).toEqual([".well-known/matrix/support", "_headers"]);
  });

  it("refuses to overwrite a hand-written file: exit 1 naming it, nothing written; --force overwrites", async () => {
    const dir = join(tmp, "handwritten");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "nginx.conf"), "# mine\n");
    const args = ["--config", fixture("full.yaml"), "--out", dir, "--target", "nginx,caddy"];
    expect(await cli(...args)).toBe(1);
    expect(err).toContain(join(dir, "nginx.conf"));
    expect(err).toContain("--force");
    expect(bytes(join(dir, "nginx.conf"))).toBe("# mine\n");
    expect((await readdir(dir)).sort()).toEqual(["nginx.conf"]);
    expect(await cli(...args, "--force")).toBe(0);
    expect(bytes(join(dir, "nginx.conf"))).toContain("location");
    // From now on the file is export's own: a new export replaces it without --force.
    expect(await cli(...args)).toBe(0);
  });

  it("refuses to overwrite a support file edited by hand after the last export", async () => {
    const dir = join(tmp, "edited");
    expect(await cli("--config", fixture("full.yaml"), "--out", dir)).toBe(0);
    const support = join(dir, ".well-known/matrix/support");
    await writeFile(
      support,
      '{"contacts":[{"role":"m.role.admin","email_address":"me@example.org"}]}',
    );
    err = "";
    expect(await cli("--config", await supportOnly("edited.yaml"), "--out", dir)).toBe(1);
    expect(err).toContain(support);
    expect(bytes(support)).toContain("me@example.org");
    // Nothing else changed either: the delegation files export wrote are still there.
    expect(existsSync(join(dir, ".well-known/matrix/server"))).toBe(true);
  });
});

describe("an output path that cannot be written", () => {
  it("ends at once with exit 1 and a message naming the path", async () => {
    const file = join(tmp, "a-file");
    await writeFile(file, "x");
    for (const dir of ["/proc/matrix-support-export", join(file, "sub")]) {
      err = "";
      expect(await cli("--config", fixture("full.yaml"), "--out", dir), dir).toBe(1);
      expect(err).toContain(dir);
    }
  });

  it.skipIf(process.getuid?.() === 0)("a read-only directory: exit 1 naming it", async () => {
    const dir = join(tmp, "read-only");
    await mkdir(dir);
    await chmod(dir, 0o555);
    try {
      expect(await cli("--config", fixture("full.yaml"), "--out", dir)).toBe(1);
      expect(err).toContain(dir);
    } finally {
      await chmod(dir, 0o755);
    }
  });
});

describe("a bare support document as --config", () => {
  const doc = { contacts: [{ role: "m.role.admin", email_address: "admin@example.org" }] };

  it("is exported as the support section, saying so in one info line", async () => {
    const file = join(tmp, "doc.json");
    await writeFile(file, JSON.stringify(doc));
    const dir = join(tmp, "bare");
    expect(await cli("--config", file, "--out", dir, "--target", "files,nginx")).toBe(0);
    expect(bytes(join(dir, ".well-known/matrix/support"))).toBe(JSON.stringify(doc));
    expect(bytes(join(dir, "nginx.conf"))).not.toContain("return 404");
    expect(err).toMatch(
      new RegExp(`info +treating ${file.replace(/\W/g, "\\$&")} as a bare support document`, "i"),
    );
  });

  it("a file that is neither a config nor a support document is refused, saying how to wrap it", async () => {
    const file = join(tmp, "odd.json");
    await writeFile(file, JSON.stringify({ contact: doc.contacts }));
    const dir = join(tmp, "odd");
    expect(await cli("--config", file, "--out", dir)).toBe(1);
    expect(err).toContain(file);
    expect(err).toContain("support:");
    expect(existsSync(dir)).toBe(false);
  });

  it("support document keys beside config keys are refused, never published as nothing", async () => {
    const file = join(tmp, "mixed.yaml");
    await writeFile(
      file,
      "server_name: example.org\ncontacts:\n  - role: m.role.admin\n    email_address: a@example.org\n",
    );
    const dir = join(tmp, "mixed");
    expect(await cli("--config", file, "--out", dir)).toBe(1);
    expect(err).toMatch(/mixed\.yaml:2:1 +error/);
    expect(err).toContain("support:");
    expect(existsSync(dir)).toBe(false);
  });
});

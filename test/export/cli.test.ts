/** `matrix-support export` end to end, in process: files, --target, --check, exit codes. */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/program.js";
import { parseConfig } from "../../src/config/index.js";
import { wellKnownBodies } from "../../src/server/bodies.js";

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

describe("matrix-support export", () => {
  it("writes the well-known files (the bytes serve sends) and every snippet", async () => {
    const dir = join(tmp, "full");
    expect(await cli("--config", fixture("full.yaml"), "--out", dir)).toBe(0);
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

    // --check: up to date, then a hand edit is caught, then a re-export repairs only that file.
    expect(await cli("--config", fixture("full.yaml"), "--out", dir, "--check")).toBe(0);
    await writeFile(join(dir, "nginx.conf"), "# edited by hand\n");
    out = "";
    expect(await cli("--config", fixture("full.yaml"), "--out", dir, "--check")).toBe(1);
    expect(out).toMatch(/differs\s+.*nginx\.conf/);
    out = "";
    expect(await cli("--config", fixture("full.yaml"), "--out", dir)).toBe(0);
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
    expect((await readdir(dir)).sort()).toEqual(["Caddyfile", "README.txt", "nginx.conf"]);
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

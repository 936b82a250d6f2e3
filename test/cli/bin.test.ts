/**
 * The built command as users run it (packages/cli/dist/cli/bin.cjs): `validate` from the CommonJS
 * bundle, every other command handed to the ES module entry, and the shape of the build that keeps
 * `validate`'s cold start within its budget (docs/benchmarks.md). Needs `npm run build`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = join(ROOT, "packages/cli/dist");
const BIN = join(DIST, "cli/bin.cjs");

function bin(args: string[], input?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: "utf8", env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The relative files a built file loads: `require("./x")`, `import("./x")`, `from "./x"`. */
function loads(file: string): string[] {
  const text = readFileSync(join(DIST, file), "utf8");
  return [...text.matchAll(/(?:require\(|import\(|from\s*)["'](\.{1,2}\/[^"']+)["']/g)].map(
    (m) => m[1] as string,
  );
}

let dir: string;
beforeAll(async () => {
  if (!existsSync(BIN))
    throw new Error("packages/cli/dist/cli/bin.cjs is missing: run npm run build");
  dir = await mkdtemp(join(tmpdir(), "matrix-support-bin-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the bin", () => {
  it("validates a JSON document, from a file and from standard input", async () => {
    const file = join(dir, "support.json");
    const doc = '{"contacts":[{"role":"m.role.admin","email_address":"admin@example.org"}]}';
    await writeFile(file, doc);
    const a = bin(["validate", "--json", file]);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out).valid).toBe(true);
    const b = bin(["validate", "-"], '{"contacts":[]}');
    expect(b.code).toBe(1);
    expect(b.out).toContain("CONTACTS_EMPTY");
  });

  it("validates YAML, TOML and configs with the parsers it loads for them", async () => {
    const yaml = join(dir, "matrix-support.yaml");
    await writeFile(
      yaml,
      "server_name: example.org\nsupport:\n  contacts:\n    - role: m.role.admin\n      email_address: admin@example.org\n",
    );
    const a = bin(["validate", yaml]);
    expect(a.code).toBe(0);
    expect(a.out).toContain("valid config");
    const toml = join(dir, "bad.toml");
    await writeFile(toml, 'server_name = "example.org"\nsupport = 3\n');
    const b = bin(["validate", toml]);
    expect(b.code).toBe(1);
    expect(b.out).toContain("invalid config");
  });

  it("answers its usage errors and --help for validate itself", () => {
    const a = bin(["validate"]);
    expect(a).toMatchObject({ code: 2, out: "" });
    expect(a.err).toContain("matrix-support validate: needs <file>");
    const b = bin(["validate", "--help"]);
    expect(b.code).toBe(0);
    expect(b.out).toMatch(/^Usage: matrix-support validate \[options\] <file>/);
  });

  it("hands every other command to the ES module entry: each one's help, the version, the list", () => {
    // A chunk that imported the entry would deadlock on its top-level await: each command loads.
    for (const name of ["check", "serve", "export", "init", "scan", "report"]) {
      const r = bin([name, "--help"]);
      expect({ name, code: r.code }).toEqual({ name, code: 0 });
      expect(r.out).toMatch(new RegExp(`^Usage: matrix-support ${name} \\[options\\]`));
    }
    expect(bin(["--version"]).out).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(bin([]).out).toContain("Commands:");
    const unknown = bin(["vaildate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("did you mean validate?");
  });
});

describe("the packed package", () => {
  it("maps matrix-support to a file it ships, which runs validate and the other commands", async () => {
    const out = join(dir, "pack");
    await mkdir(out);
    // The build exists (the tests need it): pack it as it is, without the prepack build.
    const packed = spawnSync(
      "npm",
      ["pack", "--ignore-scripts", "--json", "--pack-destination", out],
      { cwd: join(DIST, ".."), encoding: "utf8" },
    );
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = join(out, JSON.parse(packed.stdout)[0].filename);
    expect(spawnSync("tar", ["-xzf", tarball, "-C", out]).status).toBe(0);
    const pkg = join(out, "package");
    // Its dependencies, as an install would provide them.
    await symlink(join(ROOT, "node_modules"), join(pkg, "node_modules"));
    const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
    const command = join(pkg, manifest.bin["matrix-support"]);
    const run = (args: string[]) =>
      spawnSync(process.execPath, [command, ...args], { encoding: "utf8" });
    const file = join(dir, "packed.json");
    await writeFile(file, '{"contacts":[{"role":"m.role.admin","matrix_id":"@a:example.org"}]}');
    expect(run(["validate", file]).stdout).toContain("valid document");
    expect(run(["validate", join(ROOT, "examples/matrix-support.yaml")]).stdout).toContain(
      "valid config",
    );
    expect(run(["check", "--help"]).stdout).toMatch(/^Usage: matrix-support check/);
    expect(run(["--version"]).stdout).toBe(`${manifest.version}\n`);
  });
});

describe("the build behind it", () => {
  it("the bin loads validate's bundle or the ES module entry, nothing else", () => {
    expect(loads("cli/bin.cjs").sort()).toEqual(["./main.js", "./validate-bin.cjs"]);
  });

  it("validate is one CommonJS file, with the YAML and TOML parsers in another, loaded on demand", () => {
    expect(new Set(loads("cli/validate-bin.cjs"))).toEqual(new Set(["./validate-config.cjs"]));
    const text = readFileSync(join(DIST, "cli/validate-bin.cjs"), "utf8");
    expect(text).not.toMatch(/node_modules\/(yaml|smol-toml)\//);
    expect(readFileSync(join(DIST, "cli/validate-config.cjs"), "utf8")).toMatch(
      /node_modules\/yaml\//,
    );
  });

  it("the ES module entry loads one chunk at start; the commands' chunks never import the entry", () => {
    const text = readFileSync(join(DIST, "cli/main.js"), "utf8");
    const staticChunks = [...text.matchAll(/^import\b[^;]*?["'](\.\.\/cli-chunks\/[^"']+)["']/gm)];
    expect(staticChunks.map((m) => m[1])).toEqual([
      expect.stringMatching(/^\.\.\/cli-chunks\/program-/),
    ]);
    // Every command is a chunk of its own, loaded with import().
    expect(loads("cli/main.js").length).toBeGreaterThan(7);
    for (const chunk of readdirSync(join(DIST, "cli-chunks")))
      expect({
        chunk,
        entry: loads(`cli-chunks/${chunk}`).filter((f) => f.includes("cli/main")),
      }).toEqual({
        chunk,
        entry: [],
      });
  });
});

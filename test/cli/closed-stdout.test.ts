/**
 * Output cut short by its reader (`matrix-support validate big.json | head -1`): every command
 * ends quietly, with its own exit code, never an EPIPE stack trace. The built CLI runs with its
 * standard output piped to a reader that closes after the first line (or, for commands that print
 * a few lines at once, before the command writes anything). Needs `npm run build`.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { available } from "../helpers/available.js";
import { type Fleet, startFleet } from "../scan/fleet.js";

const MAIN = fileURLToPath(new URL("../../packages/cli/dist/cli/bin.cjs", import.meta.url));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  firstLine: string;
  stderr: string;
}

/**
 * Runs the built CLI with stdout read by a reader that closes its end after the first line
 * (`head -1`), or at once (`closeAt: "start"`: the reader is gone before the first write).
 */
function runClosing(
  args: string[],
  options: { cwd: string; closeAt?: "first-line" | "start" },
): Promise<Ended> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  const child = spawn(process.execPath, [MAIN, ...args], {
    cwd: options.cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });
  let seen = "";
  let firstLine = "";
  let stderr = "";
  const stdout = child.stdout;
  if (options.closeAt === "start") stdout.destroy();
  else
    stdout.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const nl = seen.indexOf("\n");
      if (nl >= 0 && !stdout.destroyed) {
        firstLine = seen.slice(0, nl);
        stdout.destroy();
      }
    });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, firstLine, stderr })),
  );
}

/** Quiet: no trace, no EPIPE, no "cannot write" message on stderr. */
function expectQuiet(ended: Ended): void {
  expect(ended.signal).toBeNull();
  expect(ended.stderr).not.toMatch(/EPIPE|ERR_STREAM|\n\s+at |Error:|cannot write|unexpected/);
}

let dir: string;
let fleet: Fleet;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "closed-stdout-"));
  fleet = await startFleet();
});
afterAll(async () => {
  await fleet?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!available(MAIN, "npm run build"))("stdout closed early (| head -1)", () => {
  it("validate: a document with thousands of problems, human and --json: exit 1 (its own), quietly", async () => {
    const big = join(dir, "big.json");
    // ~3000 contacts without a role: far more output than a pipe buffers (64 KiB).
    const contacts = Array.from({ length: 3000 }, (_, i) => ({
      email_address: `a${i}@example.org`,
    }));
    await writeFile(big, JSON.stringify({ contacts }, null, 1));
    for (const extra of [[], ["--json"]]) {
      const ended = await runClosing(["validate", big, ...extra], { cwd: dir });
      expect(ended.firstLine).not.toBe("");
      expectQuiet(ended);
      expect(ended.code).toBe(1);
    }
  });

  it("check: many servers: exit 0 (every server found), quietly", async () => {
    const names = Array.from({ length: 150 }, (_, i) => `found-${i}.fleet.test`);
    const ended = await runClosing(["check", ...names, ...fleet.flags], { cwd: dir });
    expect(ended.firstLine).toBe("found-0.fleet.test");
    expectQuiet(ended);
    expect(ended.code).toBe(0);
  });

  it("scan --out -: stops taking names, exit 0, quietly", async () => {
    const list = join(dir, "names.txt");
    const names = Array.from({ length: 400 }, (_, i) => `found-${i}.fleet.test`);
    await writeFile(list, `${names.join("\n")}\n`);
    const ended = await runClosing(
      ["scan", list, "--out", "-", "--no-progress", "--concurrency", "4", ...fleet.flags],
      { cwd: dir },
    );
    expect(JSON.parse(ended.firstLine).server_name).toMatch(/\.fleet\.test$/);
    expectQuiet(ended);
    expect(ended.code).toBe(0);
  });

  it("report --csv on a large scan, and report's summary: exit 0, quietly", async () => {
    const jsonl = join(dir, "scan.jsonl");
    const line = (i: number) =>
      JSON.stringify({
        server_name: `s${i}.example`,
        status: "found",
        document: { contacts: [{ role: "m.role.admin", email_address: `admin@s${i}.example` }] },
        diagnostics: [],
        http: { redirects: [], elapsed_ms: 1 },
      });
    await writeFile(jsonl, `${Array.from({ length: 5000 }, (_, i) => line(i)).join("\n")}\n`);
    const csv = await runClosing(["report", jsonl, "--csv"], { cwd: dir });
    expect(csv.firstLine).toMatch(/^server_name,status,/);
    expectQuiet(csv);
    expect(csv.code).toBe(0);
    const summary = await runClosing(["report", jsonl], { cwd: dir, closeAt: "start" });
    expectQuiet(summary);
    expect(summary.code).toBe(0);
  });

  it("export: the files are written, exit 0, quietly", async () => {
    const config = join(dir, "config.yaml");
    await writeFile(
      config,
      "server_name: example.org\nsupport:\n  contacts:\n    - role: m.role.admin\n      email_address: admin@example.org\n",
    );
    const out = join(dir, "public");
    const ended = await runClosing(["export", "--config", config, "--out", out], {
      cwd: dir,
      closeAt: "start",
    });
    expectQuiet(ended);
    expect(ended.code).toBe(0);
    expect(existsSync(join(out, ".well-known/matrix/support"))).toBe(true);
  });

  it("init: the config is written, exit 0, quietly", async () => {
    const ended = await runClosing(
      [
        "init",
        "--out",
        "init.yaml",
        "--server-name",
        "example.org",
        "--admin-email",
        "admin@example.org",
        "--backup-email",
        "admin@example.net",
      ],
      { cwd: dir, closeAt: "start" },
    );
    expectQuiet(ended);
    expect(ended.code).toBe(0);
    expect(await readFile(join(dir, "init.yaml"), "utf8")).toContain("server_name: example.org");
  });

  it.skipIf(!existsSync("/dev/full"))(
    "output lost otherwise (> /dev/full) is one line on stderr and exit 2",
    async () => {
      const full = await open("/dev/full", "w");
      try {
        const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
        delete env.FORCE_COLOR;
        const child = spawn(process.execPath, [MAIN, "validate", "-", "--json"], {
          cwd: dir,
          stdio: ["pipe", full.fd, "pipe"],
          env,
        });
        child.stdin?.end('{"support_page": "https://example.org/help"}');
        let stderr = "";
        child.stderr?.on("data", (d: Buffer) => {
          stderr += d.toString();
        });
        const code = await new Promise((r) => child.on("close", r));
        expect(code).toBe(2);
        expect(stderr).toMatch(/^matrix-support: cannot write to standard output: ENOSPC[^\n]*\n$/);
      } finally {
        await full.close();
      }
    },
  );
});

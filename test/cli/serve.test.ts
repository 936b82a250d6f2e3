import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../packages/cli/src/files.js";

const SUPPORT = "/.well-known/matrix/support";
const children: ChildProcess[] = [];
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ms-serve-cli-"));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await rm(dir, { recursive: true, force: true });
});

interface Proc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
  /** Resolves with the first stdout JSON line whose msg matches. */
  line: (re: RegExp) => Promise<Record<string, unknown>>;
}

function run(
  args: string[],
  env: Record<string, string> = {},
  script = "packages/cli/src/cli/main.ts",
  cwd?: string,
): Proc {
  // From another directory, tsx and the script are named by absolute path.
  const tsx = cwd ? pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href : "tsx";
  const child = spawn(process.execPath, ["--import", tsx, resolve(script), ...args], {
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    ...(cwd ? { cwd } : {}),
  });
  children.push(child);
  let out = "";
  let err = "";
  const waiters: { re: RegExp; resolve: (v: Record<string, unknown>) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      for (const l of out.split("\n")) {
        if (!l.startsWith("{")) continue;
        const obj = JSON.parse(l) as Record<string, unknown>;
        if (w.re.test(String(obj.msg))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(obj);
          break;
        }
      }
    }
  };
  child.stdout!.on("data", (d) => {
    out += d.toString();
    check();
  });
  child.stderr!.on("data", (d) => {
    err += d.toString();
  });
  const exit = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    line: (re) =>
      new Promise((resolve, reject) => {
        waiters.push({ re, resolve });
        check();
        exit.then(() => reject(new Error(`exited before ${re}: ${out}\n${err}`)));
      }),
  };
}

const VALID = `# yaml-language-server: $schema=../schema/config.schema.json
server_name: example.org
support:
  contacts:
    - role: m.role.admin
      email_address: admin@example.org
    - role: m.role.security
      email_address: security@example.org
http:
  port: 8080
`;

// Each test spawns the CLI through tsx: slow on a busy machine, hence the generous timeout.
describe("matrix-support serve", { timeout: 120_000 }, () => {
  it("refuses an invalid config: exit 1, each problem as file:line:col with code and hint", async () => {
    const file = join(dir, "invalid.yaml");
    await writeFile(
      file,
      "server_name: example.org\nsupport:\n  contacts:\n    - role: m.role.admin\n      email_address: not-an-email\nhttp:\n  port: 99999\n",
    );
    const p = run(["serve", "--config", file]);
    expect(await p.exit).toBe(1);
    expect(p.stderr()).toContain(`${file}:5:7`);
    expect(p.stderr()).toContain("EMAIL_INVALID");
    expect(p.stderr()).toContain(`${file}:7:3`);
    expect(p.stderr()).toContain("CONFIG_OUT_OF_RANGE");
    expect(p.stderr()).toContain("hint:");
    expect(p.stderr()).toContain("invalid config, not starting");
    expect(p.stdout()).toBe("");
  });

  it("exits 2 when the config cannot be read or MATRIX_SUPPORT_PORT is not a port", async () => {
    const missing = run(["serve", "--config", join(dir, "missing.yaml")]);
    expect(await missing.exit).toBe(2);
    expect(missing.stderr()).toContain("no such file");
    const file = join(dir, "ok.yaml");
    await writeFile(file, VALID);
    const bad = run(["serve", "--config", file], { MATRIX_SUPPORT_PORT: "http" });
    expect(await bad.exit).toBe(2);
    expect(bad.stderr()).toContain("MATRIX_SUPPORT_PORT");
  });

  it("serves on the address from env and flags, reloads on SIGHUP, exits 0 on SIGTERM", async () => {
    const file = join(dir, "served.yaml");
    await writeFile(file, VALID);
    // Env over the config's port 8080; the --host flag over MATRIX_SUPPORT_HOST.
    const p = run(["serve", "--config", file, "--host", "127.0.0.1"], {
      MATRIX_SUPPORT_PORT: "0",
      MATRIX_SUPPORT_HOST: "127.0.0.2",
    });
    const started = await p.line(/^serving example\.org on/);
    const base = String(started.url);
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(base).not.toContain(":8080/");
    expect(started.published).toContain(`${SUPPORT} (2 contacts)`);
    const before = await (await fetch(new URL(SUPPORT, base))).json();
    expect(before.contacts).toHaveLength(2);

    // A new http.port too: MATRIX_SUPPORT_PORT overrides it, so no restart is asked for.
    await writeFileAtomic(
      file,
      VALID.replace(/ {4}- role: m.role.security\n.*\n/, "").replace("port: 8080", "port: 8081"),
    );
    p.child.kill("SIGHUP");
    await p.line(/^config reloaded/);
    const after = await (await fetch(new URL(SUPPORT, base))).json();
    expect(after.contacts).toHaveLength(1);
    expect(p.stdout()).not.toContain("restart");

    p.child.kill("SIGTERM");
    expect(await p.exit).toBe(0);
    expect(p.stdout()).toMatch(/"msg":"stopped"/);
  });

  it("uses MATRIX_SUPPORT_HOST when no flag is given, and warns about unknown keys but starts", async () => {
    const file = join(dir, "env-host.yaml");
    await writeFile(file, `${VALID}htpp:\n  port: 1\n`);
    const p = run(["serve", "--config", file, "--port", "0"], { MATRIX_SUPPORT_HOST: "127.0.0.3" });
    const started = await p.line(/^serving/);
    expect(String(started.url)).toMatch(/^http:\/\/127\.0\.0\.3:\d+\/$/);
    expect((await fetch(new URL("/healthz", String(started.url)))).status).toBe(200);
    expect(p.stderr()).toMatch(
      /env-host\.yaml:11:1 +warning +Unknown config key "htpp".*CONFIG_UNKNOWN_KEY/,
    );
    p.child.kill("SIGINT");
    expect(await p.exit).toBe(0);
  });

  it("--no-checker: /check and /api/check answer 404 and the page does not link to them", async () => {
    const file = join(dir, "no-checker-flag.yaml");
    await writeFile(file, VALID);
    const p = run([
      "serve",
      "--config",
      file,
      "--host",
      "127.0.0.1",
      "--port",
      "0",
      "--no-checker",
    ]);
    const started = await p.line(/^serving/);
    const base = String(started.url);
    // The generator page stays (it works in the browser alone), without the probe.
    expect(started.mounted).toEqual(expect.arrayContaining(["/new"]));
    expect(JSON.stringify(started.mounted)).not.toContain("/check");
    expect(String(started.msg)).not.toContain("/check");
    const generator = await fetch(new URL("/new", base));
    expect(generator.status).toBe(200);
    expect(await generator.text()).not.toContain("/api/check");
    // No server name: were the probe mounted, it would answer 400 without fetching anything.
    for (const path of ["/check", "/api/check", "/check/assets/x.js"])
      expect((await fetch(new URL(path, base))).status, path).toBe(404);
    expect(await (await fetch(base)).text()).not.toContain('href="/check"');
    expect((await fetch(new URL(SUPPORT, base))).status).toBe(200);
    p.child.kill("SIGTERM");
    expect(await p.exit).toBe(0);
  });

  it("http.checker: false turns the checker off, and a reload turns it back on", async () => {
    const file = join(dir, "no-checker-config.yaml");
    await writeFile(file, `${VALID}  checker: false\n`);
    const p = run(["serve", "--config", file, "--host", "127.0.0.1", "--port", "0"]);
    const started = await p.line(/^serving/);
    const base = String(started.url);
    expect(JSON.stringify(started.mounted)).not.toContain("/check");
    // Without a server name the probe answers 400 before it would fetch anything.
    expect((await fetch(new URL("/api/check", base))).status).toBe(404);
    expect((await fetch(new URL("/check", base))).status).toBe(404);

    await writeFileAtomic(file, VALID);
    p.child.kill("SIGHUP");
    const reloaded = await p.line(/^config reloaded/);
    expect(reloaded.mounted).toEqual(expect.arrayContaining(["/check", "/api/check"]));
    expect((await fetch(new URL("/api/check", base))).status).toBe(400);
    expect(await (await fetch(base)).text()).toContain('href="/check"');

    await writeFileAtomic(file, `${VALID}  checker: false\n`);
    p.child.kill("SIGHUP");
    await p.line(/^config reloaded \(generation 3\)/);
    expect((await fetch(new URL("/api/check", base))).status).toBe(404);
    p.child.kill("SIGTERM");
    expect(await p.exit).toBe(0);
  });

  it("SIGTERM waits for in-flight requests, then exits 0", async () => {
    const p = run([], {}, "test/server/fixtures/serve-with-slow-route.ts");
    const started = await p.line(/^serving/);
    const pending = fetch(new URL("/slow", String(started.url)));
    await p.line(/^slow request entered/);
    p.child.kill("SIGTERM");
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("finished after SIGTERM");
    expect(await p.exit).toBe(0);
  });
});

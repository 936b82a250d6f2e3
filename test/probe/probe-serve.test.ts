// How /probe is switched on in serve: the flag, the config key (checked like every key), --probe-expect-dir.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PROBE_METRICS_PATH } from "../../packages/cli/src/checker/probe-metrics.js";
import { run } from "../../packages/cli/src/cli/program.js";
import { checkConfig } from "../../packages/cli/src/config/parse.js";
import { extraRoutes } from "../../packages/cli/src/serve/extra-routes.js";

const ROOT = resolve(import.meta.dirname, "../..");
let dir: string;
let child: ChildProcess | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "probe-serve-"));
});
afterAll(async () => {
  if (child?.pid !== undefined && child.exitCode === null) process.kill(child.pid, "SIGKILL");
  await rm(dir, { recursive: true, force: true });
});

const base = { server_name: "example.org", support: { support_page: "https://example.org/help" } };

describe("http.probe_metrics in the config", () => {
  it("is a known key and must be true or false", () => {
    const codes = (http: unknown) =>
      checkConfig({ ...base, http }).filter((d) => d.path?.startsWith("/http"));
    expect(codes({ probe_metrics: true })).toEqual([]);
    expect(codes({ probe_metrics: false })).toEqual([]);
    const wrong = codes({ probe_metrics: "yes" });
    expect(wrong.map((d) => [d.code, d.path])).toEqual([
      ["CONFIG_WRONG_TYPE", "/http/probe_metrics"],
    ]);
    expect(wrong[0]?.message).toBe(
      'Config "http.probe_metrics" must be true or false, found a string',
    );
  });
});

describe("serve wiring", () => {
  it("mounts /probe only when asked", () => {
    expect(Object.keys(extraRoutes({})(base))).not.toContain(PROBE_METRICS_PATH);
    const withProbe = extraRoutes({ probe: { servedConfig: () => base } });
    expect(Object.keys(withProbe(base))).toContain(PROBE_METRICS_PATH);
    // The probe is asked for on its own: --no-checker leaves it mounted.
    const noChecker = extraRoutes({ checker: false, probe: { servedConfig: () => base } });
    expect(Object.keys(noChecker(base))).toContain(PROBE_METRICS_PATH);
    expect(Object.keys(noChecker(base))).toContain("/new");
    expect(Object.keys(noChecker(base))).not.toContain("/api/check");
  });

  it("--probe-expect-dir must be a directory: exit 2 before anything starts", async () => {
    let err = "";
    const spy = vi.spyOn(process.stderr, "write").mockImplementation(((chunk: unknown) => {
      err += String(chunk);
      return true;
    }) as typeof process.stderr.write);
    try {
      const code = await run([
        "node",
        "matrix-support",
        "serve",
        "--probe-metrics",
        "--probe-expect-dir",
        join(dir, "absent"),
      ]);
      expect(code).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(err).toMatch(/--probe-expect-dir: .*absent is not a directory/);
  });

  it("the config key alone turns /probe on", async () => {
    const config = join(dir, "with-key.yaml");
    await writeFile(
      config,
      "server_name: example.org\nsupport:\n  support_page: https://example.org/help\nhttp:\n  probe_metrics: true\n",
    );
    child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "packages/cli/src/cli/main.ts",
        "serve",
        "--config",
        config,
        "--port",
        "0",
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
    );
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setInterval(() => {
        const m = /"url":"(http:\/\/[^"]+)"/.exec(out);
        if (m?.[1]) {
          clearInterval(timer);
          resolveUrl(m[1]);
        } else if (child?.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`serve exited: ${out}`));
        }
      }, 50);
    });
    expect(out).toMatch(/also .*\/probe/);
    const r = await fetch(`${url}probe`);
    expect(r.status).toBe(400);
    expect(await r.text()).toBe("No target given: ask for /probe?target=NAME\n");
    const exited = new Promise((r) => child?.once("exit", r));
    if (child.pid !== undefined) process.kill(child.pid, "SIGTERM");
    await exited;
  });
});

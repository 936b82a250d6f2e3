/**
 * The probe with a real Prometheus (Debian's /usr/bin/prometheus): `serve --probe-metrics` probes
 * a loopback TLS server, Prometheus scrapes it with the shipped scrape config (its relabelling
 * kept, only the addresses and intervals changed) and loads the shipped alert rules, and the test
 * reads the samples back through Prometheus' HTTP API. promtool checks the shipped files.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { available } from "../helpers/available.js";
import { type Fleet, json, startFleet } from "../helpers/fleet.js";

const ROOT = resolve(import.meta.dirname, "../..");
const EXAMPLES = join(ROOT, "examples", "prometheus");
const PROMETHEUS = "/usr/bin/prometheus";
const PROMTOOL = "/usr/bin/promtool";
const run = promisify(execFile);
const hasPromtool = available(PROMTOOL, "apt-get install prometheus");
const hasPrometheus = available(PROMETHEUS, "apt-get install prometheus");

describe.skipIf(!hasPromtool)("the shipped Prometheus files pass promtool", () => {
  it("promtool check rules alerts.yml", async () => {
    const { stdout } = await run(PROMTOOL, ["check", "rules", join(EXAMPLES, "alerts.yml")]);
    expect(stdout).toMatch(/SUCCESS: 5 rules found/);
  });

  it("promtool check config prometheus.yml (its rule file included)", async () => {
    const { stdout } = await run(PROMTOOL, ["check", "config", join(EXAMPLES, "prometheus.yml")]);
    expect(stdout).toMatch(/SUCCESS: 1 rule files found/);
    expect(stdout).toMatch(/is valid prometheus config file syntax/);
  });

  it("promtool test rules alerts.test.yml: each alert fires when it should", async () => {
    const { stdout } = await run(PROMTOOL, ["test", "rules", "alerts.test.yml"], { cwd: EXAMPLES });
    expect(stdout).toMatch(/SUCCESS/);
  });
});

const DOC = {
  contacts: [
    { role: "m.role.admin", matrix_id: "@admin:example.org", email_address: "admin@example.org" },
    { role: "m.role.security", email_address: "security@example.org" },
  ],
};

/** A port free right now on 127.0.0.1 (Prometheus cannot listen on port 0 and say which it got). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

interface Child {
  child: ChildProcess;
  output: () => string;
}

function start(command: string, args: string[], cwd = ROOT): Child {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  return { child, output: () => output };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 90_000,
): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`);
}

async function stop(c: Child | undefined): Promise<void> {
  if (!c || c.child.exitCode !== null || c.child.pid === undefined) return;
  const exited = new Promise((r) => c.child.once("exit", r));
  process.kill(c.child.pid, "SIGTERM");
  const timer = setTimeout(() => {
    if (c.child.exitCode === null && c.child.pid !== undefined)
      process.kill(c.child.pid, "SIGKILL");
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

describe.skipIf(!hasPrometheus)("a real Prometheus scrapes serve --probe-metrics", () => {
  let fleet: Fleet;
  let dir: string;
  let serve: Child | undefined;
  let prometheus: Child | undefined;
  let api: string;

  beforeAll(async () => {
    fleet = await startFleet();
    fleet.route("example.org", (_req, res) => json(res, DOC));
    fleet.route("broken.example", (_req, res) => json(res, {}));
    dir = await mkdtemp(join(tmpdir(), "prometheus-probe-"));
    const ca = join(dir, "ca.pem");
    await writeFile(ca, fleet.ca.cert);
    const config = join(dir, "matrix-support.yaml");
    await writeFile(config, `server_name: example.org\nsupport: ${JSON.stringify(DOC)}\n`);

    serve = start(process.execPath, [
      "--import",
      "tsx",
      "packages/cli/src/cli/main.ts",
      "serve",
      "--config",
      config,
      "--port",
      "0",
      "--probe-metrics",
      "--allow-private-targets",
      "--cacert",
      ca,
      "--connect-to",
      fleet.connectTo,
    ]);
    const serveUrl = await until("serve to listen", async () => {
      for (const l of serve?.output().split("\n") ?? []) {
        if (!l.startsWith("{")) continue;
        const entry = JSON.parse(l) as { msg?: string; url?: string };
        if (/^serving/.test(entry.msg ?? "") && entry.url) return entry.url;
      }
      if (serve?.child.exitCode !== null) throw new Error(`serve exited: ${serve?.output()}`);
      return undefined;
    });
    const serveAddress = new URL(serveUrl).host;

    // The shipped scrape config, pointed at this serve and these targets, scraping every second.
    const shipped = parse(await readFile(join(EXAMPLES, "prometheus.yml"), "utf8"));
    shipped.global = { scrape_interval: "1s", evaluation_interval: "1s" };
    shipped.rule_files = [join(EXAMPLES, "alerts.yml")];
    const job = shipped.scrape_configs.find(
      (j: { job_name: string }) => j.job_name === "matrix_support",
    );
    job.scrape_timeout = "1s";
    job.static_configs = [{ targets: ["example.org", "broken.example"] }];
    const address = job.relabel_configs.find(
      (r: { target_label: string }) => r.target_label === "__address__",
    );
    expect(address.replacement).toBe("127.0.0.1:8080");
    address.replacement = serveAddress;
    const promConfig = join(dir, "prometheus.yml");
    await writeFile(promConfig, stringify(shipped));

    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    prometheus = start(
      PROMETHEUS,
      [
        `--config.file=${promConfig}`,
        `--storage.tsdb.path=${join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--log.level=warn",
      ],
      dir,
    );
  }, 120_000);

  afterAll(async () => {
    await stop(prometheus);
    await stop(serve);
    await fleet?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  /** Instant query: instance -> value, once every target has a sample. */
  const query = async (
    promql: string,
    instances: number,
  ): Promise<Map<string, string> | undefined> => {
    if (prometheus?.child.exitCode !== null)
      throw new Error(`prometheus exited: ${prometheus?.output()}`);
    const r = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(promql)}`);
    if (!r.ok) return undefined;
    const body = (await r.json()) as {
      data: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    const out = new Map(body.data.result.map((s) => [s.metric.instance ?? "", s.value[1]]));
    return out.size >= instances ? out : undefined;
  };

  it("scrapes matrix_support_probe_success per server name, relabelled as for the blackbox exporter", async () => {
    const success = await until("matrix_support_probe_success", () =>
      query('matrix_support_probe_success{job="matrix_support"}', 2),
    );
    expect(Object.fromEntries(success)).toEqual({ "example.org": "1", "broken.example": "0" });
    const up = await query('up{job="matrix_support"}', 2);
    expect(Object.fromEntries(up ?? [])).toEqual({ "example.org": "1", "broken.example": "1" });
    const status = await query('matrix_support_status{job="matrix_support"} == 1', 2);
    expect(Object.fromEntries(status ?? [])).toEqual({
      "example.org": "1",
      "broken.example": "1",
    });
    const statusNames = await fetch(
      `${api}/api/v1/query?query=${encodeURIComponent('matrix_support_status{job="matrix_support"} == 1')}`,
    ).then((r) => r.json() as Promise<{ data: { result: { metric: Record<string, string> }[] } }>);
    expect(
      Object.fromEntries(statusNames.data.result.map((s) => [s.metric.instance, s.metric.status])),
    ).toEqual({ "example.org": "found", "broken.example": "invalid" });
    // example.org is serve's own server_name: its live file is compared with the served config.
    const drift = await query('matrix_support_drift{job="matrix_support"}', 1);
    expect(Object.fromEntries(drift ?? [])).toEqual({ "example.org": "0" });
    const cors = await query('matrix_support_cors_ok{job="matrix_support"}', 2);
    expect(cors?.get("example.org")).toBe("1");
  });

  it("loads the shipped alert rules", async () => {
    const groups = await until("the rules", async () => {
      const r = await fetch(`${api}/api/v1/rules`);
      if (!r.ok) return undefined;
      const body = (await r.json()) as {
        data: { groups: { name: string; rules: { name: string; health: string }[] }[] };
      };
      return body.data.groups.length > 0 ? body.data.groups : undefined;
    });
    const group = groups.find((g) => g.name === "matrix-support");
    expect(group?.rules.map((r) => r.name)).toEqual([
      "MatrixSupportFileBroken",
      "MatrixSupportCorsLost",
      "MatrixSupportDrift",
      "MatrixSupportContactsChanged",
      "MatrixSupportSecurityContactMoved",
    ]);
    await until("the rules to be evaluated", async () => {
      const r = await fetch(`${api}/api/v1/rules`);
      const body = (await r.json()) as {
        data: { groups: { rules: { health: string }[] }[] };
      };
      const health = body.data.groups.flatMap((g) => g.rules.map((x) => x.health));
      return health.every((h) => h === "ok") ? true : undefined;
    });
  });
});

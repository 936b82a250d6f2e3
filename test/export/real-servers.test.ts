/**
 * The exported snippets in real nginx, Caddy and Apache, and `matrix-support serve` itself, all
 * held to one definition of right (conformance.ts): status, body bytes equal to
 * wellKnownBodies(config), Content-Type, CORS on GET and on the preflight, Cache-Control, 405,
 * and 404 for what is not published. Nothing is skipped: CI installs the three servers.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfigFile } from "../../packages/cli/src/config/file.js";
import { cacheMaxAge } from "../../packages/cli/src/export/headers.js";
import { EXPORT_TARGETS, renderExport } from "../../packages/cli/src/export/index.js";
import { writeExport } from "../../packages/cli/src/export/write.js";
import type { Config } from "../../packages/lib/src/config/types.js";
import { wellKnownBodies } from "../../packages/lib/src/server/bodies.js";
import { type Expected, expectServedRight } from "./conformance.js";
import {
  apacheWrapper,
  type CheckResult,
  caddyWrapper,
  checkApache,
  checkCaddy,
  checkNginx,
  freePort,
  nginxWrapper,
  openUp,
  type Running,
  requireBinary,
  type Site,
  startApache,
  startCaddy,
  startNginx,
  stopper,
} from "./servers.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = ["full.yaml", "escaping.json", "nothing-published.yaml"] as const;
type Fixture = (typeof FIXTURES)[number];

interface Exported {
  config: Config;
  out: string;
  expected: Expected;
}

let tmp = "";
const exported = new Map<Fixture, Exported>();

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "matrix-support-export-"));
  await openUp(tmp);
  for (const fixture of FIXTURES) {
    const loaded = await loadConfigFile(resolve(HERE, "fixtures", fixture));
    if (!loaded.config) throw new Error(`${fixture} is not a valid config`);
    const out = join(tmp, `out-${fixture.replace(/\W/g, "-")}`);
    await mkdir(out);
    const result = renderExport(loaded.config, { targets: EXPORT_TARGETS, webRoot: out });
    const written = await writeExport(out, result);
    if (!written.ok) throw new Error(written.error);
    await openUp(out);
    exported.set(fixture, {
      config: loaded.config,
      out,
      expected: { bodies: wellKnownBodies(loaded.config), cacheMaxAge: cacheMaxAge(loaded.config) },
    });
  }
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

interface Target {
  binary: string;
  snippet: string;
  setUp(dir: string, sites: Site[]): Promise<{ check: CheckResult; start(): Promise<Running> }>;
}

const TARGETS: Record<"nginx" | "caddy" | "apache", Target> = {
  nginx: {
    binary: "nginx",
    snippet: "nginx.conf",
    async setUp(dir, sites) {
      const conf = await nginxWrapper(dir, sites);
      return { check: checkNginx(dir, conf), start: () => startNginx(dir, conf, sites) };
    },
  },
  caddy: {
    binary: "caddy",
    snippet: "Caddyfile",
    async setUp(dir, sites) {
      const conf = await caddyWrapper(dir, sites);
      return { check: checkCaddy(dir, conf), start: () => startCaddy(dir, conf, sites) };
    },
  },
  apache: {
    binary: "apache2",
    snippet: "apache.conf",
    async setUp(dir, sites) {
      const conf = await apacheWrapper(dir, sites);
      return { check: checkApache(conf), start: () => startApache(conf, sites) };
    },
  },
};

describe.each(Object.keys(TARGETS) as Array<keyof typeof TARGETS>)("%s", (kind) => {
  const target = TARGETS[kind];
  const ports = new Map<Fixture, number>();
  let check: CheckResult = { ok: false, output: "not run" };
  let server: Running | undefined;

  beforeAll(async () => {
    requireBinary(target.binary);
    const dir = join(tmp, `server-${kind}`);
    await mkdir(dir);
    await openUp(dir);
    const sites: Site[] = [];
    for (const fixture of FIXTURES) {
      const port = await freePort();
      ports.set(fixture, port);
      sites.push({ port, snippet: join(exported.get(fixture)!.out, target.snippet) });
    }
    const set = await target.setUp(dir, sites);
    check = set.check;
    if (check.ok) server = await set.start();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("accepts the exported snippets with its own config checker", () => {
    expect(check.output).toBeDefined();
    expect(check.ok, check.output).toBe(true);
  });

  it.each(FIXTURES)("serves %s exactly as serve would", async (fixture) => {
    expect(server, `${kind} did not start: ${check.output}`).toBeDefined();
    const base = server!.baseFor(ports.get(fixture)!);
    await expectServedRight(base, exported.get(fixture)!.expected);
  });
});

describe("caddy, snippet pasted into the site block instead of imported", () => {
  // `import` strips one level of Caddyfile escapes and pasting does not: both must work.
  let server: Running | undefined;
  let check: CheckResult = { ok: false, output: "not run" };
  let port = 0;

  beforeAll(async () => {
    requireBinary("caddy");
    const dir = join(tmp, "server-caddy-pasted");
    await mkdir(dir);
    port = await freePort();
    const sites: Site[] = [
      { port, snippet: join(exported.get("escaping.json")!.out, "Caddyfile"), paste: true },
    ];
    const conf = await caddyWrapper(dir, sites);
    check = checkCaddy(dir, conf);
    if (check.ok) server = await startCaddy(dir, conf, sites);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("serves escaping.json byte for byte", async () => {
    expect(check.ok, check.output).toBe(true);
    await expectServedRight(server!.baseFor(port), exported.get("escaping.json")!.expected);
  });
});

describe("matrix-support serve (the reference)", () => {
  const cli = resolve(HERE, "../../packages/cli/dist/cli/bin.cjs");
  const running: Array<{ child: ChildProcess; base: string; fixture: Fixture; out: () => string }> =
    [];

  beforeAll(async () => {
    if (!existsSync(cli))
      throw new Error("packages/cli/dist/cli/bin.cjs is missing: run npm run build first");
    for (const fixture of FIXTURES) {
      const port = await freePort();
      const child = spawn(
        process.execPath,
        [
          cli,
          "serve",
          "--config",
          resolve(HERE, "fixtures", fixture),
          "--host",
          "127.0.0.1",
          "--port",
          String(port),
        ],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      let out = "";
      child.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
      });
      child.stderr?.on("data", (d: Buffer) => {
        out += d.toString();
      });
      running.push({ child, base: `http://127.0.0.1:${port}`, fixture, out: () => out });
    }
    const deadline = Date.now() + 45_000; // bounds a hang on a busy machine; measures nothing
    for (const r of running) {
      for (;;) {
        if (r.child.exitCode !== null) throw new Error(`serve exited:\n${r.out()}`);
        try {
          await (await request(`${r.base}/healthz`)).body.dump();
          break;
        } catch {
          if (Date.now() > deadline) throw new Error(`serve never answered:\n${r.out()}`);
          await new Promise((done) => setTimeout(done, 50));
        }
      }
    }
  });

  afterAll(async () => {
    await Promise.all(running.map(({ child }) => stopper(child)()));
  });

  it.each(FIXTURES)("serves %s (same assertions as the exports)", async (fixture) => {
    const r = running.find((x) => x.fixture === fixture)!;
    await expectServedRight(r.base, exported.get(fixture)!.expected);
  });
});

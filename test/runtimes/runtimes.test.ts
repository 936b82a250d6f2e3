// The library as users get it: packed with `npm pack`, installed from the tarball into an empty
// project, and run for real in Node, Bun, Deno, workerd (Cloudflare Workers' runtime) and
// Chromium. In each: (a) createSupportHandler serves the support file (GET, HEAD, preflight, ETag
// revalidation), in-process and through the runtime's own HTTP server (the examples in
// examples/runtimes); (b) discoverSupport and the client example find files on a loopback server
// run by this test; (c) validateSupport and pickContact judge documents. Each runtime's results
// come back as JSON and are judged here, against the sources and against Node's answers.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../packages/lib/src/config/types.js";
import { pickContact, pickContacts } from "../../packages/lib/src/core/pick.js";
import { validateSupport } from "../../packages/lib/src/core/validate.js";
import { wellKnownBodies } from "../../packages/lib/src/server/bodies.js";
import { available } from "../helpers/available.js";
import { CHROMIUM, launchChromium } from "../helpers/chromium.js";
import {
  BUN,
  DENO,
  freePort,
  installPackedLibrary,
  lastJsonLine,
  ROOT,
  run,
  runtimeBinary,
  type Scratch,
  type Started,
  startProcess,
  stopProcess,
  WORKERD,
} from "./harness.js";
import { INVALID_DOCUMENT, SERVER_NAMES } from "./probe/cases.mjs";
import { type Exercised, exercise, SUPPORT_PATH } from "./probe/exercise.mjs";

// Workers' compatibility date for the probe: the example's own config.capnp has its own.
const COMPATIBILITY_DATE = "2025-09-01";
// Generous: each runtime starts a process (and Chromium a browser) on a shared, busy machine.
const TIMEOUT = 120_000;

const haveBun = available(BUN, "npm ci (the bun package)");
const haveDeno = available(DENO, "npm ci (the deno package)");
const haveWorkerd = available(WORKERD, "npm ci (the workerd package)");
const haveChromium = available(CHROMIUM, "Debian's chromium");

/** What probe.mjs answers; see there. */
interface ProbeResult {
  runtime: string;
  resolved?: string;
  served: Exercised;
  discovered: Record<
    string,
    {
      status: string;
      url: string | null;
      document: unknown;
      codes: string[];
      httpStatus: number | null;
      cors: string | null;
      contentType: string | null;
      bytes: number | null;
      failure: { phase: string; code: string } | null;
    }
  >;
  client: Record<string, unknown>;
  validated: Record<string, unknown>;
}

let tmp: string;
let scratch: Scratch;
let config: Config;
let fixture: Server;
let base: string;
let refused: string;
const processes: ChildProcess[] = [];
let browser: Browser | undefined;
const results = new Map<string, ProbeResult>();
/** The failure phase each runtime gave for a refused connection (reported, not compared). */
const refusedPhases = new Map<string, string>();

/** The loopback server discovery runs against: /NAME/.well-known/matrix/support answers as NAME says. */
function startFixture(pages: Map<string, { type: string; body: string }>): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const page = pages.get(path);
    if (page) {
      res.writeHead(200, { "content-type": page.type });
      res.end(page.body);
      return;
    }
    if (path === `/found.example${SUPPORT_PATH}`) {
      res.writeHead(200, {
        "content-type": "application/json",
        "access-control-allow-origin": "*",
      });
      res.end(JSON.stringify(config.support));
    } else if (path === `/html.example${SUPPORT_PATH}`) {
      res.writeHead(200, { "content-type": "text/html", "access-control-allow-origin": "*" });
      res.end("<!doctype html><title>Welcome</title><p>Welcome to nginx!");
    } else {
      res.writeHead(404, { "content-type": "text/plain", "access-control-allow-origin": "*" });
      res.end("not found\n");
    }
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

const browserPages = new Map<string, { type: string; body: string }>();

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "matrix-support-runtimes-"));
  const loaded: { config: Config } = await import(
    pathToFileURL(join(ROOT, "examples/runtimes/config.mjs")).href
  );
  config = loaded.config;
  scratch = await installPackedLibrary(tmp);
  fixture = await startFixture(browserPages);
  const address = fixture.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  refused = `http://127.0.0.1:${await freePort()}`;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(processes.map((p) => stopProcess(p)));
  await new Promise((done) => (fixture ? fixture.close(done) : done(undefined)));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  if (results.size > 0)
    console.log(
      `runtimes: ${[...results.values()].map((r) => r.runtime).join("; ")}\n` +
        `refused connection, failure phase per runtime: ${[...refusedPhases]
          .map(([r, p]) => `${r}=${p}`)
          .join(", ")}`,
    );
});

/** Environment for the runtimes: no update checks, prompts, telemetry or colours. */
function runtimeEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NO_COLOR: "1",
    DO_NOT_TRACK: "1",
    DENO_NO_UPDATE_CHECK: "1",
    DENO_NO_PROMPT: "1",
    DENO_DIR: join(tmp, "deno-dir"),
    ...extra,
  };
}

async function started(p: Promise<Started>): Promise<Started> {
  const s = await p;
  processes.push(s.child);
  return s;
}

/** (a) over whatever `send` reaches: the support file with CORS, HEAD, preflight and ETags. */
function expectServed(served: Exercised, where: string): void {
  const body = wellKnownBodies(config).support;
  const { get, head, options, notModified, weakMatch, changed, missing } = served;
  expect(get.status, where).toBe(200);
  expect(get.body, where).toBe(body);
  expect(JSON.parse(get.body), where).toEqual(config.support);
  expect(get.headers["content-type"], where).toBe("application/json");
  expect(get.headers["access-control-allow-origin"], where).toBe("*");
  expect(get.headers["cache-control"], where).toBe("public, max-age=3600");
  expect(get.headers["content-length"], where).toBe(String(new TextEncoder().encode(body).length));
  const etag = get.headers.etag;
  expect(etag, where).toMatch(/^"[0-9a-z]+-[0-9a-z]+"$/);

  expect(head.status, where).toBe(200);
  expect(head.body, where).toBe("");
  expect(head.headers["access-control-allow-origin"], where).toBe("*");
  expect(head.headers["content-type"], where).toBe("application/json");
  expect(head.headers.etag, where).toBe(etag);

  expect(options.status, where).toBe(204);
  expect(options.body, where).toBe("");
  expect(options.headers["access-control-allow-origin"], where).toBe("*");
  expect(options.headers["access-control-allow-methods"], where).toContain("GET");
  expect(options.headers["access-control-allow-headers"], where).toContain("Authorization");

  expect(notModified.status, where).toBe(304);
  expect(notModified.body, where).toBe("");
  expect(notModified.headers.etag, where).toBe(etag);
  expect(weakMatch.status, where).toBe(304);
  expect(changed.status, where).toBe(200);
  expect(changed.body, where).toBe(body);
  expect(missing.status, where).toBe(404);
}

/** (a) in-process, (b) and (c): the same answers as the sources give, in every runtime. */
function expectProbe(result: ProbeResult, runtime: string): void {
  expect(result.runtime).toMatch(new RegExp(`^${runtime}`));
  expectServed(result.served, `${runtime}, in-process handler`);

  const d = result.discovered;
  expect(Object.keys(d)).toEqual(SERVER_NAMES);
  expect(d["found.example"]).toEqual({
    status: "found",
    url: `https://found.example${SUPPORT_PATH}`,
    document: config.support,
    codes: [],
    httpStatus: 200,
    cors: "*",
    contentType: "application/json",
    bytes: JSON.stringify(config.support).length,
    failure: null,
  });
  expect(d["missing.example"]).toMatchObject({
    status: "not_found",
    document: null,
    codes: ["NOT_PUBLISHED"],
    httpStatus: 404,
    failure: null,
  });
  expect(d["html.example"]).toMatchObject({
    status: "invalid",
    document: null,
    codes: ["BODY_IS_HTML"],
    httpStatus: 200,
    contentType: "text/html",
  });
  const refusedResult = d["refused.example"];
  expect(refusedResult).toMatchObject({ status: "unreachable", document: null, httpStatus: null });
  expect(["connect", "headers"]).toContain(refusedResult?.failure?.phase);
  refusedPhases.set(runtime, `${refusedResult?.failure?.phase}/${refusedResult?.failure?.code}`);
  expect(d["not a server name"]).toMatchObject({
    status: "unreachable",
    url: null,
    codes: ["SERVER_NAME_INVALID"],
    failure: { phase: "server_name", code: "SERVER_NAME_INVALID" },
  });

  expect(result.client.found).toEqual({
    ok: true,
    role: "m.role.security",
    fallback: false,
    matrixId: null,
    email: "security@example.org",
  });
  expect(result.client.missing).toMatchObject({ ok: false, status: "not_found" });
  expect(typeof (result.client.missing as { reason: unknown }).reason).toBe("string");

  // (c) exactly what the sources answer, through a JSON round trip.
  const valid = validateSupport(config.support, { serverName: "example.org" });
  const invalid = validateSupport(INVALID_DOCUMENT);
  const support = config.support ?? {};
  expect(result.validated).toEqual(
    JSON.parse(
      JSON.stringify({
        valid: { valid: valid.valid, codes: valid.diagnostics.map((x) => x.code) },
        invalid: {
          valid: invalid.valid,
          diagnostics: invalid.diagnostics.map((x) => ({
            code: x.code,
            severity: x.severity,
            path: x.path,
          })),
        },
        security: pickContact(support, "security") ?? null,
        abuse: pickContact(support, "abuse") ?? null,
        general: pickContacts(support, "general").map((p) => p.index),
        none: pickContact({ contacts: [] }, "security") ?? null,
      }),
    ),
  );
  expect(result.validated).toMatchObject({
    valid: { valid: true },
    invalid: { valid: false },
    security: { role: "m.role.security", fallback: false },
    abuse: { role: "m.role.admin", fallback: true },
  });
  expect(
    (result.validated.invalid as { diagnostics: unknown[] }).diagnostics.length,
  ).toBeGreaterThan(0);

  // Node answers first; every other runtime must answer the same (but for where it failed to
  // connect, which each runtime words its own way).
  const node = results.get("node");
  if (node && runtime !== "node") {
    const comparable = (r: ProbeResult) => ({
      ...r,
      runtime: undefined,
      resolved: undefined,
      discovered: { ...r.discovered, "refused.example": undefined },
    });
    expect(comparable(result)).toEqual(comparable(node));
  }
  results.set(runtime, result);
}

/** Runs the probe program in a runtime, from the scratch project. */
async function probeProgram(file: string, args: readonly string[]): Promise<ProbeResult> {
  const { stdout } = await run(file, [...args, "test/runtimes/probe/run.mjs", base, refused], {
    cwd: scratch.dir,
    env: runtimeEnv(),
    timeoutMs: 60_000,
  });
  const result: ProbeResult = lastJsonLine(stdout) as ProbeResult;
  // Loaded from the installed tarball, not the repository.
  expect(result.resolved).toBe(
    pathToFileURL(join(scratch.dir, "node_modules/@matrix-support/lib/dist/server/index.js")).href,
  );
  return result;
}

/** Starts an example server (it prints `listening on URL`) and drives it over loopback. */
async function exerciseExample(file: string, args: readonly string[], where: string) {
  const server = await started(
    startProcess(file, args, {
      cwd: scratch.dir,
      env: runtimeEnv({ HOST: "127.0.0.1", PORT: "0" }),
      timeoutMs: 30_000,
    }),
  );
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  try {
    expectServed(
      await exercise((path, init) => fetch(`${server.url}${path}`, init)),
      `${where} over loopback`,
    );
  } finally {
    await stopProcess(server.child);
  }
}

/**
 * Starts workerd on a free loopback port (its address goes on the command line, so the port is
 * picked here; another process may take it first, hence the retries) and waits until it answers.
 */
async function startWorkerd(cwd: string, config: string, readyPath: string): Promise<Started> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await started(
        startProcess(WORKERD, ["serve", config, "--socket-addr", `http=127.0.0.1:${port}`], {
          cwd,
          env: runtimeEnv(),
          timeoutMs: 30_000,
          probeUrl: `http://127.0.0.1:${port}${readyPath}`,
        }),
      );
    } catch (error) {
      last = error;
      if (!/address already in use/i.test(String(error))) throw error;
    }
  }
  throw last;
}

/** Bundles a module of the scratch project the way a Workers or browser build would. */
async function bundle(entry: string, outfile: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: scratch.dir,
    entryPoints: [join(scratch.dir, entry)],
    outfile: join(scratch.dir, outfile),
    bundle: true,
    format: "esm",
    platform: "browser",
    metafile: true,
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs);
}

describe("the packed library", () => {
  it("installs from its tarball alone, with no runtime dependency", () => {
    expect(scratch.manifest.name).toBe("@matrix-support/lib");
    const runtimeDependencies = [
      ...Object.keys(scratch.manifest.dependencies ?? {}),
      ...Object.keys(scratch.manifest.optionalDependencies ?? {}),
      ...Object.keys(scratch.manifest.peerDependencies ?? {}),
    ];
    expect(runtimeDependencies).toEqual([]);
    // Nothing else came along: the package and its dependencies are the whole tree.
    expect(scratch.installed).toEqual(["@matrix-support/lib", ...runtimeDependencies].sort());
    // Every entry point it exports is in the tarball, built; no sources and no source maps.
    const targets = Object.values(scratch.manifest.exports ?? {}).flatMap((e) =>
      typeof e === "string" ? [e] : [e.types, e.default].filter((t) => t !== undefined),
    );
    expect(targets).toContain("./dist/server/index.js");
    for (const target of targets) expect(scratch.files).toContain(target.slice(2));
    expect(scratch.files.filter((f) => f.endsWith(".map") || f.startsWith("src/"))).toEqual([]);
  });

  it("takes each runtime's binary from its npm package, never a placeholder", () => {
    const dir = mkdtempSync(join(tmpdir(), "matrix-support-binaries-"));
    try {
      // Before its postinstall, the wrapper's bin is a script; the platform package has the binary.
      mkdirSync(join(dir, "wrapper/bin"), { recursive: true });
      writeFileSync(join(dir, "wrapper/bin/tool.exe"), "#!/usr/bin/env node\nthrow 1\n");
      expect(runtimeBinary(["platform/bin/tool", "wrapper/bin/tool.exe"], dir)).toBe(
        join(dir, "platform/bin/tool"),
      );
      mkdirSync(join(dir, "platform/bin"), { recursive: true });
      writeFileSync(join(dir, "platform/bin/tool"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]));
      expect(runtimeBinary(["platform/bin/tool", "wrapper/bin/tool.exe"], dir)).toBe(
        join(dir, "platform/bin/tool"),
      );
      // After it, the binary may live in the wrapper only.
      writeFileSync(join(dir, "wrapper/bin/tool.exe"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2]));
      expect(runtimeBinary(["gone/bin/tool", "wrapper/bin/tool.exe"], dir)).toBe(
        join(dir, "wrapper/bin/tool.exe"),
      );
      expect(runtimeBinary([], dir)).toBe(join(dir, ".bin/missing"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Node", () => {
  it(
    "serves, discovers, validates and picks with the installed package",
    async () => {
      expectProbe(await probeProgram(process.execPath, []), "node");
    },
    TIMEOUT,
  );

  it(
    "runs the node:http example server",
    async () => {
      await exerciseExample(
        process.execPath,
        ["examples/runtimes/node/server.mjs"],
        "node example",
      );
    },
    TIMEOUT,
  );
});

describe.skipIf(!haveBun)("Bun", () => {
  it(
    "serves, discovers, validates and picks with the installed package",
    async () => {
      expectProbe(await probeProgram(BUN, ["--no-install"]), "bun");
    },
    TIMEOUT,
  );

  it(
    "runs the Bun.serve example server",
    async () => {
      await exerciseExample(
        BUN,
        ["--no-install", "examples/runtimes/bun/server.ts"],
        "bun example",
      );
    },
    TIMEOUT,
  );
});

describe.skipIf(!haveDeno)("Deno", () => {
  it(
    "serves, discovers, validates and picks with the installed package",
    async () => {
      expectProbe(await probeProgram(DENO, ["run", "--allow-net=127.0.0.1", "--no-lock"]), "deno");
    },
    TIMEOUT,
  );

  it(
    "runs the Deno.serve example server",
    async () => {
      await exerciseExample(
        DENO,
        [
          "run",
          "--allow-net=127.0.0.1",
          "--allow-env=HOST,PORT",
          "--no-lock",
          "examples/runtimes/deno/server.ts",
        ],
        "deno example",
      );
    },
    TIMEOUT,
  );
});

describe.skipIf(!haveWorkerd)("workerd", () => {
  it(
    "serves, discovers, validates and picks in a worker",
    async () => {
      const inputs = await bundle(
        "test/runtimes/probe/worker.mjs",
        "test/runtimes/probe/dist/worker.js",
      );
      expect(inputs.some((i) => i.startsWith("node_modules/@matrix-support/lib/dist/"))).toBe(true);
      // The worker may reach loopback only: workerd's default outbound network is public addresses.
      writeFileSync(
        join(scratch.dir, "test/runtimes/probe/probe.capnp"),
        `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "probe", worker = .probeWorker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:8080", http = (), service = "probe") ],
);
const probeWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "dist/worker.js") ],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  globalOutbound = "loopback",
);
`,
      );
      const worker = await startWorkerd(
        join(scratch.dir, "test/runtimes/probe"),
        "probe.capnp",
        "/ready",
      );
      const query = new URLSearchParams({ base, refused });
      const response = await fetch(`${worker.url}/probe?${query}`);
      const text = await response.text();
      expect(response.status, `${text}\n${worker.output()}`).toBe(200);
      expectProbe(JSON.parse(text), "workerd");
      await stopProcess(worker.child);
    },
    TIMEOUT,
  );

  it(
    "runs the example worker from its config.capnp",
    async () => {
      const dir = "examples/runtimes/workerd";
      const inputs = await bundle(`${dir}/worker.mjs`, `${dir}/dist/worker.js`);
      expect(inputs.some((i) => i.startsWith("node_modules/@matrix-support/lib/dist/"))).toBe(true);
      const worker = await startWorkerd(join(scratch.dir, dir), "config.capnp", "/healthz");
      try {
        expectServed(
          await exercise((path, init) => fetch(`${worker.url}${path}`, init)),
          "workerd example over loopback",
        );
      } finally {
        await stopProcess(worker.child);
      }
    },
    TIMEOUT,
  );
});

describe.skipIf(!haveChromium)("Chromium", () => {
  it(
    "serves, discovers, validates and picks from an esbuild browser bundle",
    async () => {
      const inputs = await bundle(
        "test/runtimes/probe/browser.mjs",
        "test/runtimes/probe/dist/browser.js",
      );
      expect(inputs.some((i) => i.startsWith("node_modules/@matrix-support/lib/dist/"))).toBe(true);
      // Nothing Node-only made it into the bundle.
      expect(inputs.filter((i) => i.startsWith("node:") || i.includes("/dist/node/"))).toEqual([]);
      browserPages.set("/probe.js", {
        type: "text/javascript",
        body: readFileSync(join(scratch.dir, "test/runtimes/probe/dist/browser.js"), "utf8"),
      });
      browserPages.set("/probe.html", {
        type: "text/html",
        body: '<!doctype html><meta charset="utf-8"><title>probe</title><script type="module" src="/probe.js"></script>',
      });
      browser = await launchChromium();
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${base}/probe.html`);
      await page.waitForFunction(() => "runProbe" in globalThis);
      const result: ProbeResult = await page.evaluate(
        (args) =>
          (globalThis as unknown as { runProbe: (a: unknown) => Promise<ProbeResult> }).runProbe(
            args,
          ),
        { base, refused },
      );
      expect(errors).toEqual([]);
      expectProbe(result, "browser");
      await browser.close();
      browser = undefined;
    },
    TIMEOUT,
  );
});

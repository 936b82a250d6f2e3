#!/usr/bin/env node
/**
 * bench/scan: `matrix-support scan` against a simulated fleet on loopback (one HTTPS server with a
 * wildcard certificate for *.fleet.test, reached with --connect-to and --cacert), compared in the
 * same run with baselines:
 *   1. latency-bound: every answer after 200 ms, concurrency 20, 1,000 names -> rate vs the ideal
 *      concurrency / latency = 100 names/s (goal >= 90%);
 *   2. CPU-bound: answers at once -> names/s vs a bare undici request loop doing the same requests
 *      (GET + OPTIONS per name, a new TLS connection per name, one TLS context, same concurrency)
 *      (goal >= 0.8x), and vs `xargs -P 20 curl` (one GET per name) when curl exists;
 *   3. memory: peak RSS of the scan process at 20,000 names vs 2,000 (goal <= 1.5x).
 * Loopback only. Run: npm run bench:scan (builds first). BENCH_QUICK=1 for a smaller run;
 * BENCH_ONLY=engine,latency,cpu,memory for some parts only.
 */
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:https";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import * as tls from "node:tls";
import { fileURLToPath } from "node:url";
import { makeFleetCerts } from "../test/helpers/fleet-certs.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist", "cli", "main.js");
const QUICK = process.env.BENCH_QUICK === "1";
/** BENCH_ONLY=engine,latency,cpu,memory runs only those parts (default: all). */
const ONLY = process.env.BENCH_ONLY?.split(",");
const part = (name) => ONLY === undefined || ONLY.includes(name);

// ---- child mode: the bare undici loop (run in its own process, like the CLI) -------------------
if (process.argv[2] === "--bare") {
  const [, , , namesFile, port, caFile, concurrencyText] = process.argv;
  const { Agent, buildConnector, request } = await import("undici");
  const secureContext = tls.createSecureContext({ ca: readFileSync(caFile) });
  const connector = buildConnector({ secureContext });
  const agent = new Agent({
    connect: (opts, cb) =>
      connector({ ...opts, hostname: "127.0.0.1", port, servername: opts.hostname }, cb),
  });
  const names = readFileSync(namesFile, "utf8").split("\n").filter(Boolean);
  let next = 0;
  const started = performance.now();
  async function one(name, method) {
    const res = await request(`https://${name}/.well-known/matrix/support`, {
      method,
      dispatcher: agent,
      headers: { origin: "https://bench.invalid", connection: "close" },
    });
    await res.body.text();
  }
  async function worker() {
    while (next < names.length) {
      const name = names[next++];
      await Promise.all([one(name, "GET"), one(name, "OPTIONS")]);
    }
  }
  await Promise.all(Array.from({ length: Number(concurrencyText) }, worker));
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ names: names.length, seconds })}\n`);
  await agent.close();
  process.exit(0);
}

// ---- the fleet -----------------------------------------------------------------------------
// The same CA and `*.fleet.test` certificate as the scan tests' fleet.
const certs = makeFleetCerts();
const dir = certs.dir;
const f = (n) => join(dir, n);

let delayMs = 0;
const body = (host) =>
  JSON.stringify({
    contacts: [
      { role: "m.role.admin", email_address: `admin@${host}`, matrix_id: "@admin:backup.example" },
      { role: "m.role.security", email_address: "security@backup.example" },
    ],
  });
const server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
  const send = () => {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "");
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-origin": "*",
        "access-control-allow-methods": "GET",
      });
      res.end();
      return;
    }
    const b = body(host);
    res.writeHead(200, {
      "content-type": "application/json",
      "access-control-allow-origin": "*",
      "content-length": Buffer.byteLength(b),
    });
    res.end(b);
  };
  if (delayMs > 0) setTimeout(send, delayMs);
  else send();
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const PORT = server.address().port;

function namesFile(n, tag) {
  const file = f(`names-${tag}-${n}.txt`);
  let text = "";
  for (let i = 0; i < n; i++) text += `s${i}-${tag}.fleet.test\n`;
  writeFileSync(file, text);
  return file;
}

function runChild(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, stdout, stderr, wall: (performance.now() - started) / 1000 }),
    );
  });
}

// Peak RSS, and the live heap after a full GC at exit (what the run still holds: the names set).
const RSS_HOOK =
  'data:text/javascript,process.on("exit",()=>{globalThis.gc();process.stderr.write("maxrss="+process.resourceUsage().maxRSS+" live="+process.memoryUsage().heapUsed+"\\n")})';

/** Our scan; the rate is the CLI's own (scanning time, start-up excluded), plus peak RSS. */
async function scan(n, concurrency, tag) {
  const input = namesFile(n, tag);
  const out = f(`out-${tag}-${n}.jsonl`);
  rmSync(out, { force: true });
  const r = await runChild(process.execPath, [
    "--expose-gc",
    "--import",
    RSS_HOOK,
    CLI,
    "scan",
    input,
    "--out",
    out,
    "--concurrency",
    String(concurrency),
    "--connect-to",
    `::127.0.0.1:${PORT}`,
    "--cacert",
    certs.caFile,
    "--no-progress",
  ]);
  if (r.code !== 0) throw new Error(`scan failed (${r.code}): ${r.stderr}`);
  const m = /(\d+) server\(s\) checked in ([\d.]+) s/.exec(r.stderr);
  const lines = readFileSync(out, "utf8").split("\n").filter(Boolean).length;
  if (!m || lines !== n) throw new Error(`expected ${n} results, got ${lines}: ${r.stderr}`);
  const seconds = Number(m[2]);
  const rss = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  const live = Number(/live=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024 / 1024;
  rmSync(out, { force: true });
  return { rate: n / seconds, seconds, rss, live, wall: r.wall };
}

async function bare(n, concurrency, tag) {
  const input = namesFile(n, tag);
  const r = await runChild(process.execPath, [
    fileURLToPath(import.meta.url),
    "--bare",
    input,
    String(PORT),
    certs.caFile,
    String(concurrency),
  ]);
  if (r.code !== 0) throw new Error(`bare loop failed: ${r.stderr}`);
  const { seconds } = JSON.parse(r.stdout);
  return { rate: n / seconds, seconds };
}

async function curlLoop(n, concurrency, tag) {
  const input = namesFile(n, tag);
  const r = await runChild("sh", [
    "-c",
    `sed 's#.*#https://&/.well-known/matrix/support#' "${input}" | xargs -P ${concurrency} -n 1 curl -s -o /dev/null --cacert "${certs.caFile}" --connect-to "::127.0.0.1:${PORT}"`,
  ]);
  if (r.code !== 0) throw new Error(`curl loop failed: ${r.stderr}`);
  return { rate: n / r.wall, seconds: r.wall };
}

const hasCurl = (() => {
  try {
    execFileSync("curl", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const fmt = (x, d = 1) => x.toFixed(d);
const lines = [];
const say = (s) => {
  lines.push(s);
  process.stdout.write(`${s}\n`);
};

say(
  `bench/scan  ${new Date().toISOString().slice(0, 10)}  node ${process.version}  ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), load average ${loadavg()[0].toFixed(1)} at the start`,
);

// 0. The engine alone: the checker is a 200 ms sleep, the output a real file. This separates the
// engine's own overhead from the TLS work that bounds the fleet runs on a loaded machine.
if (part("engine")) {
  const { openOutput, readNames, runScan } = await import("../dist/scan/index.js");
  const n = QUICK ? 300 : 1000;
  const input = namesFile(n, "engine");
  const out = f("engine.jsonl");
  const output = await openOutput(out, { resume: false });
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const started = performance.now();
  await runScan({
    names: readNames((await import("node:fs")).createReadStream(input)),
    check: async (name) => {
      await sleep(200);
      return {
        server_name: name,
        url: null,
        status: "not_found",
        document: null,
        diagnostics: [],
        http: { redirects: [], elapsed_ms: 200 },
      };
    },
    sink: output.sink,
    concurrency: 20,
  });
  await output.sink.close();
  const rate = n / ((performance.now() - started) / 1000);
  // Baseline: 20 bare loops sleeping 200 ms each, no engine (timer lateness on a loaded machine).
  let i = 0;
  const bareStart = performance.now();
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (i < n) {
        i++;
        await sleep(200);
      }
    }),
  );
  const bareRate = n / ((performance.now() - bareStart) / 1000);
  say(
    `engine alone (check = 200 ms sleep, concurrency 20, ${n} names, real output file): ${fmt(rate)} names/s = ${fmt(rate)}% of the ideal 100/s; bare sleep loop ${fmt(bareRate)}/s -> ${fmt(rate / bareRate, 2)}x`,
  );
}

// 1. Latency-bound.
if (part("latency")) {
  delayMs = 200;
  const latencyNames = QUICK ? 300 : 1000;
  const latency = await scan(latencyNames, 20, "lat");
  // The same requests from a bare undici loop: what this machine allows right now.
  const latencyBare = await bare(latencyNames, 20, "latbare");
  const ideal = 20 / 0.2;
  say(
    `latency-bound (200 ms, concurrency 20, ${latencyNames} names): ${fmt(latency.rate)} names/s = ${fmt((100 * latency.rate) / ideal)}% of the ideal ${ideal}/s (goal >= 90%); bare undici loop ${fmt(latencyBare.rate)} names/s = ${fmt((100 * latencyBare.rate) / ideal)}% -> scan ${fmt(latency.rate / latencyBare.rate, 2)}x`,
  );
}

// 2. CPU-bound: alternate the runs so background load hits both alike; best of each.
if (part("cpu")) {
  delayMs = 0;
  const cpuNames = QUICK ? 500 : 2000;
  const ours = [];
  const theirs = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i++) {
    theirs.push(await bare(cpuNames, 20, `bare${i}`));
    ours.push(await scan(cpuNames, 20, `cpu${i}`));
  }
  const best = (xs) => Math.max(...xs.map((x) => x.rate));
  say(
    `CPU-bound (no delay, concurrency 20, ${cpuNames} names, best of ${ours.length}): scan ${fmt(best(ours))} names/s, bare undici loop ${fmt(best(theirs))} names/s -> ${fmt(best(ours) / best(theirs), 2)}x (goal >= 0.8x)`,
  );
  if (hasCurl) {
    const curlNames = QUICK ? 200 : 500;
    const c = await curlLoop(curlNames, 20, "curl");
    say(
      `  vs xargs -P 20 curl (${curlNames} names, one GET each, process start-ups included): ${fmt(c.rate)} names/s -> scan is ${fmt(best(ours) / c.rate, 1)}x faster`,
    );
  }
}

// 3. Memory.
if (part("memory")) {
  const small = await scan(QUICK ? 1000 : 2000, 20, "mem-small");
  const large = await scan(QUICK ? 10000 : 20000, 20, "mem-large");
  say(
    `memory: peak RSS ${fmt(small.rss, 0)} MiB at ${QUICK ? "1,000" : "2,000"} names, ${fmt(large.rss, 0)} MiB at ${QUICK ? "10,000" : "20,000"} -> ${fmt(large.rss / small.rss, 2)}x (goal <= 1.5x); live heap after a full GC ${fmt(small.live)} MiB vs ${fmt(large.live)} MiB -> ${fmt(large.live / small.live, 2)}x; ${fmt(large.rate)} names/s`,
  );
}

server.closeAllConnections();
server.close();
rmSync(dir, { recursive: true, force: true });

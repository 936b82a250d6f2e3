#!/usr/bin/env node
/**
 * bench/scan: `matrix-support scan` end to end against a simulated fleet on loopback: one HTTPS
 * server with a wildcard certificate for *.fleet.test, reached with --connect-to and --cacert;
 * every name is a different host, so every server costs a new TLS connection, as in a real scan.
 * One run prints:
 *   - TLS handshakes and requests per server, counted by the fleet (`secureConnection` events and
 *     requests), during the CPU-bound scans;
 *   - CPU-bound: the fleet answers at once; scan's rate vs a bare undici loop doing one GET per
 *     name over a new connection (one TLS context, `Connection: close`), same concurrency
 *     (goal >= 0.85x);
 *   - latency-bound: every answer after 200 ms, concurrency 20: scan's rate vs the ideal
 *     concurrency / latency = 100 names/s and vs the same bare loop (goal >= 0.9x);
 *   - a realistic mix: a third of the names never answer (a TCP listener that accepts and stays
 *     silent: the TLS handshake never ends) or refuse the connection; the rest answer after
 *     200 ms. Wall time vs the ideal for the mix (each answered name holds a slot 200 ms, each
 *     silent one exactly the timeout, each refused one nothing), and the longest check of a silent
 *     name, which must not exceed the timeout.
 * Rates come from the fleet's own clock (first connection accepted to last answer sent), so the
 * start-up of the processes is excluded alike for scan and the bare loop. Each measurement runs
 * BENCH_RUNS times (default 3), scan and the bare loop alternating so background load hits both
 * alike; the median is printed. Loopback only.
 *
 * Run: npm run bench:scan (builds first). BENCH_QUICK=1 for smaller runs; BENCH_ONLY=cpu,latency,mix
 * (default), or engine, memory, curl for the other parts.
 */
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:https";
import { createServer as createTcpServer } from "node:net";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import * as tls from "node:tls";
import { fileURLToPath } from "node:url";
import { makeFleetCerts } from "../test/helpers/fleet-certs.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** BENCH_CLI=path/to/bin.cjs measures another build (e.g. a copy of the previous one). */
const CLI = process.env.BENCH_CLI ?? join(ROOT, "packages", "cli", "dist", "cli", "bin.cjs");
const QUICK = process.env.BENCH_QUICK === "1";
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 3));
const ONLY = (process.env.BENCH_ONLY ?? "cpu,latency,mix").split(",");
const part = (name) => ONLY.includes(name);

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
  async function worker() {
    while (next < names.length) {
      const name = names[next++];
      const res = await request(`https://${name}/.well-known/matrix/support`, {
        method: "GET",
        dispatcher: agent,
        headers: { origin: "https://bench.invalid", connection: "close" },
      });
      await res.body.text();
    }
  }
  await Promise.all(Array.from({ length: Number(concurrencyText) }, worker));
  await agent.close();
  const cpu = process.cpuUsage();
  process.stdout.write(`cpu=${cpu.user + cpu.system}\n`);
  process.exit(0);
}

// ---- the fleet -----------------------------------------------------------------------------
// The same CA and `*.fleet.test` certificate as the scan tests' fleet.
const certs = makeFleetCerts();
const dir = certs.dir;
// Removed however the run ends (a failed part throws).
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
const f = (n) => join(dir, n);

let delayMs = 0;
/** What the fleet saw since the last `resetCounts()`. */
const seen = { handshakes: 0, requests: 0, first: 0, last: 0 };
const resetCounts = () => Object.assign(seen, { handshakes: 0, requests: 0, first: 0, last: 0 });

const body = (host) =>
  JSON.stringify({
    contacts: [
      { role: "m.role.admin", email_address: `admin@${host}`, matrix_id: "@admin:backup.example" },
      { role: "m.role.security", email_address: "security@backup.example" },
    ],
  });
const server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
  seen.requests++;
  const send = () => {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "");
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-origin": "*",
        "access-control-allow-methods": "GET",
      });
    } else {
      const b = body(host);
      res.writeHead(200, {
        "content-type": "application/json",
        "access-control-allow-origin": "*",
        "content-length": Buffer.byteLength(b),
      });
      res.write(b);
    }
    res.end(() => {
      seen.last = performance.now();
    });
  };
  if (delayMs > 0) setTimeout(send, delayMs);
  else send();
});
server.on("connection", () => {
  if (seen.first === 0) seen.first = performance.now();
});
server.on("secureConnection", () => {
  seen.handshakes++;
});
server.keepAliveTimeout = 60_000;
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const PORT = server.address().port;

// For the mix: a listener that accepts and never says a word, and a port nobody listens on.
const silentSockets = new Set();
const silent = createTcpServer((s) => {
  silentSockets.add(s);
  s.on("close", () => silentSockets.delete(s));
  s.on("error", () => {});
});
await new Promise((r) => silent.listen(0, "127.0.0.1", r));
const SILENT_PORT = silent.address().port;
const closed = createTcpServer();
await new Promise((r) => closed.listen(0, "127.0.0.1", r));
const REFUSED_PORT = closed.address().port;
await new Promise((r) => closed.close(r));

function namesFile(names, tag) {
  const file = f(`names-${tag}.txt`);
  writeFileSync(file, `${names.join("\n")}\n`);
  return file;
}
const fleetNames = (n, tag) => Array.from({ length: n }, (_, i) => `s${i}-${tag}.fleet.test`);

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
  'data:text/javascript,process.on("exit",()=>{const c=process.cpuUsage();globalThis.gc();process.stderr.write("maxrss="+process.resourceUsage().maxRSS+" live="+process.memoryUsage().heapUsed+" cpu="+(c.user+c.system)+"\\n")})';

/** The fleet's own clock: first connection accepted to last answer sent (s). */
const fleetSeconds = () => (seen.last - seen.first) / 1000;

/**
 * Our scan, as a user runs it. `rate` is from the fleet's clock; `cliSeconds` is the CLI's own
 * "checked in" figure; `records` the JSONL lines.
 */
async function scan(names, concurrency, tag, extra = []) {
  const input = namesFile(names, tag);
  const out = f(`out-${tag}.jsonl`);
  rmSync(out, { force: true });
  resetCounts();
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
    ...extra,
    "--connect-to",
    `::127.0.0.1:${PORT}`,
    "--cacert",
    certs.caFile,
    "--no-progress",
  ]);
  if (r.code !== 0) throw new Error(`scan failed (${r.code}): ${r.stderr}`);
  const m = /(\d+) server\(s\) checked in ([\d.]+) s/.exec(r.stderr);
  const records = readFileSync(out, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  if (!m || records.length !== names.length)
    throw new Error(`expected ${names.length} results, got ${records.length}: ${r.stderr}`);
  rmSync(out, { force: true });
  return {
    rate: names.length / fleetSeconds(),
    cliSeconds: Number(m[2]),
    handshakes: seen.handshakes / names.length,
    requests: seen.requests / names.length,
    rss: Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024,
    live: Number(/live=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024 / 1024,
    /** CPU time of the whole process per name (ms), start-up included. */
    cpu: Number(/cpu=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1000 / names.length,
    records,
  };
}

/** The bare undici loop: one GET per name over a new connection. */
async function bare(names, concurrency, tag) {
  const input = namesFile(names, tag);
  resetCounts();
  const r = await runChild(process.execPath, [
    fileURLToPath(import.meta.url),
    "--bare",
    input,
    String(PORT),
    certs.caFile,
    String(concurrency),
  ]);
  if (r.code !== 0) throw new Error(`bare loop failed: ${r.stderr}`);
  return {
    rate: names.length / fleetSeconds(),
    handshakes: seen.handshakes / names.length,
    requests: seen.requests / names.length,
    cpu: Number(/cpu=(\d+)/.exec(r.stdout)?.[1] ?? 0) / 1000 / names.length,
  };
}

async function curlLoop(names, concurrency, tag) {
  const input = namesFile(names, tag);
  const r = await runChild("sh", [
    "-c",
    `sed 's#.*#https://&/.well-known/matrix/support#' "${input}" | xargs -P ${concurrency} -n 1 curl -s -o /dev/null --cacert "${certs.caFile}" --connect-to "::127.0.0.1:${PORT}"`,
  ]);
  if (r.code !== 0) throw new Error(`curl loop failed: ${r.stderr}`);
  return { rate: names.length / r.wall };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const fmt = (x, d = 1) => x.toFixed(d);
const list = (xs, d = 1) => xs.map((x) => fmt(x, d)).join(", ");
const say = (s) => process.stdout.write(`${s}\n`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

say(
  `bench/scan  ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC  node ${process.version}  ${cpus().length} cores (${cpus()[0]?.model ?? "?"})  load average ${load()} at the start  runs ${RUNS} (median)`,
);

// CPU-bound, with the handshake and request counts.
if (part("cpu")) {
  delayMs = 0;
  const n = QUICK ? 500 : 2000;
  const ours = [];
  const theirs = [];
  for (let i = 0; i < RUNS; i++) {
    theirs.push(await bare(fleetNames(n, `bare${i}`), 20, `bare${i}`));
    ours.push(await scan(fleetNames(n, `cpu${i}`), 20, `cpu${i}`));
  }
  say(
    `per server (scan, CPU-bound runs): ${list(
      ours.map((o) => o.handshakes),
      2,
    )} TLS handshakes, ${list(
      ours.map((o) => o.requests),
      2,
    )} requests (bare loop: ${fmt(median(theirs.map((t) => t.handshakes)), 2)} handshakes, ${fmt(
      median(theirs.map((t) => t.requests)),
      2,
    )} requests)`,
  );
  const o = median(ours.map((x) => x.rate));
  const t = median(theirs.map((x) => x.rate));
  say(
    `CPU-bound (no delay, concurrency 20, ${n} names): scan ${fmt(o)} names/s [${list(ours.map((x) => x.rate))}], bare undici GET loop ${fmt(t)} names/s [${list(theirs.map((x) => x.rate))}] -> ${fmt(o / t, 2)}x (goal >= 0.85x); scan's own "checked in" ${list(
      ours.map((x) => x.cliSeconds),
    )} s`,
  );
  const oc = median(ours.map((x) => x.cpu));
  const tc = median(theirs.map((x) => x.cpu));
  say(
    `  CPU time of the client process per name (start-up included): scan ${fmt(oc, 2)} ms [${list(
      ours.map((x) => x.cpu),
      2,
    )}], bare loop ${fmt(tc, 2)} ms [${list(
      theirs.map((x) => x.cpu),
      2,
    )}] -> ${fmt(tc / oc, 2)}x`,
  );
}

// Latency-bound.
if (part("latency")) {
  delayMs = 200;
  const n = QUICK ? 300 : 1000;
  const ours = [];
  const theirs = [];
  for (let i = 0; i < RUNS; i++) {
    theirs.push(await bare(fleetNames(n, `latbare${i}`), 20, `latbare${i}`));
    ours.push(await scan(fleetNames(n, `lat${i}`), 20, `lat${i}`));
  }
  const ideal = 20 / 0.2;
  const o = median(ours.map((x) => x.rate));
  const t = median(theirs.map((x) => x.rate));
  say(
    `latency-bound (every answer after 200 ms, concurrency 20, ${n} names): scan ${fmt(o)} names/s [${list(ours.map((x) => x.rate))}] = ${fmt((100 * o) / ideal)}% of the ideal ${ideal}/s; bare undici GET loop ${fmt(t)} names/s [${list(theirs.map((x) => x.rate))}] -> scan ${fmt(o / t, 2)}x (goal >= 0.9x)`,
  );
  delayMs = 0;
}

// A realistic mix: a sixth silent, a sixth refused, the rest answering after 200 ms.
if (part("mix")) {
  delayMs = 200;
  const n = QUICK ? 300 : 600;
  const timeoutMs = 2000;
  const walls = [];
  const longest = [];
  const found = [];
  let counts;
  for (let i = 0; i < RUNS; i++) {
    const names = [];
    const rules = [];
    counts = { ok: 0, silent: 0, refused: 0 };
    for (let k = 0; k < n; k++) {
      const kind = k % 6 === 1 ? "silent" : k % 6 === 4 ? "refused" : "ok";
      const name = `m${k}-${kind}-${i}.fleet.test`;
      counts[kind]++;
      names.push(name);
      if (kind !== "ok")
        rules.push(
          "--connect-to",
          `${name}:443:127.0.0.1:${kind === "silent" ? SILENT_PORT : REFUSED_PORT}`,
        );
    }
    const started = performance.now();
    const r = await scan(names, 20, `mix${i}`, ["--timeout", String(timeoutMs), ...rules]);
    const wall = (performance.now() - started) / 1000;
    walls.push(r.cliSeconds);
    const silentChecks = r.records.filter((x) => x.server_name.includes("-silent-"));
    if (silentChecks.some((x) => x.status !== "unreachable"))
      throw new Error("a silent server was not unreachable");
    longest.push(Math.max(...silentChecks.map((x) => x.http.elapsed_ms)));
    found.push(r.records.filter((x) => x.status === "found").length);
    if (r.records.some((x) => x.server_name.includes("-refused-") && x.status !== "unreachable"))
      throw new Error(`mix: a refused server was not unreachable (process wall ${fmt(wall)} s)`);
  }
  const ideal = (counts.ok * 0.2 + counts.silent * (timeoutMs / 1000)) / 20;
  const w = median(walls);
  say(
    `mix (concurrency 20, ${n} names: ${counts.ok} answer after 200 ms, ${counts.silent} silent, ${counts.refused} refused; --timeout ${timeoutMs}): scan ${fmt(w, 1)} s [${list(walls)}] vs the ideal ${fmt(ideal, 2)} s -> ${fmt((100 * ideal) / w)}% of the ideal; longest check of a silent server ${fmt(median(longest), 0)} ms [${list(longest, 0)}] (timeout ${timeoutMs} ms); found ${found.join(", ")} of ${counts.ok}`,
  );
  delayMs = 0;
}

// The engine alone: the checker is a 200 ms sleep, the output a real file (needs tsx: the
// engine is imported from its TypeScript source).
if (part("engine")) {
  const { openOutput, readNames, runScan } = await import("../packages/cli/src/scan/index.ts");
  const n = QUICK ? 300 : 1000;
  const input = namesFile(fleetNames(n, "engine"), "engine");
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
  say(
    `engine alone (check = 200 ms sleep, concurrency 20, ${n} names, real output file): ${fmt(rate)} names/s = ${fmt(rate)}% of the ideal 100/s`,
  );
}

if (part("curl")) {
  const hasCurl = (() => {
    try {
      execFileSync("curl", ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();
  if (hasCurl) {
    const n = QUICK ? 200 : 500;
    const c = await curlLoop(fleetNames(n, "curl"), 20, "curl");
    say(
      `xargs -P 20 curl (${n} names, one GET each, process start-ups included): ${fmt(c.rate)} names/s`,
    );
  }
}

if (part("memory")) {
  const small = await scan(fleetNames(QUICK ? 1000 : 2000, "mem-small"), 20, "mem-small");
  const large = await scan(fleetNames(QUICK ? 10000 : 20000, "mem-large"), 20, "mem-large");
  say(
    `memory: peak RSS ${fmt(small.rss, 0)} MiB at ${QUICK ? "1,000" : "2,000"} names, ${fmt(large.rss, 0)} MiB at ${QUICK ? "10,000" : "20,000"} -> ${fmt(large.rss / small.rss, 2)}x (goal <= 1.5x); live heap after a full GC ${fmt(small.live)} MiB vs ${fmt(large.live)} MiB -> ${fmt(large.live / small.live, 2)}x`,
  );
}

say(`load average ${load()} at the end`);
server.closeAllConnections();
server.close();
for (const s of silentSockets) s.destroy();
silent.close();

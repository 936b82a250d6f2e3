/**
 * `matrix-support serve` against two baselines serving the same bytes and headers, side by side in
 * one run on loopback: a bare node:http server and nginx (one worker, the file from disk). wrk
 * drives each in alternating rounds; medians are compared. Run on the build: `npm run bench:serve`.
 * Tunables (env): BENCH_ROUNDS (5), BENCH_SECONDS (4), BENCH_WARMUP (4), BENCH_CONNECTIONS (32),
 * BENCH_SCRAPE_MS (5000: how often /metrics is scraped during the run; 0 for never).
 * On a shared machine the req/s ratios swing with other load; server CPU per request is steadier.
 */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseConfig } from "../packages/cli/src/config/parse.ts";
import { createMetrics } from "../packages/cli/src/serve/metrics.ts";
import { wellKnownBodies } from "../packages/lib/src/server/bodies.ts";
import { createSupportHandler } from "../packages/lib/src/server/handler.ts";
import { strongEtag } from "../packages/lib/src/server/hash.ts";
import { wellKnownHeaders } from "../packages/lib/src/server/site.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 4);
const PATH = "/.well-known/matrix/support";

function need(command) {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
  } catch {
    console.error(
      `bench/serve: ${command} is not installed (Debian: apt-get install wrk nginx-light)`,
    );
    process.exit(2);
  }
}
need("wrk");
need("nginx");

/** A free loopback port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function waitFor(child, pattern, name) {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (d) => {
      seen += d.toString();
      if (pattern.test(seen)) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${name} exited (${code}): ${seen}`)));
  });
}

async function waitForHttp(url) {
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not come up (logs in ${dir})`);
}

const dir = mkdtempSync(join(tmpdir(), "ms-bench-serve-"));
// nginx workers drop privileges when started as root: they must be able to read the file.
chmodSync(dir, 0o755);
const children = [];
const cleanup = () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
};
process.on("exit", cleanup);
process.on("SIGINT", () => process.exit(130));

// The same config, bytes and headers for all three.
const configFile = join(root, "examples/matrix-support.yaml");
const config = parseConfig(readFileSync(configFile, "utf8"), { fileName: configFile }).config;
const body = wellKnownBodies(config).support;
const bodyBytes = Buffer.from(body);
const headers = {
  ...wellKnownHeaders(config.http?.cache_max_age),
  etag: strongEtag(new Uint8Array(bodyBytes)),
};
const bodyFile = join(dir, "support");
writeFileSync(bodyFile, body);

const [servePort, barePort, nginxPort] = [await freePort(), await freePort(), await freePort()];

const serve = spawn(
  process.execPath,
  [
    join(root, "packages/cli/dist/cli/bin.cjs"),
    "serve",
    "--config",
    configFile,
    "--port",
    String(servePort),
    "--host",
    "127.0.0.1",
  ],
  { stdio: ["ignore", "pipe", "pipe"] },
);
children.push(serve);
const bare = spawn(
  process.execPath,
  [join(root, "bench/serve-bare.mjs"), String(barePort), bodyFile, JSON.stringify(headers)],
  { stdio: ["ignore", "pipe", "pipe"] },
);
children.push(bare);

const ngx = [
  "worker_processes 1;",
  "daemon off;",
  `pid ${dir}/nginx.pid;`,
  `error_log ${dir}/nginx-error.log warn;`,
  "events { worker_connections 1024; }",
  "http {",
  "  access_log off;",
  `  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;`,
  `  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;`,
  "  keepalive_requests 10000;",
  "  server_tokens off;",
  `  server { listen 127.0.0.1:${nginxPort};`,
  `    location = ${PATH} {`,
  `      alias ${bodyFile};`,
  "      default_type application/json;",
  `      add_header Access-Control-Allow-Origin "*" always;`,
  `      add_header Cache-Control "${headers["cache-control"]}" always;`,
  `      add_header X-Content-Type-Options nosniff always;`,
  "    }",
  "  }",
  "}",
].join("\n");
writeFileSync(join(dir, "nginx.conf"), ngx);
const nginx = spawn(
  "nginx",
  ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", join(dir, "nginx-error.log")],
  {
    stdio: ["ignore", "pipe", "pipe"],
  },
);
children.push(nginx);

await Promise.all([
  waitFor(serve, /"msg":"serving/, "serve"),
  waitFor(bare, /listening/, "bare node:http"),
]);
const targets = [
  { name: "serve", url: `http://127.0.0.1:${servePort}${PATH}`, pid: serve.pid },
  { name: "bare node:http", url: `http://127.0.0.1:${barePort}${PATH}`, pid: bare.pid },
  { name: "nginx (1 worker)", url: `http://127.0.0.1:${nginxPort}${PATH}`, pid: nginx.pid },
];
// A monitored server: /metrics scraped every SCRAPE_MS (as Prometheus would, 15 s by default
// there), in a shell loop since wrk blocks this process's event loop. prom-client loads on the
// first scrape, so this is the heavier case. BENCH_SCRAPE_MS=0: never scraped.
const SCRAPE_MS = Number(process.env.BENCH_SCRAPE_MS ?? 5000);
if (SCRAPE_MS > 0) {
  const scrape = `http://127.0.0.1:${servePort}/metrics`;
  const scraper = spawn(
    "sh",
    ["-c", `while :; do curl -s -o /dev/null ${scrape}; sleep ${SCRAPE_MS / 1000}; done`],
    { stdio: "ignore" },
  );
  children.push(scraper);
}
for (const t of targets) {
  await waitForHttp(t.url);
  const res = await fetch(t.url);
  const got = await res.text();
  if (got !== body) throw new Error(`${t.name} serves other bytes: ${got}`);
}

/** CPU time (ms) used so far by a process and its children (nginx: master + worker). */
function cpuMs(pid) {
  let total = 0;
  const pids = [pid];
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    if (kids) pids.push(...kids.split(/\s+/).map(Number));
  } catch {
    // no children file: count the process alone
  }
  for (const p of pids) {
    const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ");
    total += Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
  }
  return total * 10; // 100 ticks per second on Linux
}

function toMs(value, unit) {
  const n = Number(value);
  return unit === "us" ? n / 1000 : unit === "s" ? n * 1000 : unit === "m" ? n * 60_000 : n;
}

function wrk(url, seconds, pid) {
  const before = pid ? cpuMs(pid) : 0;
  const out = execFileSync(
    "wrk",
    ["-t1", `-c${CONNECTIONS}`, `-d${seconds}s`, "--latency", "--timeout", "5s", url],
    { encoding: "utf8" },
  );
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
  const p99m = /\s99%\s+([\d.]+)(us|ms|s|m)\b/.exec(out);
  const p99 = p99m ? toMs(p99m[1], p99m[2]) : Number.NaN;
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const errors = non2xx + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  // Server CPU per request: what a dedicated core would give, less disturbed by a busy machine.
  const cpuUs = pid && requests ? ((cpuMs(pid) - before) * 1000) / requests : Number.NaN;
  return { rps, p99, errors, cpuUs };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

console.log(
  `bench/serve: wrk -t1 -c${CONNECTIONS}, ${ROUNDS} alternating rounds of ${SECONDS}s, loopback, ${bodyBytes.length}-byte body, /metrics scraped ${SCRAPE_MS > 0 ? `every ${SCRAPE_MS} ms` : "never"}`,
);
for (const t of targets) wrk(t.url, WARMUP); // warm-up: JIT (serve has more code to optimise), connections
const results = new Map(targets.map((t) => [t.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Alternate the order so drift on a shared machine does not favour one target.
  const order = round % 2 === 0 ? targets : [...targets].reverse();
  for (const t of order) {
    const r = wrk(t.url, SECONDS, t.pid);
    results.get(t.name).push(r);
    console.log(
      `  round ${round + 1} ${t.name.padEnd(17)} ${r.rps.toFixed(0).padStart(7)} req/s  p99 ${r.p99.toFixed(2)} ms  ${r.cpuUs.toFixed(1)} us CPU/req  errors ${r.errors}`,
    );
  }
}

const status = readFileSync(`/proc/${serve.pid}/status`, "utf8");
const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
const peakMb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
const bareStatus = readFileSync(`/proc/${bare.pid}/status`, "utf8");
const barePeakMb = Number(/VmHWM:\s+(\d+)/.exec(bareStatus)?.[1] ?? 0) / 1024;

const summary = Object.fromEntries(
  [...results].map(([name, rs]) => [
    name,
    {
      rps: median(rs.map((r) => r.rps)),
      p99: median(rs.map((r) => r.p99)),
      errors: rs.reduce((a, r) => a + r.errors, 0),
      cpuUs: median(rs.map((r) => r.cpuUs)),
    },
  ]),
);
const s = summary.serve;
const b = summary["bare node:http"];
const n = summary["nginx (1 worker)"];
console.log(
  "\n| server | req/s (median) | p99 (median) | server CPU per request (median) | errors |",
);
console.log("|---|---:|---:|---:|---:|");
for (const [name, r] of Object.entries(summary))
  console.log(
    `| ${name} | ${r.rps.toFixed(0)} | ${r.p99.toFixed(2)} ms | ${r.cpuUs.toFixed(1)} us | ${r.errors} |`,
  );
const check = (ok) => (ok ? "ok" : "MISSED");
const vsBare = s.rps / b.rps;
const vsNginx = s.rps / n.rps;
const p99Ratio = s.p99 / b.p99;
const errors = Object.values(summary).reduce((a, r) => a + r.errors, 0);
console.log(
  `\nserve / bare node:http  ${vsBare.toFixed(2)}x req/s   (goal >= 0.9x: ${check(vsBare >= 0.9)})`,
);
console.log(
  `serve / nginx           ${vsNginx.toFixed(2)}x req/s   (goal >= 0.6x: ${check(vsNginx >= 0.6)})`,
);
console.log(
  `CPU/request bare / serve  ${(b.cpuUs / s.cpuUs).toFixed(2)}x  (requests per core-second relative to bare node:http)`,
);
console.log(
  `CPU/request nginx / serve ${(n.cpuUs / s.cpuUs).toFixed(2)}x  (requests per core-second relative to nginx)`,
);
console.log(
  `p99 serve / bare        ${p99Ratio.toFixed(2)}x          (goal <= 2x: ${check(p99Ratio <= 2)})`,
);
console.log(`errors (all servers)    ${errors}              (goal 0: ${check(s.errors === 0)})`);
console.log(
  `serve RSS               ${rssMb.toFixed(1)} MB now, ${peakMb.toFixed(1)} MB peak (goal < 80 MB: ${check(peakMb < 80)}); bare node:http peak ${barePeakMb.toFixed(1)} MB`,
);

// What serve adds per request in JavaScript (route lookup, ETag check, metrics count), in-process:
// small next to the socket work every server pays, which is why the ratios above move with load.
const handler = createSupportHandler(config, {
  metrics: createMetrics({ version: "bench", defaults: false }),
});
let sink = 0;
let best = Number.POSITIVE_INFINITY;
for (let r = 0; r < 5; r++) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 1e6; i++) sink += handler.answer("GET", PATH, undefined).status;
  best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
}
console.log(
  `serve's own work        ${best.toFixed(0)} ns per request (${((best / 1000 / b.cpuUs) * 100).toFixed(1)}% of bare node:http's CPU per request)${sink ? "" : " "}`,
);
serve.kill("SIGTERM");
process.exit(0);

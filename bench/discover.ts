/**
 * Discoveries per second against a local HTTPS server, sequential and concurrent, next to bare
 * undici loops doing the same requests with the same TLS settings (same CA, same keep-alive), in
 * the same run. Prints the ratios; the goal is >= 0.9x the bare undici loop.
 *
 *   npm run build && npx tsx bench/discover.ts [--seconds N]     (or: npm run bench:discover)
 *
 * The server runs in a child process so it does not share the client's event loop.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { cpus } from "node:os";
import { Agent, request, fetch as undiciFetch } from "undici";
import { createCa } from "../test/helpers/tls.js";

// The compiled library (run `npm run build` first), as users get it: tsx's transform of src/
// would add its own per-closure costs to ours.
const dist = new URL("../dist/discover/", import.meta.url);
const { discoverSupport } = (await import(
  new URL("index.js", dist).href
)) as typeof import("../src/discover/index.js");
const { createNodeTransport } = (await import(
  new URL("node.js", dist).href
)) as typeof import("../src/discover/node.js");

const seconds = Number(process.argv[process.argv.indexOf("--seconds") + 1]) || 3;
const CONCURRENCY = 32;
const HOST = "bench.test";
const BODY = JSON.stringify({
  contacts: [
    { role: "m.role.admin", matrix_id: "@admin:bench.test", email_address: "admin@bench.test" },
    { role: "m.role.security", email_address: "security@elsewhere.test" },
  ],
  support_page: "https://bench.test/help",
});

const SERVER = `
const https = require("node:https");
const body = Buffer.from(process.env.BODY);
const headers = { "content-type": "application/json", "access-control-allow-origin": "*", "content-length": body.length };
const s = https.createServer({ cert: process.env.CERT, key: process.env.KEY, keepAliveTimeout: 60000 }, (req, res) => {
  res.writeHead(200, headers); res.end(body);
});
s.listen(0, "127.0.0.1", () => process.send(s.address().port));
`;

async function startServer(
  cert: string,
  key: string,
): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ["-e", SERVER], {
    env: { ...process.env, CERT: cert, KEY: key, BODY },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [port] = (await once(child, "message")) as [number];
  return { port, child };
}

type Once = () => Promise<void>;

/** Requests per second over `seconds`, with `parallel` loops. */
async function rate(fn: Once, parallel: number): Promise<number> {
  for (let i = 0; i < 200; i++) await fn(); // warm up: connections, JIT
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (performance.now() < end) {
        await fn();
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const ca = createCa();
  const leaf = ca.issue([HOST]);
  const { port, child } = await startServer(leaf.cert, leaf.key);
  const transport = createNodeTransport({
    cacert: ca.cert,
    connectTo: [`${HOST}:443:127.0.0.1:${port}`],
    connections: CONCURRENCY,
  });
  // The bare loops: one undici Agent with the same CA and the same connection limit.
  const bare = new Agent({
    connect: { ca: ca.cert, servername: HOST },
    connections: CONCURRENCY,
  });
  const url = `https://127.0.0.1:${port}/.well-known/matrix/support`;
  const headers = {
    accept: "application/json",
    origin: "https://matrix-support.invalid",
    host: HOST,
  };

  const candidates: Record<string, Once> = {
    "discoverSupport (node transport)": async () => {
      const r = await discoverSupport(HOST, { fetch: transport.fetch });
      if (r.status !== "found") throw new Error(`unexpected ${r.status}`);
    },
    "bare undici.fetch + JSON.parse": async () => {
      const res = await undiciFetch(url, { headers, dispatcher: bare });
      JSON.parse(await res.text());
    },
    "bare undici.request + JSON.parse": async () => {
      const res = await request(url, { headers, dispatcher: bare });
      JSON.parse(await res.body.text());
    },
  };

  const results: Record<string, { seq: number; conc: number }> = {};
  // Three rounds, interleaved, keeping each candidate's best: a shared machine is noisy.
  for (let round = 0; round < 3; round++) {
    for (const [name, fn] of Object.entries(candidates)) {
      const seq = await rate(fn, 1);
      const conc = await rate(fn, CONCURRENCY);
      const prev = results[name];
      results[name] = { seq: Math.max(prev?.seq ?? 0, seq), conc: Math.max(prev?.conc ?? 0, conc) };
    }
  }
  const ours = results["discoverSupport (node transport)"]!;
  console.log(
    `discover bench: ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}, ${seconds}s per measure, concurrency ${CONCURRENCY}`,
  );
  console.log("| loop | sequential /s | concurrent /s | ours vs it (seq) | ours vs it (conc) |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `| ${name} | ${r.seq.toFixed(0)} | ${r.conc.toFixed(0)} | ${(ours.seq / r.seq).toFixed(2)}x | ${(ours.conc / r.conc).toFixed(2)}x |`,
    );
  }
  await transport.close();
  await bare.close();
  child.kill();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

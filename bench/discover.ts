/**
 * Discoveries per second against a local HTTPS server, sequential and concurrent, next to bare
 * undici loops doing the same requests with the same TLS settings (same CA, same keep-alive), in
 * the same run. Prints the ratios; the goal is >= 0.9x the bare undici loop.
 *
 *   npm run build && npx tsx bench/discover.ts [--seconds N]     (or: npm run bench:discover)
 *
 * The server runs in this process (both candidates pay for it alike).
 */
import { once } from "node:events";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { cpus } from "node:os";
import { Agent, request, fetch as undiciFetch } from "undici";
import { createCa } from "../test/helpers/tls.js";

// The compiled library (run `npm run build` first), as users get it: tsx's transform of src/
// would add its own per-closure costs to ours.
const dist = new URL("../packages/lib/dist/discover/", import.meta.url);
const { discoverSupport } = (await import(
  new URL("index.js", dist).href
)) as typeof import("../packages/lib/src/discover/index.js");
const { createNodeTransport } = (await import(
  new URL("node.js", dist).href
)) as typeof import("../packages/cli/src/transport/node.js");

const seconds = Number(process.argv[process.argv.indexOf("--seconds") + 1]) || 6;
const CONCURRENCY = 8;
const HOST = "bench.test";
const BODY = JSON.stringify({
  contacts: [
    { role: "m.role.admin", matrix_id: "@admin:bench.test", email_address: "admin@bench.test" },
    { role: "m.role.security", email_address: "security@elsewhere.test" },
  ],
  support_page: "https://bench.test/help",
});

/** The server, in this process: on a busy shared machine a second process mostly measures the scheduler. */
async function startServer(cert: string, key: string): Promise<{ port: number; server: Server }> {
  const body = Buffer.from(BODY);
  const headers = {
    "content-type": "application/json",
    "access-control-allow-origin": "*",
    "content-length": body.length,
  };
  const server = createServer({ cert, key, keepAliveTimeout: 60_000 }, (_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { port: (server.address() as AddressInfo).port, server };
}

type Once = () => Promise<void>;

/** Runs `fn` in `parallel` loops for `ms`; returns what got done and how long it took. */
async function slice(
  fn: Once,
  parallel: number,
  ms: number,
): Promise<{ done: number; ms: number }> {
  const started = performance.now();
  const end = started + ms;
  let done = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (performance.now() < end) {
        await fn();
        done++;
      }
    }),
  );
  return { done, ms: performance.now() - started };
}

/**
 * Rates per second for every candidate, measured in short interleaved slices (rotating order), so
 * load from other processes on a shared machine falls on all candidates alike.
 */
async function rates(
  candidates: Record<string, Once>,
  parallel: number,
): Promise<Record<string, number>> {
  const names = Object.keys(candidates);
  const totals = new Map(names.map((n) => [n, { done: 0, ms: 0 }]));
  for (const n of names) await slice(candidates[n]!, parallel, 300); // warm up: connections, JIT
  const slices = Math.max(1, Math.round((seconds * 1000) / 200));
  for (let k = 0; k < slices; k++) {
    for (let i = 0; i < names.length; i++) {
      const n = names[(i + k) % names.length]!;
      const r = await slice(candidates[n]!, parallel, 200);
      const t = totals.get(n)!;
      t.done += r.done;
      t.ms += r.ms;
    }
  }
  return Object.fromEntries(
    names.map((n) => [n, (totals.get(n)!.done * 1000) / totals.get(n)!.ms]),
  );
}

async function main(): Promise<void> {
  const ca = createCa();
  const leaf = ca.issue([HOST]);
  const { port, server } = await startServer(leaf.cert, leaf.key);
  const transport = createNodeTransport({
    cacert: ca.cert,
    connectTo: [`${HOST}:443:127.0.0.1:${port}`],
    connections: CONCURRENCY,
  });
  // The bare loops: undici Agents with the same CA, SNI name and connection limit (one each, so
  // the loops do not share connections).
  const agent = () =>
    new Agent({ connect: { ca: ca.cert, servername: HOST }, connections: CONCURRENCY });
  const bareFetch = agent();
  const bareRequest = agent();
  const url = `https://127.0.0.1:${port}/.well-known/matrix/support`;
  const headers = { accept: "application/json", origin: "https://matrix-support.invalid" };
  const supportUrl = `https://${HOST}/.well-known/matrix/support`;

  const candidates: Record<string, Once> = {
    "discoverSupport (node transport)": async () => {
      const r = await discoverSupport(HOST, { fetch: transport.fetch });
      if (r.status !== "found") throw new Error(`unexpected ${r.status}`);
    },
    "our node transport alone + JSON.parse (no checks)": async () => {
      const res = await transport.fetch(supportUrl, {
        method: "GET",
        headers,
        redirect: "manual",
        signal: new AbortController().signal,
      });
      const reader = res.body!.getReader();
      const chunks: Uint8Array[] = [];
      for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value!);
      JSON.parse(Buffer.concat(chunks).toString("utf8"));
    },
    "bare undici.fetch + JSON.parse": async () => {
      const res = await undiciFetch(url, { headers, dispatcher: bareFetch });
      JSON.parse(await res.text());
    },
    "bare undici.request + JSON.parse": async () => {
      const res = await request(url, { headers, dispatcher: bareRequest });
      JSON.parse(await res.body.text());
    },
  };

  const seq = await rates(candidates, 1);
  const conc = await rates(candidates, CONCURRENCY);
  const results: Record<string, { seq: number; conc: number }> = {};
  for (const n of Object.keys(candidates)) results[n] = { seq: seq[n]!, conc: conc[n]! };
  const ours = results["discoverSupport (node transport)"]!;
  console.log(
    `discover bench: ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}, ${seconds}s per loop and mode, in interleaved 200 ms slices, concurrency ${CONCURRENCY}`,
  );
  console.log("| loop | sequential /s | concurrent /s | ours vs it (seq) | ours vs it (conc) |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `| ${name} | ${r.seq.toFixed(0)} | ${r.conc.toFixed(0)} | ${(ours.seq / r.seq).toFixed(2)}x | ${(ours.conc / r.conc).toFixed(2)}x |`,
    );
  }
  await transport.close();
  await bareFetch.close();
  await bareRequest.close();
  server.closeAllConnections();
  server.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

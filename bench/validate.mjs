/**
 * documents/s of validateSupport against Ajv compiled once from the spec's own OpenAPI schema
 * (../shared/spec/support.yaml, the 200 response), on the same inputs in one run; then the cold
 * start of `matrix-support validate file.json`. Run on the build: `npm run bench:validate`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { parse as parseYaml } from "yaml";
import { validateSupport } from "../dist/spec/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = join(root, "test/fixtures/documents");
const specYaml = join(root, "../shared/spec/support.yaml");
const MEASURE_MS = Number(process.env.BENCH_MS ?? 1500);
const ROUNDS = 3;

/** The inputs: every fixture that is JSON (valid and invalid, real-world mistakes included). */
function loadInputs() {
  const docs = [];
  for (const dir of ["valid", "invalid"]) {
    for (const name of readdirSync(join(fixtures, dir)).sort()) {
      if (!name.endsWith(".json")) continue;
      try {
        docs.push(
          JSON.parse(readFileSync(join(fixtures, dir, name), "utf8").replace(/^\uFEFF/, "")),
        );
      } catch {
        // syntax-error fixtures are about the text, not the validators
      }
    }
  }
  return docs;
}

/** The spec's schema for the 200 body, compiled once. */
function compileSpecSchema() {
  const openapi = parseYaml(readFileSync(specYaml, "utf8"));
  const schema =
    openapi.paths["/matrix/support"].get.responses["200"].content["application/json"].schema;
  const ajv = new Ajv({ strict: false });
  // The formats the schema names, as simple single-regex checks (what ajv-formats' "fast" mode does).
  ajv.addFormat("mx-user-id", /^@[^:]+:.+$/);
  ajv.addFormat(
    "email",
    /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i,
  );
  ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  return ajv.compile(schema);
}

/** Validations per second of `fn` over `docs`, for about MEASURE_MS. */
function rate(fn, docs) {
  let sink = 0;
  let n = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(MEASURE_MS) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < docs.length; i++) if (fn(docs[i])) sink++;
    n += docs.length;
    now = process.hrtime.bigint();
  }
  if (sink < 0) console.log(sink);
  return n / (Number(now - start) / 1e9);
}

const docs = loadInputs();
const ajvValidate = compileSpecSchema();
const ours = (d) => validateSupport(d).valid;
const theirs = (d) => ajvValidate(d);
const validOurs = docs.filter(ours).length;
const validAjv = docs.filter(theirs).length;
// Warm-up so both are optimised before measuring.
rate(ours, docs);
rate(theirs, docs);
const best = { ours: 0, ajv: 0 };
for (let r = 0; r < ROUNDS; r++) {
  best.ours = Math.max(best.ours, rate(ours, docs));
  best.ajv = Math.max(best.ajv, rate(theirs, docs));
}
const fmt = (x) => Math.round(x).toLocaleString("en-US");
console.log(
  `inputs: ${docs.length} documents (valid for validateSupport: ${validOurs}, for Ajv: ${validAjv})`,
);
console.log(`validateSupport: ${fmt(best.ours)} documents/s (best of ${ROUNDS})`);
console.log(`Ajv (spec schema): ${fmt(best.ajv)} documents/s (best of ${ROUNDS})`);
console.log(`ratio validateSupport / Ajv: ${(best.ours / best.ajv).toFixed(2)}x (goal >= 1.0x)`);

// ---- cold start ----
const cli = join(root, "dist/cli/main.js");
const sample = join(fixtures, "valid/spec-example.json");
const hasHyperfine = spawnSync("hyperfine", ["--version"]).status === 0;
if (!existsSync(cli)) {
  console.log("cold start: dist/cli/main.js missing; run npm run build");
} else if (hasHyperfine && !process.env.NO_HYPERFINE) {
  const out = execFileSync(
    "hyperfine",
    [
      "--warmup",
      "3",
      "--runs",
      "30",
      "--export-json",
      "/dev/stdout",
      "--style",
      "none",
      `node ${cli} validate ${sample}`,
    ],
    { encoding: "utf8" },
  );
  const json = JSON.parse(out.slice(out.indexOf("{")));
  const r = json.results[0];
  console.log(
    `cold start (hyperfine, 30 runs): mean ${(r.mean * 1000).toFixed(1)} ms ± ${(r.stddev * 1000).toFixed(1)}, min ${(r.min * 1000).toFixed(1)} ms (goal < 150 ms)`,
  );
} else {
  const times = [];
  for (let i = 0; i < 23; i++) {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, [cli, "validate", sample]);
    if (i >= 3) times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(
    `cold start (20 runs): median ${times[10].toFixed(1)} ms, min ${times[0].toFixed(1)} ms (goal < 150 ms)`,
  );
}

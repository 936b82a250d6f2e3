/**
 * documents/s of validateSupport against Ajv compiled once from the spec's own OpenAPI schema
 * (test/fixtures/spec/support.yaml, the 200 response), on the same inputs in one run; then the cold
 * start of `matrix-support validate file.json`. Run on the build: `npm run bench:validate`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { parse as parseYaml } from "yaml";
import { validateSupport } from "../packages/lib/dist/core/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = join(root, "test/fixtures/documents");
const specYaml = join(root, "test/fixtures/spec/support.yaml");
const MEASURE_MS = Number(process.env.BENCH_MS ?? 700);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const WARMUP = 2;

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

/**
 * The proportions of the sample of 72 published files in SPEC-NOTES.md: about one in five invalid,
 * three in four of the valid ones without a security contact. Built from the real-world fixtures.
 */
function realWorldMix() {
  const load = (name) =>
    JSON.parse(readFileSync(join(fixtures, name), "utf8").replace(/^\uFEFF/, ""));
  const pick = (names, count) =>
    Array.from({ length: count }, (_, i) => load(names[i % names.length]));
  const complete = [
    "valid/spec-example.json",
    "valid/custom-namespaced-role.json",
    "valid/user-id-with-port.json",
    "valid/matrix-to-support-page.json",
    "valid/off-domain-backup-contact.json",
  ];
  const noSecurity = [
    "valid/no-security-contact.json",
    "valid/support-page-only.json",
    "valid/admins-beside-support-page.json",
    "valid/role-bare-admin.json",
    "valid/duplicate-contact.json",
    "valid/support-page-http.json",
  ];
  const invalid = [
    "invalid/empty-object.json",
    "invalid/contacts-empty.json",
    "invalid/role-missing.json",
    "invalid/null-fields.json",
    "invalid/email-protected.json",
    "invalid/support-page-relative.json",
    "invalid/admins-key.json",
    "invalid/camel-case-support-page.json",
  ];
  return [...pick(complete, 15), ...pick(noSecurity, 43), ...pick(invalid, 14)];
}

/** The spec's schema for the 200 body, compiled once. */
function compileSpecSchema() {
  const openapi = parseYaml(readFileSync(specYaml, "utf8"));
  const schema =
    openapi.paths["/matrix/support"].get.responses["200"].content["application/json"].schema;
  const ajv = new Ajv({ strict: false });
  // For context: Ajv collecting every error, as validateSupport does (still without messages).
  const allErrors = new Ajv({ strict: false, allErrors: true });
  // The formats the schema names, as simple single-regex checks (what ajv-formats' "fast" mode does).
  ajv.addFormat("mx-user-id", /^@[^:]+:.+$/);
  ajv.addFormat(
    "email",
    /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i,
  );
  ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  for (const name of ["mx-user-id", "email", "uri"]) allErrors.addFormat(name, ajv.formats[name]);
  return { first: ajv.compile(schema), all: allErrors.compile(schema) };
}

// One loop per validator, so each call site sees one function (neither pays for the other's
// shape). Every result is consumed (the verdict and the number of findings), so nothing can be
// optimised away.
let sink = 0;
function rateOurs(docs) {
  let n = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(MEASURE_MS) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < docs.length; i++) {
      const r = validateSupport(docs[i]);
      sink += r.valid ? 1 : r.diagnostics.length;
    }
    n += docs.length;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}
function rateAjv(docs) {
  let n = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(MEASURE_MS) * 1_000_000n;
  let now = start;
  const validate = ajvValidate.first;
  while (now < deadline) {
    for (let i = 0; i < docs.length; i++)
      sink += validate(docs[i]) ? 1 : (validate.errors?.length ?? 0);
    n += docs.length;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}
function rateAjvAll(docs) {
  let n = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(MEASURE_MS) * 1_000_000n;
  let now = start;
  const validate = ajvValidate.all;
  while (now < deadline) {
    for (let i = 0; i < docs.length; i++)
      sink += validate(docs[i]) ? 1 : (validate.errors?.length ?? 0);
    n += docs.length;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

const docs = loadInputs();
const ajvValidate = compileSpecSchema();
const ours = (d) => validateSupport(d).valid;
const theirs = (d) => ajvValidate.first(d);
const clean = docs.filter((d) => validateSupport(d).diagnostics.length === 0);
const fmt = (x) => Math.round(x).toLocaleString("en-US");
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * A warm-up of each, then ROUNDS rounds alternating which goes first (both see the same machine
 * load); the median of each, and the median of the per-round ratios.
 */
function compare(label, inputs, ajvRate = rateAjv) {
  for (let w = 0; w < WARMUP; w++) {
    rateOurs(inputs);
    ajvRate(inputs);
  }
  const o = [];
  const a = [];
  const ratios = [];
  for (let r = 0; r < ROUNDS; r++) {
    let x;
    let y;
    if (r % 2 === 0) {
      x = rateOurs(inputs);
      y = ajvRate(inputs);
    } else {
      y = ajvRate(inputs);
      x = rateOurs(inputs);
    }
    o.push(x);
    a.push(y);
    ratios.push(x / y);
  }
  const ratio = median(ratios);
  console.log(
    `${label.padEnd(38)} validateSupport ${fmt(median(o)).padStart(10)}/s   Ajv ${fmt(median(a)).padStart(10)}/s   ratio ${ratio.toFixed(2)}x (rounds ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})`,
  );
  return ratio;
}

const [load1, load5] = loadavg();
console.log(
  `${new Date().toISOString()}  ${cpus().length} cores, load average ${load1.toFixed(2)} ${load5.toFixed(2)}  node ${process.version}  ${ROUNDS} rounds of ${MEASURE_MS} ms, medians`,
);
console.log(
  "Ajv: the spec's schema compiled once, formats mx-user-id/email/uri as single regexes (ajv-formats' fast mode); stops at the first error unless allErrors",
);
console.log(
  `inputs: ${docs.length} documents from test/fixtures (valid for validateSupport: ${docs.filter(ours).length}, for Ajv: ${docs.filter(theirs).length}; ${clean.length} without any finding)`,
);
const ratio = compare("all inputs", docs);
compare("documents without any finding", clean);
compare("real-world proportions (72 documents)", realWorldMix());
compare("all inputs, Ajv with allErrors", docs, rateAjvAll);
console.log(
  `ratio validateSupport / Ajv on all inputs: ${ratio.toFixed(2)}x (no goal: Ajv does a much smaller job)`,
);
if (sink === -1) console.log(sink);

// ---- cold start ----
// The CLI as installed (the bundle packages/cli/dist/cli/bin.cjs) against bare node: hyperfine in
// alternating rounds, the median of all runs of each. Goal: validate within 1.3x of bare node.
const cli = join(root, "packages/cli/dist/cli/bin.cjs");
const sample = join(fixtures, "valid/spec-example.json");
const dir = mkdtempSync(join(tmpdir(), "bench-validate-"));
const config = join(root, "examples/matrix-support.yaml");
const commands = {
  "node -e 0 (bare node)": `${process.execPath} -e 0`,
  "matrix-support validate file.json": `${process.execPath} ${cli} validate ${sample}`,
  // No goal: the YAML parser and the config rules load on top (shown for the record).
  "matrix-support validate config.yaml": `${process.execPath} ${cli} validate ${config}`,
};
const names = Object.keys(commands);
const times = Object.fromEntries(names.map((name) => [name, []]));
const COLD_ROUNDS = 3;
const RUNS = 20;
const hasHyperfine = spawnSync("hyperfine", ["--version"]).status === 0;
if (!existsSync(cli)) {
  console.log("cold start: packages/cli/dist/cli/bin.cjs missing; run npm run build");
} else {
  for (let r = 0; r < COLD_ROUNDS; r++) {
    // Rotate the order each round so no command always runs right after another.
    const order = names.map((_, i) => names[(i + r) % names.length]);
    if (hasHyperfine && !process.env.NO_HYPERFINE) {
      const file = join(dir, "hyperfine.json");
      const args = ["-N", "--warmup", "3", "--runs", String(RUNS), "--export-json", file];
      execFileSync("hyperfine", [...args, "--style", "none", ...order.map((n) => commands[n])], {
        stdio: "ignore",
      });
      JSON.parse(readFileSync(file, "utf8")).results.forEach((result, i) => {
        times[order[i]].push(...result.times.map((t) => t * 1000));
      });
    } else {
      for (const name of order) {
        const [bin, ...rest] = commands[name].split(" ");
        for (let i = 0; i < RUNS + 3; i++) {
          const t = process.hrtime.bigint();
          spawnSync(bin, rest);
          if (i >= 3) times[name].push(Number(process.hrtime.bigint() - t) / 1e6);
        }
      }
    }
  }
  const tool = hasHyperfine && !process.env.NO_HYPERFINE ? "hyperfine -N" : "spawnSync";
  for (const name of names) {
    const t = times[name];
    console.log(
      `cold start, ${name.padEnd(36)} median ${median(t).toFixed(1)} ms, min ${Math.min(...t).toFixed(1)} ms (${t.length} runs, ${tool}, ${COLD_ROUNDS} alternating rounds)`,
    );
  }
  const bare = median(times[names[0]]);
  const ours = median(times[names[1]]);
  console.log(`cold start above bare node: ${(ours - bare).toFixed(1)} ms`);
  const minRatio = Math.min(...times[names[1]]) / Math.min(...times[names[0]]);
  console.log(
    `cold start ratio: ${(ours / bare).toFixed(2)}x of bare node by medians, ${minRatio.toFixed(2)}x by minimums (goal <= 1.3x)`,
  );
  console.log(
    `cold start ratio, a YAML config: ${(median(times[names[2]]) / bare).toFixed(2)}x of bare node by medians (no goal)`,
  );
}
const [after1] = loadavg();
console.log(`load average now ${after1.toFixed(2)}`);
rmSync(dir, { recursive: true, force: true });

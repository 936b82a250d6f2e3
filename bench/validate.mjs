/**
 * documents/s of validateSupport against Ajv compiled once from the spec's own OpenAPI schema
 * (../shared/spec/support.yaml, the 200 response), on the same inputs in one run; then the cold
 * start of `matrix-support validate file.json`. Run on the build: `npm run bench:validate`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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
    "invalid/support-page-mailto.json",
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
let theirs = (d) => ajvValidate.first(d);
const clean = docs.filter((d) => validateSupport(d).diagnostics.length === 0);
const fmt = (x) => Math.round(x).toLocaleString("en-US");

/** Best of ROUNDS for each, alternating so both see the same machine load. */
function compare(label, inputs) {
  rate(ours, inputs);
  rate(theirs, inputs);
  const best = { ours: 0, ajv: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    best.ours = Math.max(best.ours, rate(ours, inputs));
    best.ajv = Math.max(best.ajv, rate(theirs, inputs));
  }
  console.log(
    `${label.padEnd(38)} validateSupport ${fmt(best.ours).padStart(10)}/s   Ajv ${fmt(best.ajv).padStart(10)}/s   ratio ${(best.ours / best.ajv).toFixed(2)}x`,
  );
  return best.ours / best.ajv;
}

console.log(
  `inputs: ${docs.length} documents from test/fixtures (valid for validateSupport: ${docs.filter(ours).length}, for Ajv: ${docs.filter(theirs).length}; ${clean.length} without any finding)`,
);
const ratio = compare("all inputs (the goal: >= 1.0x)", docs);
compare("documents without any finding", clean);
compare("real-world proportions (72 documents)", realWorldMix());
const first = theirs;
theirs = (d) => ajvValidate.all(d);
compare("all inputs, Ajv with allErrors", docs);
theirs = first;
console.log(`ratio validateSupport / Ajv on all inputs: ${ratio.toFixed(2)}x (goal >= 1.0x)`);

// ---- cold start ----
const cli = join(root, "dist/cli/main.js");
const sample = join(fixtures, "valid/spec-example.json");
const dir = mkdtempSync(join(tmpdir(), "bench-validate-"));
// The same command with only its own module loaded (none of the other commands' dependencies).
const alone = join(dir, "validate-alone.mjs");
writeFileSync(
  alone,
  `const m = await import(${JSON.stringify(join(root, "dist/cli/validate.js"))});\nprocess.exitCode = await m.validateCommand(${JSON.stringify(sample)}, {});\n`,
);
const commands = {
  "node -e 0 (bare node)": `${process.execPath} -e 0`,
  "matrix-support validate file.json": `${process.execPath} ${cli} validate ${sample}`,
  "the validate command's module alone": `${process.execPath} ${alone}`,
};
const hasHyperfine = spawnSync("hyperfine", ["--version"]).status === 0;
if (!existsSync(cli)) {
  console.log("cold start: dist/cli/main.js missing; run npm run build");
} else if (hasHyperfine && !process.env.NO_HYPERFINE) {
  const file = join(dir, "hyperfine.json");
  const args = ["-N", "--warmup", "3", "--runs", "30", "--export-json", file, "--style", "none"];
  execFileSync("hyperfine", [...args, ...Object.values(commands)], { stdio: "ignore" });
  const results = JSON.parse(readFileSync(file, "utf8")).results;
  Object.keys(commands).forEach((name, i) => {
    const r = results[i];
    const ms = (x) => (x * 1000).toFixed(1);
    console.log(
      `cold start, ${name}: mean ${ms(r.mean)} ms ± ${ms(r.stddev)}, median ${ms(r.median)} ms, min ${ms(r.min)} ms (hyperfine, 30 runs)`,
    );
  });
} else {
  for (const [name, command] of Object.entries(commands)) {
    const [bin, ...rest] = command.split(" ");
    const times = [];
    for (let i = 0; i < 23; i++) {
      const t = process.hrtime.bigint();
      spawnSync(bin, rest);
      if (i >= 3) times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(
      `cold start, ${name}: median ${times[10].toFixed(1)} ms, min ${times[0].toFixed(1)} ms (20 runs)`,
    );
  }
}
console.log("goal: validate under 150 ms");
rmSync(dir, { recursive: true, force: true });

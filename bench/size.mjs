// What a client developer pays for the library: bundle sizes (esbuild, browser, minified, gzip -9)
// of the documented imports, and the installed size of the packed tarball with its dependencies.
// `node bench/size.mjs` prints the table; test/repo/size.test.ts holds the budgets.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LIB = path.join(ROOT, "packages/lib");

/** The budgets of PRODUCT.md and issue 13, in bytes. */
export const BUDGETS = {
  "validateSupport + pickContact": 12 * 1024,
  "validateSupport + pickContact + discoverSupport": 20 * 1024,
  installed: 1024 * 1024,
};

/** What each measured bundle imports, from the library's sources (as the package exports map them). */
export const BUNDLES = {
  "validateSupport + pickContact": `import { validateSupport, pickContact } from "./core/index.ts";\nexport { validateSupport, pickContact };`,
  "validateSupport + pickContact + discoverSupport": `import { validateSupport, pickContact } from "./core/index.ts";\nimport { discoverSupport } from "./discover/index.ts";\nexport { validateSupport, pickContact, discoverSupport };`,
  createSupportHandler: `export { createSupportHandler } from "./server/index.ts";`,
};

/** Minified and gzipped bytes of one bundle, with the largest inputs (for the benchmarks page). */
export async function bundleSize(source) {
  const result = await esbuild.build({
    stdin: {
      contents: source,
      resolveDir: path.join(LIB, "src"),
      sourcefile: "entry.ts",
      loader: "ts",
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0].contents;
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const largest = Object.entries(inputs)
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, 5)
    .map(([file, v]) => `${path.relative(ROOT, file)} ${v.bytesInOutput}`);
  return { minified: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength, largest };
}

function duBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? duBytes(p) : statSync(p).size;
  }
  return total;
}

/**
 * Installed size: the packed tarball unpacked (npm's own figure) plus each runtime dependency as
 * installed in this repository's node_modules; and the dependency count a client gets.
 */
export function installedSize() {
  const dir = mkdtempSync(path.join(tmpdir(), "ms-size-"));
  try {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: LIB,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const [pack] = JSON.parse(out);
    const pkg = JSON.parse(readFileSync(path.join(LIB, "package.json"), "utf8"));
    const deps = Object.keys(pkg.dependencies ?? {});
    const depBytes = deps.reduce((sum, d) => sum + duBytes(path.join(ROOT, "node_modules", d)), 0);
    return {
      tarball: pack.size,
      unpacked: pack.unpackedSize,
      files: pack.entryCount,
      dependencies: deps,
      installed: pack.unpackedSize + depBytes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log("| bundle (esbuild, browser, minified) | minified | gzip -9 | budget (gzip) |");
  console.log("|---|---:|---:|---:|");
  for (const [name, source] of Object.entries(BUNDLES)) {
    const s = await bundleSize(source);
    const budget = BUDGETS[name];
    console.log(`| ${name} | ${kb(s.minified)} | ${kb(s.gzip)} | ${budget ? kb(budget) : "-"} |`);
  }
  const i = installedSize();
  console.log(
    `\ninstalled: ${kb(i.installed)} (tarball ${kb(i.tarball)}, ${i.files} files, unpacked ${kb(i.unpacked)}; runtime dependencies: ${i.dependencies.length ? i.dependencies.join(", ") : "none"}); budget ${kb(BUDGETS.installed)}`,
  );
}

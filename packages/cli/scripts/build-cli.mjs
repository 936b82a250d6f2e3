// Bundles the CLI so that commands start fast, `validate` above all (its cold start has a budget:
// docs/benchmarks.md). The library's sources (packages/lib) are bundled in too: the CLI package is
// self-contained. Two builds:
//
// - The ES module build: dist/cli/main.js, each command a chunk in dist/cli-chunks/ loaded only
//   when it runs (program.ts's dynamic imports become chunk imports). esbuild compiles the
//   TypeScript, resolves the packages and bundles, with one chunk per set of commands sharing
//   code: about 18 files at start. Node 20's module loader costs about 1 ms a file, so rollup then
//   re-chunks esbuild's output: everything the entry loads at start goes into one chunk,
//   `program`, which the commands' chunks import. Nothing imports the entry itself, whose
//   top-level await would deadlock a chunk that imported it.
// - The CommonJS build (buildBin): the bin, and `validate` in one file.
//
// Only the small dependencies on the path of every command are bundled; the heavy ones used by a
// single command (pino, undici, prom-client, chokidar...) stay ordinary imports from node_modules:
// some load files by path at run time (pino's transports), and bundling them would gain nothing.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { rollup } from "rollup";
import { runIfMain } from "./run-build.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Bare imports bundled into the CLI; every other package stays external. */
export const BUNDLED = new Set(["yaml", "picocolors", "smol-toml"]);

const packageName = (spec) =>
  spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];

/** @type {esbuild.Plugin} */
const externals = {
  name: "externals",
  setup(build) {
    // Bare specifiers (not ./, ../, /, node:): bundle the listed packages, leave the rest to Node.
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:")) return { path: args.path, external: true };
      return BUNDLED.has(packageName(args.path)) ? undefined : { path: args.path, external: true };
    });
  },
};

/** What both builds share: Node 20, our bundled packages, ESM builds of them where they have one. */
const NODE_BUNDLE = {
  bundle: true,
  platform: "node",
  target: "node20",
  mainFields: ["module", "main"],
  legalComments: "none",
  logLevel: "silent",
};

/**
 * Builds into `outDir` (default dist): `cli/main.js` and `cli-chunks/*.js`, then the CommonJS
 * `cli/bin.cjs`, `cli/validate-bin.cjs` and `cli/validate-config.cjs`. The chunks sit one
 * level under dist like dist/cli, so modules that find files relative to themselves
 * (the web assets beside dist, the schema folder at the package root) resolve the same as tsc's output.
 * @param {{ outDir?: string }} [options]
 */
export async function buildCli(options = {}) {
  const outDir = options.outDir ?? path.join(root, "dist");
  const bundled = await mkdtemp(path.join(tmpdir(), "matrix-support-cli-"));
  try {
    await esbuild.build({
      ...NODE_BUNDLE,
      entryPoints: { "cli/main": path.join(root, "src/cli/main.ts") },
      splitting: true,
      format: "esm",
      outdir: bundled,
      chunkNames: "cli-chunks/[name]-[hash]",
      // yaml's Node build is CommonJS and require()s Node's built-ins.
      banner: {
        js: 'import { createRequire as __cliCreateRequire } from "node:module";\nconst require = __cliCreateRequire(import.meta.url);',
      },
      plugins: [externals],
    });
    await rm(path.join(outDir, "cli"), { recursive: true, force: true });
    await rm(path.join(outDir, "cli-chunks"), { recursive: true, force: true });
    await rechunk(path.join(bundled, "cli/main.js"), outDir);
  } finally {
    await rm(bundled, { recursive: true, force: true });
  }
  await buildBin(outDir);
  return readdir(path.join(outDir, "cli-chunks"));
}

/**
 * The bin, `cli/bin.cjs`: CommonJS, which Node 20 starts about 10 ms sooner than an ES module (its
 * ES module loader is never started). It runs `validate` from `cli/validate-bin.cjs` and hands
 * every other command to `cli/main.js`. YAML, TOML and configs come from
 * `cli/validate-config.cjs`, required only for them. No state is shared with the ES module build:
 * the bin hands over before it has done anything, and `validate` never loads it.
 */
async function buildBin(outDir) {
  const src = path.join(root, "src");
  /** @type {esbuild.Plugin} */
  const handOver = {
    name: "hand-over",
    setup(build) {
      // The bin's two ways: the ES module entry, and validate's own bundle.
      build.onResolve({ filter: /^\.\/(main\.js|validate-bin\.cjs)$/ }, (args) =>
        args.importer === path.join(src, "cli/bin.ts")
          ? { path: args.path, external: true }
          : undefined,
      );
      build.onResolve({ filter: /^\.\.\/config\/(source|parse)\.js$/ }, (args) =>
        args.importer === path.join(src, "cli/validate.ts")
          ? { path: "./validate-config.cjs", external: true }
          : undefined,
      );
    },
  };
  const common = {
    ...NODE_BUNDLE,
    format: "cjs",
    outdir: outDir,
    outExtension: { ".js": ".cjs" },
    plugins: [handOver, externals],
  };
  // A warning here is a bundle that would break when run (`import.meta` is empty in CommonJS).
  const strict = (result) => {
    if (result.warnings.length > 0)
      throw Object.assign(new Error("the CommonJS build has warnings"), {
        errors: result.warnings,
      });
  };
  // The bin's import() of the ES module entry stays an import().
  strict(
    await esbuild.build({ ...common, entryPoints: { "cli/bin": path.join(src, "cli/bin.ts") } }),
  );
  // validate's import() of its parsers becomes require(): Node's ES module loader stays unstarted.
  strict(
    await esbuild.build({
      ...common,
      entryPoints: {
        "cli/validate-bin": path.join(src, "cli/validate-bin.ts"),
        "cli/validate-config": path.join(src, "cli/validate-config.ts"),
      },
      supported: { "dynamic-import": false },
    }),
  );
}

/**
 * esbuild's chunks of `entry` into `outDir`: the modules the entry loads at start become one chunk,
 * `cli-chunks/program-*.js`; the entry keeps its own code; each command keeps its chunk.
 */
async function rechunk(entry, outDir) {
  const bundle = await rollup({
    input: entry,
    // Built-ins and packages (bare names); esbuild's own chunks are relative or absolute paths.
    external: (id) => id.startsWith("node:") || (!path.isAbsolute(id) && /^[^./]/.test(id)),
    onwarn(warning, warn) {
      // esbuild's output has import cycles between its chunks; rollup handles them.
      if (warning.code !== "CIRCULAR_DEPENDENCY") warn(warning);
    },
  });
  let atStart;
  await bundle.write({
    dir: outDir,
    format: "es",
    entryFileNames: "cli/main.js",
    chunkFileNames: "cli-chunks/[name]-[hash].js",
    manualChunks(id, { getModuleInfo }) {
      if (!atStart) {
        atStart = new Set();
        const walk = (m) => {
          if (atStart.has(m)) return;
          atStart.add(m);
          for (const d of getModuleInfo(m)?.importedIds ?? []) walk(d);
        };
        walk(entry);
      }
      return atStart.has(id) && id !== entry ? "program" : undefined;
    },
  });
  await bundle.close();
}

await runIfMain(import.meta.url, "build-cli", buildCli);

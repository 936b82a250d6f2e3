// Bundles the CLI with esbuild so `matrix-support validate` starts fast: dist/cli/main.js becomes
// the bundle's entry (replacing tsc's thin shell) and each command is a chunk in dist/cli-chunks/,
// still loaded only when that command runs (program.ts's dynamic imports become chunk imports).
// The library's sources (packages/lib) are bundled in too: the CLI package is self-contained.
//
// Only the small dependencies on the path of every command are bundled; the heavy ones used by a
// single command (pino, undici, prom-client, chokidar...) stay ordinary imports from node_modules:
// some load files by path at run time (pino's transports), and bundling them would gain nothing.
import { readdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { runIfMain } from "./run-build.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Bare imports bundled into the CLI; every other package stays external. */
export const BUNDLED = new Set(["commander", "yaml", "picocolors", "smol-toml"]);

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

/**
 * Built-ins loaded on first use instead of at start-up, for the importers that need them only on
 * a path `validate` never takes: commander's child_process (executable subcommands, which we do
 * not have; it pulls in net, dgram and streams) and our atomic writes' crypto (a temp file name).
 * About 10 ms of a cold start. The stand-in has every key of the module as a getter that loads it.
 */
const LAZY_BUILTINS = [
  {
    builtin: "node:child_process",
    importer: `${path.sep}node_modules${path.sep}commander${path.sep}`,
  },
  { builtin: "node:crypto", importer: path.join("src", "files.ts") },
];

/** @type {esbuild.Plugin} */
const lazyBuiltins = {
  name: "lazy-builtins",
  setup(build) {
    const nodeRequire = createRequire(import.meta.url);
    for (const { builtin, importer } of LAZY_BUILTINS) {
      const filter = new RegExp(`^(node:)?${builtin.slice(5)}$`);
      build.onResolve({ filter }, (args) =>
        args.importer.includes(importer) ? { path: builtin, namespace: "lazy-builtin" } : undefined,
      );
    }
    build.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, (args) => {
      const keys = Object.keys(nodeRequire(args.path));
      const name = JSON.stringify(args.path);
      const getters = keys
        .map(
          (key) =>
            `  ${JSON.stringify(key)}: { enumerable: true, get: () => load()[${JSON.stringify(key)}] },`,
        )
        .join("\n");
      return {
        contents: `let mod;\nconst load = () => (mod ??= require(${name}));\nObject.defineProperties(module.exports, {\n${getters}\n});\n`,
        loader: "js",
      };
    });
  },
};

/**
 * Builds into `outDir` (default dist): `cli/main.js` and `cli-chunks/*.js`. The chunks sit one
 * level under dist like dist/cli, so modules that find files relative to themselves
 * (the web assets beside dist, the schema folder at the package root) resolve the same as tsc's output.
 * @param {{ outDir?: string }} [options]
 */
export async function buildCli(options = {}) {
  const outDir = options.outDir ?? path.join(root, "dist");
  await rm(path.join(outDir, "cli-chunks"), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { "cli/main": path.join(root, "src/cli/main.ts") },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // ESM builds where a package has one.
    mainFields: ["module", "main"],
    outdir: outDir,
    chunkNames: "cli-chunks/[name]-[hash]",
    // CommonJS dependencies (commander, yaml) call require() for Node's built-ins.
    banner: {
      js: 'import { createRequire as __cliCreateRequire } from "node:module";\nconst require = __cliCreateRequire(import.meta.url);',
    },
    plugins: [lazyBuiltins, externals],
    legalComments: "none",
    logLevel: "silent",
  });
  return readdir(path.join(outDir, "cli-chunks"));
}

await runIfMain(import.meta.url, "build-cli", buildCli);

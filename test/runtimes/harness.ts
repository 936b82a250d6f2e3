/**
 * The runtime tests' scaffolding: pack @matrix-support/lib, install the tarball into a scratch
 * project with nothing else in it, find each runtime's binary inside its npm package, and start
 * or run programs in it (stopped by PID).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
const LIB = join(ROOT, "packages/lib");

/** Runs a program to its end; rejects with its output when it fails or outlives `timeoutMs`. */
export function run(
  file: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error)
          fail(new Error(`${file} ${args.join(" ")} failed: ${error.message}\n${stderr}${stdout}`));
        else done({ stdout, stderr });
      },
    );
  });
}

/** The last line of a program's output, as JSON (a runtime may print notices before it). */
export function lastJsonLine(stdout: string): unknown {
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "");
}

const NATIVE = ["7f454c46", "cffaedfe", "cefaedfe", "4d5a9000"]; // ELF, Mach-O 64/32, PE

/**
 * A runtime binary shipped inside an npm package, by its path under node_modules. npm may not run
 * install scripts here, so the platform package's own copy comes first: the wrapper package's
 * `bin` is a placeholder or a script until its postinstall has run. The first candidate that is a
 * native executable wins; when none is, the first (for `available()` to report as missing).
 */
export function runtimeBinary(
  candidates: readonly string[],
  nodeModules = join(ROOT, "node_modules"),
): string {
  const paths = candidates.map((c) => join(nodeModules, c));
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const magic = readFileSync(path).subarray(0, 4).toString("hex");
    if (NATIVE.includes(magic)) return path;
  }
  return paths[0] ?? join(nodeModules, ".bin", "missing");
}

const PLATFORM = `${process.platform}-${process.arch}`;
const BUN_PACKAGES: Record<string, string[]> = {
  "linux-x64": ["@oven/bun-linux-x64/bin/bun", "@oven/bun-linux-x64-baseline/bin/bun"],
  "linux-arm64": ["@oven/bun-linux-aarch64/bin/bun"],
  "darwin-arm64": ["@oven/bun-darwin-aarch64/bin/bun"],
  "darwin-x64": ["@oven/bun-darwin-x64/bin/bun"],
};
const DENO_PACKAGES: Record<string, string[]> = {
  "linux-x64": ["@deno/linux-x64-glibc/deno"],
  "linux-arm64": ["@deno/linux-arm64-glibc/deno"],
  "darwin-arm64": ["@deno/darwin-arm64/deno"],
  "darwin-x64": ["@deno/darwin-x64/deno"],
};
const WORKERD_PACKAGES: Record<string, string[]> = {
  "linux-x64": ["@cloudflare/workerd-linux-64/bin/workerd"],
  "linux-arm64": ["@cloudflare/workerd-linux-arm64/bin/workerd"],
  "darwin-arm64": ["@cloudflare/workerd-darwin-arm64/bin/workerd"],
  "darwin-x64": ["@cloudflare/workerd-darwin-64/bin/workerd"],
};

/** Bun (npm `bun`); its postinstall moves the binary into the wrapper's bin/bun.exe. */
export const BUN = runtimeBinary([...(BUN_PACKAGES[PLATFORM] ?? []), "bun/bin/bun.exe"]);
/** Deno (npm `deno`, whose platform package `@deno/<platform>` holds the binary). */
export const DENO = runtimeBinary(DENO_PACKAGES[PLATFORM] ?? []);
/** workerd (npm `workerd`, whose platform package `@cloudflare/workerd-<platform>` holds the binary). */
export const WORKERD = runtimeBinary([
  ...(WORKERD_PACKAGES[PLATFORM] ?? []),
  "workerd/bin/workerd",
]);

/** What `installPackedLibrary` made. */
export interface Scratch {
  /** The scratch project: package.json, node_modules, and copies of the examples and the probe. */
  dir: string;
  tarball: string;
  /** The installed package's package.json. */
  manifest: {
    name: string;
    version: string;
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    exports?: Record<string, string | { types?: string; default?: string }>;
  };
  /** Every file of the installed package, relative to its folder. */
  files: string[];
  /** Every package under the scratch project's node_modules (scoped ones as `@scope/name`). */
  installed: string[];
}

function listFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out;
}

function listPackages(nodeModules: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith(".")) continue;
    if (entry.startsWith("@"))
      for (const sub of readdirSync(join(nodeModules, entry))) out.push(`${entry}/${sub}`);
    else out.push(entry);
  }
  return out.sort();
}

/**
 * Builds and packs packages/lib (`npm pack`, whose prepack builds it) into `tmp`, then installs
 * the tarball into a scratch project in `tmp` without the network: the lib's dependencies are
 * copied from the repository's node_modules first, and `npm install --offline` (with an empty
 * cache of its own) must find everything else in the tarball.
 */
export async function installPackedLibrary(tmp: string): Promise<Scratch> {
  const packs = join(tmp, "packs");
  mkdirSync(packs);
  await run("npm", ["pack", "--pack-destination", packs, "--silent"], {
    cwd: LIB,
    timeoutMs: 120_000,
  });
  const tarballs = readdirSync(packs).filter((f) => f.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.join(", ") || "nothing"}`);
  const tarball = join(packs, tarballs[0] as string);

  const dir = join(tmp, "scratch");
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify(
      {
        name: "runtime-scratch",
        private: true,
        type: "module",
        dependencies: { "@matrix-support/lib": `file:${tarball}` },
      },
      null,
      2,
    )}\n`,
  );
  const libManifest = JSON.parse(
    readFileSync(join(LIB, "package.json"), "utf8"),
  ) as Scratch["manifest"];
  const requireFromLib = createRequire(join(LIB, "package.json"));
  for (const name of Object.keys(libManifest.dependencies ?? {})) {
    const from = dirname(requireFromLib.resolve(`${name}/package.json`));
    cpSync(from, join(dir, "node_modules", name), { recursive: true });
  }
  await run(
    "npm",
    [
      "install",
      "--offline",
      "--ignore-scripts",
      "--no-audit",
      "--no-fund",
      "--cache",
      join(tmp, "npm-cache"),
    ],
    { cwd: dir, timeoutMs: 120_000 },
  );
  const manifest = JSON.parse(
    readFileSync(join(dir, "node_modules/@matrix-support/lib/package.json"), "utf8"),
  ) as Scratch["manifest"];

  // The examples and the probe, at the same relative places as in the repository.
  cpSync(join(ROOT, "examples/runtimes"), join(dir, "examples/runtimes"), { recursive: true });
  cpSync(join(ROOT, "test/runtimes/probe"), join(dir, "test/runtimes/probe"), { recursive: true });
  return {
    dir,
    tarball,
    manifest,
    files: listFiles(join(dir, "node_modules/@matrix-support/lib")).sort(),
    installed: listPackages(join(dir, "node_modules")),
  };
}

/** A free loopback port (for workerd, which takes its address on the command line). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** A started server process. */
export interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/**
 * Starts a long-running program and waits until it is ready: it prints `listening on URL`, or,
 * with `probeUrl`, that URL answers over HTTP. Rejects with the program's output when it exits
 * first or takes longer than `timeoutMs`.
 */
export function startProcess(
  file: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; probeUrl?: string },
): Promise<Started> {
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  const output = () => text;
  return new Promise((done, fail) => {
    let settled = false;
    const finish = (error?: Error, url?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      if (error) {
        stopProcess(child).finally(() => fail(error));
      } else done({ child, url: url as string, output });
    };
    const timer = setTimeout(
      () => finish(new Error(`${file} was not ready in time:\n${text}`)),
      options.timeoutMs ?? 30_000,
    );
    child.once("error", (error) => finish(error));
    child.once("exit", (code, signal) =>
      finish(new Error(`${file} exited (${code ?? signal}) before it was ready:\n${text}`)),
    );
    let polling = false;
    const poll = setInterval(() => {
      if (options.probeUrl === undefined) {
        const m = /listening on (http:\/\/\S+)/.exec(text);
        if (m) finish(undefined, m[1]);
        return;
      }
      if (polling) return;
      polling = true;
      const probeUrl = options.probeUrl;
      fetch(probeUrl, { signal: AbortSignal.timeout(2_000) })
        .then(async (r) => {
          await r.arrayBuffer();
          finish(undefined, new URL(probeUrl).origin);
        })
        .catch(() => {})
        .finally(() => {
          polling = false;
        });
    }, 50);
  });
}

/** Stops a process we started, by its PID: SIGTERM, then SIGKILL after `graceMs`. */
export function stopProcess(child: ChildProcess | undefined, graceMs = 5_000): Promise<void> {
  if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve();
  const pid = child.pid;
  return new Promise((done) => {
    const timer = setTimeout(() => {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      done();
    });
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      clearTimeout(timer);
      done();
    }
  });
}

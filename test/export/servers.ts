/**
 * Real web servers for the export tests: each is configured by a minimal wrapper written into a
 * temp directory, checked with the server's own checker, started in the foreground on loopback
 * ports, and stopped by its process id. Debian packages: nginx-light, caddy, apache2 (.ci/run).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmod, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { request } from "undici";

export type ServerKind = "nginx" | "caddy" | "apache";

/** One site of a server: a port and the exported snippet it includes. */
export interface Site {
  port: number;
  snippet: string;
  /** Caddy only: paste the snippet into the site block instead of importing it. */
  paste?: boolean;
  /**
   * Serve this directory as the site's static root around the snippet, as a real site does
   * (nginx `root`, Caddy `file_server`, Apache `DocumentRoot` with mod_dir), instead of answering
   * 404 to everything else.
   */
  webRoot?: string;
}

export interface Running {
  baseFor(port: number): string;
  stop(): Promise<void>;
  output(): string;
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface CheckResult {
  ok: boolean;
  output: string;
}

function runSync(cmd: string, args: string[], env?: NodeJS.ProcessEnv): CheckResult {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: env ?? process.env, timeout: 30_000 });
  if (r.error) return { ok: false, output: `${cmd}: ${r.error.message}` };
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Fails loudly (never skips) when a server is missing: CI installs them all. */
export function requireBinary(cmd: string): void {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  if (r.status !== 0)
    throw new Error(`${cmd} is not installed: .ci/run installs nginx-light, caddy and apache2`);
}

/**
 * Temp directories (and what is in them) must be readable by the unprivileged user a server
 * drops to when run as root, whatever the umask.
 */
export async function openUp(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await openUp(path);
    else if (entry.isFile()) await chmod(path, 0o644);
  }
}

function start(cmd: string, args: string[], env?: NodeJS.ProcessEnv): [ChildProcess, () => string] {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: env ?? process.env });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  return [child, () => out];
}

/** Waits until every port answers HTTP (any status), or the process exits. */
async function ready(child: ChildProcess, ports: number[], output: () => string): Promise<void> {
  // A generous deadline: the machine may be busy; this bounds a hang, it measures nothing.
  const deadline = Date.now() + 60_000;
  for (const port of ports) {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
      try {
        const res = await request(`http://127.0.0.1:${port}/`, { method: "GET" });
        await res.body.dump();
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`port ${port} never answered:\n${output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
}

/** Stops a child by its id: SIGTERM, then SIGKILL if it is still there after 10 s. */
export function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
}

async function launch(
  cmd: string,
  args: string[],
  sites: readonly Site[],
  env?: NodeJS.ProcessEnv,
): Promise<Running> {
  const [child, output] = start(cmd, args, env);
  const stop = stopper(child);
  try {
    await ready(
      child,
      sites.map((s) => s.port),
      output,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseFor: (port) => `http://127.0.0.1:${port}`, stop, output };
}

// nginx ------------------------------------------------------------------------------------------

export async function nginxWrapper(dir: string, sites: readonly Site[]): Promise<string> {
  const temp = join(dir, "temp");
  await mkdir(temp, { recursive: true });
  const servers = sites
    .map(
      (s) =>
        `    server {\n        listen 127.0.0.1:${s.port};\n        server_name localhost;\n` +
        `        include ${s.snippet};\n` +
        (s.webRoot
          ? `        root ${s.webRoot};\n        location / { }\n    }\n`
          : "        location / { return 404; }\n    }\n"),
    )
    .join("");
  const conf = join(dir, "nginx.conf");
  await writeFile(
    conf,
    "daemon off;\nworker_processes 1;\n" +
      `pid ${join(dir, "nginx.pid")};\nerror_log ${join(dir, "error.log")} warn;\n` +
      (isRoot ? "user nobody nogroup;\n" : "") +
      "events { worker_connections 64; }\nhttp {\n    access_log off;\n" +
      ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
        .map((t) => `    ${t}_temp_path ${join(temp, t)};\n`)
        .join("") +
      servers +
      "}\n",
  );
  return conf;
}

const nginxArgs = (dir: string, conf: string) => [
  "-e",
  join(dir, "error.log"),
  "-p",
  `${dir}/`,
  "-c",
  conf,
];

export function checkNginx(dir: string, conf: string): CheckResult {
  return runSync("nginx", ["-t", ...nginxArgs(dir, conf)]);
}

export function startNginx(dir: string, conf: string, sites: readonly Site[]): Promise<Running> {
  return launch("nginx", nginxArgs(dir, conf), sites);
}

// Caddy ------------------------------------------------------------------------------------------

export async function caddyWrapper(dir: string, sites: readonly Site[]): Promise<string> {
  const conf = join(dir, "Caddyfile");
  let text = `{\n\tadmin off\n\tauto_https off\n\tstorage file_system ${join(dir, "data")}\n}\n`;
  for (const s of sites) {
    const body = s.paste ? await readFile(s.snippet, "utf8") : `import ${s.snippet}\n`;
    text +=
      `\nhttp://127.0.0.1:${s.port} {\n\tbind 127.0.0.1\n${body}` +
      (s.webRoot
        ? `\troot * ${s.webRoot}\n\tfile_server\n}\n`
        : "\thandle {\n\t\trespond 404\n\t}\n}\n");
  }
  await writeFile(conf, text);
  return conf;
}

const caddyEnv = (dir: string): NodeJS.ProcessEnv => ({
  ...process.env,
  HOME: dir,
  XDG_DATA_HOME: join(dir, "data"),
  XDG_CONFIG_HOME: join(dir, "config"),
});

export function checkCaddy(dir: string, conf: string): CheckResult {
  return runSync("caddy", ["validate", "--config", conf, "--adapter", "caddyfile"], caddyEnv(dir));
}

export function startCaddy(dir: string, conf: string, sites: readonly Site[]): Promise<Running> {
  return launch("caddy", ["run", "--config", conf, "--adapter", "caddyfile"], sites, caddyEnv(dir));
}

// Apache -----------------------------------------------------------------------------------------

const MODULES = ["mpm_event", "authz_core", "alias", "headers", "rewrite", "mime"];

export async function apacheWrapper(dir: string, sites: readonly Site[]): Promise<string> {
  const empty = join(dir, "empty");
  await mkdir(join(dir, "run"), { recursive: true });
  await mkdir(empty, { recursive: true });
  await openUp(empty);
  const conf = join(dir, "httpd.conf");
  await writeFile(
    conf,
    `ServerRoot ${dir}\nDefaultRuntimeDir ${join(dir, "run")}\nPidFile ${join(dir, "httpd.pid")}\n` +
      `ErrorLog ${join(dir, "error.log")}\nLogLevel warn\nServerName 127.0.0.1\n` +
      [...MODULES, ...(sites.some((s) => s.webRoot) ? ["dir"] : [])]
        .map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so\n`)
        .join("") +
      "TypesConfig /dev/null\n" +
      (isRoot ? "User nobody\nGroup nogroup\n" : "") +
      sites.map((s) => `Listen 127.0.0.1:${s.port}\n`).join("") +
      sites
        .map(
          (s) =>
            `<VirtualHost 127.0.0.1:${s.port}>\n    DocumentRoot ${s.webRoot ?? empty}\n` +
            (s.webRoot
              ? `    <Directory ${s.webRoot}>\n        Require all granted\n    </Directory>\n`
              : "") +
            `    Include ${s.snippet}\n</VirtualHost>\n`,
        )
        .join(""),
  );
  return conf;
}

export function checkApache(conf: string): CheckResult {
  return runSync("apache2", ["-t", "-f", conf]);
}

export function startApache(conf: string, sites: readonly Site[]): Promise<Running> {
  return launch("apache2", ["-f", conf, "-D", "FOREGROUND"], sites);
}

/**
 * `matrix-support init [--out FILE]`: writes a config that validates, by a short wizard on a
 * terminal or from flags (and `--from SERVER_NAME`) without one. Never overwrites unasked,
 * writes atomically, reads back what it wrote.
 */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import {
  analyseSupport,
  type Diagnostic,
  diagnostic,
  hasErrors,
  serverNameFromInput,
  sortDiagnostics,
} from "../../../lib/src/core/index.js";
import type { DiscoveryResult } from "../../../lib/src/discover/types.js";
import { type Config, parseConfig } from "../config/index.js";
import { describeFsError, readText, writeFileAtomic } from "../files.js";
import {
  answersFromDocument,
  answersFromFlags,
  buildConfig,
  formatFor,
  type InitAnswers,
  type InitFlags,
  mergeAnswers,
  missingAnswers,
  renderConfig,
  upgradeDraft,
} from "../init/index.js";
import type { Wrap } from "./command.js";
import {
  colours,
  EXIT_FAIL,
  EXIT_OK,
  EXIT_USAGE,
  formatDiagnostic,
  intOption,
  safe,
} from "./output.js";

export interface InitOptions extends InitFlags {
  out: string;
  force?: boolean;
  yes?: boolean;
  from?: string;
  timeout?: number;
  cacert?: string;
  resolve?: string[];
  connectTo?: string[];
}

/** How `--from` reaches the server: curl's --cacert, --resolve and --connect-to, a time limit. */
export interface FromTransport {
  cacert?: Buffer;
  resolve?: string[];
  connectTo?: string[];
  timeout?: number;
}

/** Looks up what a server publishes now (`--from`). */
export type Discover = (serverName: string, transport: FromTransport) => Promise<DiscoveryResult>;

/** Where init talks and what it may use; tests replace every part. */
export interface InitIo {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  /** Prompts are shown only when stdin is a terminal. */
  interactive: boolean;
  cwd: string;
  discover: Discover;
  write: (file: string, text: string) => Promise<void>;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerInit(program: Command, wrap: Wrap): void {
  program
    .command("init")
    .description(
      "Write a matrix-support config that validates: a short wizard on a terminal, or flags without one",
    )
    .option("--out <file>", "where to write the config", "matrix-support.yaml")
    .option("--force", "replace the file if it exists (atomically)")
    .option("-y, --yes", "ask nothing: use the flags (and --from) as they are")
    .option("--server-name <name>", "the Matrix server name, e.g. example.org")
    .option("--admin-mxid <id>", "the admin's Matrix ID, e.g. @admin:example.org")
    .option("--admin-email <address>", "the admin's email address")
    .option("--backup-mxid <id>", "a backup admin Matrix ID on another homeserver")
    .option("--backup-email <address>", "a backup admin email address on another domain")
    .option("--security-mxid <id>", "security contact's Matrix ID (default: the admin's)")
    .option("--security-email <address>", "security contact's email (default: the admin's)")
    .option("--moderator-mxid <id>", "moderator contact's Matrix ID (role from MSC4121)")
    .option("--moderator-email <address>", "moderator contact's email (role from MSC4121)")
    .option("--support-page <url>", "a web page where users find help (https)")
    .option("--from <server_name>", "start from what this server publishes now")
    .option("--timeout <ms>", "time limit for --from", intOption("--timeout", 1, 600_000))
    .option("--cacert <file>", "for --from: trust the CA certificates in this PEM file")
    .option(
      "--resolve <host:port:addr>",
      "for --from: use this address for host:port (curl's meaning; repeatable)",
      collect,
    )
    .option(
      "--connect-to <h1:p1:h2:p2>",
      "for --from: connect to h2:p2 instead of h1:p1 (curl's meaning; repeatable)",
      collect,
    )
    .addHelpText(
      "after",
      "\nWithout a terminal (or with --yes) nothing is asked: give --server-name and an admin contact.\nExit: 0 written, 1 missing or invalid values, existing file or cancelled, 2 usage or write errors.",
    )
    .action(wrap((options: InitOptions) => initCommand(options)));
}

export function processIo(): InitIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: process.stdin.isTTY === true,
    cwd: process.cwd(),
    discover: discoverLive,
    write: writeFileAtomic,
  };
}

/** `--from` through the discovery client, with --cacert/--resolve/--connect-to. */
const discoverLive: Discover = async (serverName, options) => {
  // Loaded on demand: only --from needs the network stack.
  const [{ discoverSupport }, { createNodeTransport }] = await Promise.all([
    import("../../../lib/src/discover/discover.js"),
    import("../transport/node.js"),
  ]);
  const transport = createNodeTransport({
    ...(options.cacert ? { cacert: options.cacert } : {}),
    resolve: options.resolve ?? [],
    connectTo: options.connectTo ?? [],
  });
  try {
    return await discoverSupport(serverName, {
      fetch: transport.fetch,
      ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    });
  } finally {
    await transport.close();
  }
};

/** --cacert, --resolve and --connect-to checked and read, or the usage error to print. */
async function fromTransport(
  options: InitOptions,
): Promise<{ ok: true; transport: FromTransport } | { ok: false; message: string }> {
  const { checkTransportFlags } = await import("../transport/flags.js");
  const checked = await checkTransportFlags(options);
  if (!checked.ok) return checked;
  const transport: FromTransport = {};
  if (options.resolve) transport.resolve = options.resolve;
  if (options.connectTo) transport.connectTo = options.connectTo;
  if (options.timeout !== undefined) transport.timeout = options.timeout;
  if (checked.cacert) transport.cacert = checked.cacert;
  return { ok: true, transport };
}

/**
 * Where editors find the config JSON Schema: the copy published with this very version of the
 * package on unpkg (`https://unpkg.com/matrix-support@0.1.0/schema/config.schema.json`), so the
 * written file names nothing on this machine and still validates after a move or on another
 * machine. Name and version come from the package's own package.json; should it be unreadable,
 * the URL of the latest version.
 */
export async function schemaUrl(): Promise<string> {
  let name = "matrix-support";
  let at = "";
  try {
    const pkg = JSON.parse(
      await readText(fileURLToPath(new URL("../../package.json", import.meta.url))),
    );
    if (typeof pkg.name === "string" && /^[a-z0-9@/._-]+$/.test(pkg.name)) name = pkg.name;
    if (typeof pkg.version === "string" && /^[0-9A-Za-z.+-]+$/.test(pkg.version))
      at = `@${pkg.version}`;
  } catch {
    // keep the unversioned URL
  }
  return `https://unpkg.com/${name}${at}/schema/config.schema.json`;
}

/** A path as it can be pasted into a shell. */
function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

export async function initCommand(options: InitOptions, io: InitIo = processIo()): Promise<number> {
  const c = colours(io.stderr as NodeJS.WriteStream);
  const err = (s: string) => io.stderr.write(s);
  const report = (d: Diagnostic, where?: string) => err(formatDiagnostic(d, where, c));
  const outFile = resolve(io.cwd, options.out);
  const shown = options.out;

  if (!options.force && (await exists(outFile))) {
    report(diagnostic("INIT_FILE_EXISTS", undefined, { file: shown }));
    return EXIT_FAIL;
  }

  // Server names as people type them: a pasted https://host/ is that host (said on stderr); a
  // URL with a path, or http://, is an invalid value like any other.
  const problems: { flag: string; diagnostic: Diagnostic }[] = [];
  const flags: InitOptions = { ...options };
  for (const [key, flag] of [
    ["serverName", "--server-name"],
    ["from", "--from"],
  ] as const) {
    const value = flags[key];
    if (value === undefined) continue;
    const read = serverNameFromInput(value);
    if (read.ok) {
      flags[key] = read.serverName;
      for (const note of read.notes) report(note, flag);
    } else {
      delete flags[key];
      problems.push({ flag, diagnostic: read.diagnostic });
    }
  }
  options = flags;
  const fromFlags = answersFromFlags(options);
  problems.push(...fromFlags.problems);
  for (const p of problems) report(withoutPath(p.diagnostic), p.flag);
  if (problems.some((p) => p.diagnostic.severity === "error")) return EXIT_FAIL;

  let base: InitAnswers = {};
  let fromUrl: string | undefined;
  const notes: { where?: string; diagnostic: Diagnostic }[] = [];
  if (options.from !== undefined) {
    const transport = await fromTransport(options);
    if (!transport.ok) {
      err(`matrix-support init: ${safe(transport.message)}\n`);
      return EXIT_USAGE;
    }
    const started = await startFrom(options.from, transport.transport, io);
    if (!started.ok) {
      for (const d of started.diagnostics) report(d);
      return EXIT_FAIL;
    }
    base = started.answers;
    fromUrl = started.url;
    for (const d of started.diagnostics) notes.push({ where: started.url, diagnostic: d });
  }
  let answers = mergeAnswers(base, fromFlags.answers);

  const interactive = io.interactive && !options.yes;
  // Loaded only on a terminal: the prompts library is not needed by scripts (or other commands).
  const wizard = interactive ? await import("../init/wizard.js") : undefined;
  // What the wizard said about the answers; not said again about the written file.
  const alreadySaid: Diagnostic[] = [];
  if (wizard) {
    const wizardIo = { input: io.stdin, output: io.stdout, shown: alreadySaid };
    const asked = await wizard.runWizard(answers, wizardIo, notes);
    if (!asked) return EXIT_FAIL;
    answers = asked;
  } else {
    for (const n of notes) report(n.diagnostic, n.where);
    const missing = missingAnswers(answers);
    for (const d of missing) report(d);
    if (missing.length > 0) return EXIT_FAIL;
  }

  const built = buildConfig(answers);
  let text: string;
  try {
    text = renderConfig(answers, formatFor(outFile), {
      schemaRef: await schemaUrl(),
      fileName: shellWord(shown),
      ...(fromUrl ? { from: fromUrl } : {}),
    });
  } catch {
    // Only TOML can refuse a value (e.g. a null kept from --from); nothing is written then.
    report(diagnostic("INIT_NOT_WRITTEN", undefined));
    return EXIT_FAIL;
  }
  // Validate before writing: a config that would not load as built is never written.
  const planned = parseConfig(text, { fileName: outFile });
  if (hasErrors(planned.diagnostics) || !sameConfig(planned.config, built)) {
    for (const d of planned.diagnostics) report(d, shown);
    report(diagnostic("INIT_NOT_WRITTEN", undefined));
    return EXIT_FAIL;
  }

  // Checked again just before writing, in case the file appeared while the wizard was open.
  if (!options.force && (await exists(outFile))) {
    report(diagnostic("INIT_FILE_EXISTS", undefined, { file: shown }));
    return EXIT_FAIL;
  }
  try {
    await io.write(outFile, text);
  } catch (error) {
    report(
      diagnostic("INIT_WRITE_FAILED", undefined, { file: shown, reason: describeFsError(error) }),
    );
    return EXIT_USAGE;
  }

  // Validate what was written: read it back and parse it as `serve` will.
  let written: string;
  try {
    written = await readText(outFile);
  } catch (error) {
    report(
      diagnostic("INIT_READ_BACK", undefined, { file: shown, reason: describeFsError(error) }),
    );
    return EXIT_USAGE;
  }
  const loaded = parseConfig(written, { fileName: outFile });
  if (hasErrors(loaded.diagnostics)) {
    for (const d of loaded.diagnostics) report(d, shown);
    report(
      diagnostic("INIT_READ_BACK", undefined, { file: shown, reason: "it does not validate" }),
    );
    return EXIT_FAIL;
  }
  if (!sameConfig(loaded.config, built)) {
    const reason = "it holds other values than the answers";
    report(diagnostic("INIT_READ_BACK", undefined, { file: shown, reason }));
    return EXIT_FAIL;
  }

  const findings = sortDiagnostics(loaded.diagnostics);
  const out = (s: string) => io.stdout.write(s);
  const oc = colours(io.stdout as NodeJS.WriteStream);
  if (wizard) {
    const said = (d: Diagnostic) =>
      alreadySaid.some((s) => s.code === d.code && s.message === d.message);
    for (const d of findings)
      if (!said(d)) wizard.showDiagnostic(d, { input: io.stdin, output: io.stdout }, shown);
  } else {
    for (const d of findings) err(formatDiagnostic(d, shown, c));
  }
  const file = shellWord(shown);
  const server = shellWord(answers.serverName ?? "SERVER_NAME");
  out(
    `${oc.green("Wrote")} ${safe(shown)}${findings.length > 0 ? ` (${findings.length} note${findings.length === 1 ? "" : "s"} above)` : ""}\n\nNext:\n` +
      `  matrix-support serve --config ${file}\n` +
      `  matrix-support export --config ${file} --out public\n` +
      `  matrix-support check ${server}\n`,
  );
  return EXIT_OK;
}

/** Same values, whatever the key order (TOML reorders) and the editor-only `$schema` key. */
function sameConfig(loaded: Config | null, built: Config): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : typeof v === "object" && v !== null
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k]) => k !== "$schema")
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return JSON.stringify(canonical(loaded)) === JSON.stringify(canonical(built));
}

/** A diagnostic about a flag's value: the flag names the place, not a path in a document. */
function withoutPath(d: Diagnostic): Diagnostic {
  const { path: _path, ...rest } = d;
  return rest as Diagnostic;
}

type Started =
  | { ok: true; answers: InitAnswers; url: string; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** What the server publishes now, as answers, with what is wrong with it. */
async function startFrom(
  serverName: string,
  transport: FromTransport,
  io: InitIo,
): Promise<Started> {
  let result: DiscoveryResult;
  try {
    result = await io.discover(serverName, transport);
  } catch (error) {
    // e.g. a --cacert file that holds no certificate: the transport cannot be built.
    return {
      ok: false,
      diagnostics: [
        diagnostic("INIT_FROM_FAILED", undefined, {
          server_name: serverName,
          reason: error instanceof Error ? error.message : String(error),
        }),
      ],
    };
  }
  const url = result.url ?? serverName;
  // A pre-spec draft file (`admins`, `mxid`, `email`) is read in the spec's names.
  const draft =
    result.status === "found" || result.status === "invalid"
      ? upgradeDraft(result.value)
      : undefined;
  const upgraded = draft ? analyseSupport(draft).document : null;
  if (upgraded)
    return {
      ok: true,
      answers: answersFromDocument(upgraded, serverName),
      url,
      diagnostics: result.diagnostics,
    };
  switch (result.status) {
    case "found":
      return {
        ok: true,
        answers: answersFromDocument(result.document, serverName),
        url,
        diagnostics: result.diagnostics,
      };
    case "not_found":
    case "invalid":
      // Nothing usable: start from scratch, and say why.
      return { ok: true, answers: { serverName }, url, diagnostics: result.diagnostics };
    case "unreachable":
      return {
        ok: false,
        diagnostics: [
          ...result.diagnostics,
          diagnostic("INIT_FROM_FAILED", undefined, {
            server_name: serverName,
            reason: result.failure.message,
          }),
        ],
      };
  }
}

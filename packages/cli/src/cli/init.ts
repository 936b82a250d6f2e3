/**
 * `matrix-support init [--out FILE]`: writes a config that validates, by a short wizard on a
 * terminal or from flags (and `--from SERVER_NAME`) without one. The work is in src/init/:
 * reading the flags (check.ts), starting from a live file (from.ts), the wizard (wizard.ts) and
 * validate-before-write, the atomic write and the read-back (write.ts).
 */
import { resolve } from "node:path";
import type { Readable, Writable } from "node:stream";
import type { Diagnostic } from "../../../lib/src/core/index.js";
import { writeFileAtomic } from "../files.js";
import { type Discover, discoverLive, fromTransport, startFrom } from "../init/from.js";
import {
  type InitAnswers,
  type InitFlags,
  mergeAnswers,
  missingAnswers,
  readInitFlags,
} from "../init/index.js";
import { refuseExisting, shellWord, writeConfig } from "../init/write.js";
import type { CommandSpec } from "./command.js";
import { collect } from "./command-line.js";
import {
  colours,
  EXIT_FAIL,
  EXIT_OK,
  EXIT_USAGE,
  formatDiagnostic,
  intOption,
  safe,
} from "./output.js";

export type { Discover, FromTransport } from "../init/from.js";

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

export const spec: CommandSpec = {
  name: "init",
  description:
    "Write a matrix-support config that validates: a short wizard on a terminal, or flags without one",
  options: [
    {
      flags: "--out <file>",
      description: "where to write the config",
      default: "matrix-support.yaml",
    },
    { flags: "--force", description: "replace the file if it exists (atomically)" },
    { flags: "-y, --yes", description: "ask nothing: use the flags (and --from) as they are" },
    { flags: "--server-name <name>", description: "the Matrix server name, e.g. example.org" },
    { flags: "--admin-mxid <id>", description: "the admin's Matrix ID, e.g. @admin:example.org" },
    { flags: "--admin-email <address>", description: "the admin's email address" },
    { flags: "--backup-mxid <id>", description: "a backup admin Matrix ID on another homeserver" },
    {
      flags: "--backup-email <address>",
      description: "a backup admin email address on another domain",
    },
    {
      flags: "--security-mxid <id>",
      description: "security contact's Matrix ID (default: the admin's)",
    },
    {
      flags: "--security-email <address>",
      description: "security contact's email (default: the admin's)",
    },
    {
      flags: "--moderator-mxid <id>",
      description: "moderator contact's Matrix ID (role from MSC4121)",
    },
    {
      flags: "--moderator-email <address>",
      description: "moderator contact's email (role from MSC4121)",
    },
    { flags: "--support-page <url>", description: "a web page where users find help (https)" },
    { flags: "--from <server_name>", description: "start from what this server publishes now" },
    {
      flags: "--timeout <ms>",
      description: "time limit for --from",
      parse: intOption("--timeout", 1, 600_000),
    },
    {
      flags: "--cacert <file>",
      description: "for --from: trust the CA certificates in this PEM file",
    },
    {
      flags: "--resolve <host:port:addr>",
      description: "for --from: use this address for host:port (curl's meaning; repeatable)",
      parse: collect,
    },
    {
      flags: "--connect-to <h1:p1:h2:p2>",
      description: "for --from: connect to h2:p2 instead of h1:p1 (curl's meaning; repeatable)",
      parse: collect,
    },
  ],
  helpAfter:
    "Without a terminal (or with --yes) nothing is asked: give --server-name and an admin contact.\nExit: 0 written, 1 missing or invalid values, existing file or cancelled, 2 usage or write errors.",
  action: (options: InitOptions) => initCommand(options),
};

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

export async function initCommand(options: InitOptions, io: InitIo = processIo()): Promise<number> {
  const c = colours(io.stderr);
  const err = (s: string) => io.stderr.write(s);
  const report = (d: Diagnostic, where?: string) => err(formatDiagnostic(d, where, c));
  const file = resolve(io.cwd, options.out);
  const shown = options.out;

  const exists = await refuseExisting(file, shown, options.force);
  if (exists) {
    report(exists);
    return EXIT_FAIL;
  }

  const read = readInitFlags(options);
  for (const n of read.notes) report(n.diagnostic, n.flag);
  for (const p of read.problems) report(p.diagnostic, p.flag);
  if (read.problems.some((p) => p.diagnostic.severity === "error")) return EXIT_FAIL;
  const flags = read.flags;

  let base: InitAnswers = {};
  let fromUrl: string | undefined;
  const notes: { where?: string; diagnostic: Diagnostic }[] = [];
  if (flags.from !== undefined) {
    const transport = await fromTransport(flags);
    if (!transport.ok) {
      err(`matrix-support init: ${safe(transport.message)}\n`);
      return EXIT_USAGE;
    }
    const started = await startFrom(flags.from, transport.transport, io.discover);
    if (!started.ok) {
      for (const d of started.diagnostics) report(d);
      return EXIT_FAIL;
    }
    base = started.answers;
    fromUrl = started.url;
    for (const d of started.diagnostics) notes.push({ where: started.url, diagnostic: d });
  }
  let answers = mergeAnswers(base, read.answers);

  const interactive = io.interactive && !flags.yes;
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

  const written = await writeConfig({
    answers,
    file,
    shown,
    write: io.write,
    force: flags.force,
    from: fromUrl,
  });
  if (!written.ok) {
    for (const p of written.diagnostics) report(p.diagnostic, p.where);
    return written.problem === "io" ? EXIT_USAGE : EXIT_FAIL;
  }

  const { findings } = written;
  if (wizard) {
    const said = (d: Diagnostic) =>
      alreadySaid.some((s) => s.code === d.code && s.message === d.message);
    for (const d of findings)
      if (!said(d)) wizard.showDiagnostic(d, { input: io.stdin, output: io.stdout }, shown);
  } else {
    for (const d of findings) report(d, shown);
  }
  const oc = colours(io.stdout);
  const next = shellWord(shown);
  const server = shellWord(answers.serverName ?? "SERVER_NAME");
  const notesAbove =
    findings.length > 0
      ? ` (${findings.length} note${findings.length === 1 ? "" : "s"} above)`
      : "";
  io.stdout.write(
    `${oc.green("Wrote")} ${safe(shown)}${notesAbove}\n\nNext:\n` +
      `  matrix-support serve --config ${next}\n` +
      `  matrix-support export --config ${next} --out public\n` +
      `  matrix-support check ${server}\n`,
  );
  return EXIT_OK;
}

/**
 * `matrix-support check SERVER_NAME... [--json] [--timeout MS] [--cacert FILE] [--resolve ...]
 * [--connect-to ...] [--expect CONFIG_OR_FILE]`: find, fetch and judge servers' support files.
 */
import { type Diagnostic, diagnostic, hasErrors, roleLabel } from "../../../lib/src/core/index.js";
import type { CheckOutcome } from "../../../lib/src/discover/check.js";
import type { DiscoveryResult, ExpectedSupport } from "../../../lib/src/discover/index.js";
import { checkNames } from "../checker/check-names.js";
import { readExpectedFile } from "../checker/expected.js";
import { serverNameArgument } from "./args.js";
import type { CommandSpec } from "./command.js";
import { collect } from "./command-line.js";
import {
  colours,
  EXIT_FAIL,
  EXIT_OK,
  formatDiagnostic,
  intOption,
  joinTerm,
  ours,
  paint,
  printJson,
  safe,
  summarise,
  type TermText,
  term,
  UsageError,
  writeOut,
} from "./output.js";

export interface CheckCommandOptions {
  json?: boolean;
  timeout: number;
  cacert?: string;
  resolve: string[];
  connectTo: string[];
  expect?: string;
}

export const spec: CommandSpec = {
  name: "check",
  description:
    "Find, fetch and judge servers' support files: where it looked, what came back, the contacts, every problem",
  arguments: [
    {
      name: "[server_names...]",
      description:
        "Matrix server names (e.g. example.org); optional with --expect CONFIG holding server_name",
    },
  ],
  options: [
    {
      flags: "--json",
      description: "print the result as JSON (one object per line with several server names)",
    },
    {
      flags: "--timeout <ms>",
      description: "for the whole request, redirects and body included",
      parse: intOption("--timeout", 1, 600_000),
      default: 10_000,
    },
    {
      flags: "--cacert <file>",
      description: "trust the PEM certificates in FILE instead of the system's (as curl)",
    },
    {
      flags: "--resolve <host:port:addr>",
      description: "connect to ADDR for HOST:PORT (as curl; repeatable)",
      parse: collect,
      default: [],
    },
    {
      flags: "--connect-to <host1:port1:host2:port2>",
      description:
        "connect to HOST2:PORT2 for HOST1:PORT1; empty HOST1 or PORT1 matches any (as curl; repeatable)",
      parse: collect,
      default: [],
    },
    {
      flags: "--expect <config_or_file>",
      description: "report drift from this config or support document",
    },
  ],
  action: (names: string[], options: CheckCommandOptions) => checkCommand(names, options),
};

export async function checkCommand(names: string[], options: CheckCommandOptions): Promise<number> {
  let expect: ExpectedSupport | undefined;
  if (options.expect !== undefined) {
    const read = await readExpectedFile(options.expect);
    if (!read.ok) throw new UsageError(`--expect: ${read.reason}`);
    expect = read.expected;
  }
  const given = names.length > 0 ? names : expect?.serverName ? [expect.serverName] : [];
  if (given.length === 0)
    throw new UsageError(
      diagnostic("FLAG_NO_SERVER_NAME", undefined, { command: "check", flag: "--expect" }).message,
    );
  // As people type them: a pasted https://host/ is that host (said on stderr); other URLs and
  // malformed names are usage errors.
  const serverNames = given.map((name) => {
    const read = serverNameArgument(name);
    if (!read.ok) throw new UsageError(read.message);
    return read.serverName;
  });
  // Loaded here, not at start-up: undici is large, and other commands must start fast.
  const { transportFromFlags } = await import("../transport/node.js");
  const made = await transportFromFlags(options);
  if (!made.ok) throw new UsageError(made.message);
  const transport = made.transport;
  let ok = true;
  try {
    const outcomes = checkNames(serverNames, {
      transport,
      timeout: options.timeout,
      expect,
    });
    for (const [i, pending] of outcomes.entries()) {
      const outcome = await pending;
      const { report } = outcome;
      if (report.status !== "found" || hasErrors(report.diagnostics)) ok = false;
      if (!options.json) writeOut(`${i > 0 ? "\n" : ""}${humanReport(outcome)}`);
      else if (serverNames.length === 1) printJson(report);
      else writeOut(`${JSON.stringify(report)}\n`);
    }
  } finally {
    await transport.close();
  }
  return ok ? EXIT_OK : EXIT_FAIL;
}

// ---- the human report ----

const PHASE_WORDS: Record<string, string> = {
  server_name: "the server name",
  dns: "DNS",
  address: "address policy",
  connect: "connecting",
  tls: "TLS",
  headers: "waiting for the answer",
  redirect: "redirects",
  http: "HTTP status",
  body: "reading the body",
  aborted: "cancelled",
};

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

function verdict(result: DiscoveryResult, diagnostics: readonly Diagnostic[]): TermText {
  const name = result.serverName;
  switch (result.status) {
    case "found": {
      const n = result.document.contacts?.length ?? 0;
      const what = [
        n > 0 ? `${n} contact${n === 1 ? "" : "s"}` : "",
        result.document.support_page !== undefined ? "a support page" : "",
      ]
        .filter(Boolean)
        .join(" and ");
      return hasErrors(diagnostics)
        ? term`${name} publishes support information (${what}), with errors to fix`
        : term`${name} publishes support information: ${what}`;
    }
    case "not_found":
      return term`${name} publishes no support information (404)`;
    case "invalid":
      return term`${name} answers, but with nothing usable`;
    case "unreachable":
      return term`${name}: could not get the support file (${PHASE_WORDS[result.failure.phase] ?? result.failure.phase})`;
  }
}

/** The report for people. Every value a server controls goes through `term` or `paint` (escaped). */
export function humanReport(outcome: CheckOutcome): string {
  const c = colours();
  const p = paint(c);
  const { report, result } = outcome;
  const label = (s: string) => ours(`  ${c.dim(pad(s, 10))} `);
  const out: TermText[] = [term`${p.bold(report.server_name)}\n`];
  if (report.url) out.push(term`${label("looked at")}${report.url}\n`);
  for (const hop of report.http.redirects) {
    const cors = hop.access_control_allow_origin ?? p.yellow("no CORS header");
    out.push(term`${label("redirect")}${hop.status} -> ${hop.location}  (CORS: ${cors})\n`);
  }
  const h = report.http.headers;
  if (report.http.status !== undefined) {
    const facts = [
      `${report.http.status} in ${report.http.elapsed_ms} ms`,
      result.bytes !== undefined ? `${result.bytes} bytes` : "",
    ].filter(Boolean);
    out.push(term`${label("answer")}${facts.join(", ")}\n`);
    const shown = [
      "content-type",
      "content-encoding",
      "access-control-allow-origin",
      "cache-control",
    ] as const;
    for (const name of shown) {
      const v = h?.[name];
      out.push(term`${label("")}${p.dim(`${name}:`)} ${v ?? p.yellow("(none)")}\n`);
    }
  } else {
    out.push(term`${label("answer")}none after ${report.http.elapsed_ms} ms\n`);
  }
  const pre = outcome.preflight;
  if (pre && report.http.status !== undefined) {
    const text = pre.ok
      ? term`${pre.status}, allow-origin ${pre.allowOrigin ?? p.yellow("(none)")}, allow-methods ${pre.allowMethods ?? "(none)"}`
      : p.yellow(pre.detail);
    out.push(term`${label("preflight")}OPTIONS: ${text}\n`);
  }
  const doc = report.document;
  if (doc?.contacts && doc.contacts.length > 0) {
    // Escaped first, so the columns line up with what is shown.
    const rows = doc.contacts.map((ct) => [
      safe(`${roleLabel(ct.role)}${roleLabel(ct.role) === ct.role ? "" : ` (${ct.role})`}`),
      safe(ct.matrix_id ?? "-"),
      safe(ct.email_address ?? "-"),
    ]);
    const widths = [0, 1].map((i) =>
      Math.max(...[["ROLE", "MATRIX ID"][i]!, ...rows.map((r) => r[i]!)].map((s) => s.length)),
    );
    const line = (r: string[]) =>
      ours(`${pad(r[0]!, widths[0]!)}  ${pad(r[1]!, widths[1]!)}  ${r[2]}`.trimEnd());
    out.push(term`${label("contacts")}${p.dim(line(["ROLE", "MATRIX ID", "EMAIL"]))}\n`);
    for (const r of rows) out.push(term`${label("")}${line(r)}\n`);
  }
  if (doc?.support_page) out.push(term`${label("support")}${doc.support_page}\n`);
  if (report.diagnostics.length > 0) {
    out.push(ours("\n"));
    for (const d of report.diagnostics)
      out.push(ours(formatDiagnostic(d, undefined, c).replace(/^(?=.)/gm, "  ")));
  }
  const good = report.status === "found" && !hasErrors(report.diagnostics);
  const mark = good ? p.green("✔") : p.red("✘");
  const words = verdict(result, report.diagnostics);
  out.push(
    term`\n${mark} ${good ? p.green(words) : p.red(words)} (${ours(summarise(report.diagnostics, c))})\n`,
  );
  return joinTerm(out).text;
}

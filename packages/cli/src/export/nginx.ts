/**
 * nginx: `location` blocks to include inside a `server { }` block. Self-contained: the JSON is
 * written inline with `return 200 '...'`, so no docroot or other file is needed.
 *
 * Two traps, both handled here and proven byte for byte against a real nginx in the tests:
 * - nginx reads at most 4 KiB per config token, so long bodies are split over `set` variables
 *   and joined in the `return`.
 * - `return` text is a script where `$` starts a variable and nginx has no escape for a literal
 *   `$`. A body that contains one switches on SSI for its location and gets each `$` from an
 *   `internal` location that echoes the last byte of its (percent-decoded) URI.
 */
import type { Config } from "../../../lib/src/config/types.js";
import { type Diagnostic, diagnostic } from "../../../lib/src/core/index.js";
import {
  type HeaderList,
  NOT_PUBLISHED_TEXT,
  type PathAnswers,
  renderedPaths,
  withoutHeader,
} from "./headers.js";

/** Prefix of the internal location that produces bytes nginx cannot write inline. */
export const NGINX_BYTE_PREFIX = "/.well-known/matrix/.matrix-support-byte/";

/** Longest quoted token written (nginx's limit is 4096 bytes, quotes and escapes included). */
const MAX_TOKEN = 3000;

/**
 * A single-quoted nginx string. Inside quotes nginx unescapes `\\`, `\'`, `\"`, `\n`, `\r` and
 * `\t` and keeps every other byte, so doubling backslashes keeps JSON's `\n` as two characters.
 * The caller must keep `$` out (see nginxBodyUnits).
 */
export function nginxQuote(text: string): string {
  let out = "'";
  for (const ch of text) out += escapeChar(ch);
  return `${out}'`;
}

function escapeChar(ch: string): string {
  switch (ch) {
    case "\\":
      return "\\\\";
    case "'":
      return "\\'";
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    case "\t":
      return "\\t";
    default:
      return ch;
  }
}

function ssiByte(ch: string): string {
  const hex = ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
  return `<!--# include virtual="${NGINX_BYTE_PREFIX}%${hex}" -->`;
}

/**
 * The body as escaped pieces that may be cut between (never inside an escape or an SSI
 * command). With `ssi`, `$` comes from an SSI include, and so does the `<` of any `<!--#` in the
 * JSON so SSI does not read it as a command.
 */
export function nginxBodyUnits(body: string, ssi: boolean): string[] {
  const units: string[] = [];
  const chars = [...body];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ssi && (ch === "$" || (ch === "<" && body.startsWith("!--#", offsetOf(chars, i + 1))))) {
      units.push(ssiByte(ch));
    } else {
      units.push(escapeChar(ch));
    }
  }
  return units;
}

/** UTF-16 offset of code point `index` (only used on the rare `<` path). */
function offsetOf(chars: readonly string[], index: number): number {
  let n = 0;
  for (let i = 0; i < index; i++) n += chars[i]!.length;
  return n;
}

/** Groups units into quoted tokens short enough for nginx. */
function chunks(units: readonly string[]): string[] {
  const out: string[] = [];
  let current = "";
  for (const u of units) {
    if (current.length > 0 && current.length + u.length > MAX_TOKEN) {
      out.push(current);
      current = "";
    }
    current += u;
  }
  if (current.length > 0 || out.length === 0) out.push(current);
  return out;
}

function addHeaders(headers: HeaderList, indent: string): string {
  return headers.map(([k, v]) => `${indent}add_header ${k} ${nginxQuote(v)} always;\n`).join("");
}

/** The OPTIONS (204) and other-method (405) answers, shared by every well-known location. */
function methodGuards(p: PathAnswers): string {
  return (
    "    # CORS preflight: 204 without running anything else.\n" +
    "    if ($request_method = OPTIONS) {\n" +
    addHeaders(p.preflight, "        ") +
    "        return 204;\n" +
    "    }\n" +
    "    if ($request_method !~ ^(GET|HEAD)$) {\n" +
    addHeaders(p.notAllowed, "        ") +
    "        return 405;\n" +
    "    }\n"
  );
}

function locationFor(p: PathAnswers, diagnostics: Diagnostic[]): { text: string; ssi: boolean } {
  let text = `location = ${p.path} {\n`;
  if (p.body === undefined) {
    text +=
      '    # Nothing to publish: 404, never 200 {} (the spec\'s "no support information").\n' +
      addHeaders(p.notFound, "    ") +
      methodGuards(p) +
      '    default_type "text/plain; charset=utf-8";\n' +
      `    return 404 ${nginxQuote(NOT_PUBLISHED_TEXT)};\n}\n`;
    return { text, ssi: false };
  }
  const ssi = p.body.includes("$");
  if (ssi) diagnostics.push(diagnostic("EXPORT_NGINX_SSI", undefined, { name: p.name }));
  const contentType = p.ok.find(([k]) => k.toLowerCase() === "content-type")?.[1];
  text += addHeaders(withoutHeader(p.ok, "content-type"), "    ") + methodGuards(p);
  text += `    default_type ${nginxQuote(contentType ?? "application/json")};\n`;
  if (ssi) {
    text +=
      '    # The JSON contains "$": SSI writes each one (see the internal location below).\n' +
      "    ssi on;\n    ssi_types application/json;\n";
  }
  const parts = chunks(nginxBodyUnits(p.body, ssi));
  if (parts.length === 1) {
    text += `    return 200 '${parts[0]}';\n}\n`;
  } else {
    text += "    # Split in pieces: nginx reads at most 4 KiB per quoted string.\n";
    const names = parts.map((_, i) => `matrix_support_${p.name}_${i + 1}`);
    parts.forEach((part, i) => {
      text += `    set $${names[i]} '${part}';\n`;
    });
    text += `    return 200 '${names.map((n) => `\${${n}}`).join("")}';\n}\n`;
  }
  return { text, ssi };
}

const BYTE_LOCATION =
  '# Internal only: SSI includes of this prefix yield the one byte nginx cannot write inline ("$").\n' +
  `location ^~ ${NGINX_BYTE_PREFIX} {\n` +
  "    internal;\n" +
  `    location ~ ^${NGINX_BYTE_PREFIX.replace(/\./g, "\\.")}(.)$ {\n` +
  "        internal;\n" +
  "        return 200 $1;\n" +
  "    }\n" +
  "}\n";

export function renderNginx(config: Config): { contents: string; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let out =
    "# matrix-support export for nginx: include inside a server { } block, e.g.\n" +
    "#     include /etc/nginx/snippets/matrix-support.conf;\n" +
    "# Self-contained: the JSON is inline, no other file is needed. Generated by\n" +
    "# `matrix-support export`: edit the config and export again rather than this file.\n";
  let needsBytes = false;
  for (const p of renderedPaths(config)) {
    const { text, ssi } = locationFor(p, diagnostics);
    out += `\n${text}`;
    needsBytes ||= ssi;
  }
  if (needsBytes) out += `\n${BYTE_LOCATION}`;
  return { contents: out, diagnostics };
}

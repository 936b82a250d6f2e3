/**
 * Writes docs/reference/diagnostics.md from the diagnostics catalogue
 * (packages/lib/src/core/catalogue/): every code, grouped by area, with its severity, message,
 * hint, spec link and an example that triggers it. Document codes take their example from the
 * fixtures (test/fixtures/documents/, expected.ts), run through the validator; room codes from the
 * room-contacts fixtures (test/fixtures/room-contacts/), run through validateRoomContactsSource;
 * change codes from the comparison cases (test/fixtures/compare/cases.json), run through
 * compareSupport; config codes from the config texts in ./diagnostics-examples.ts, run through the
 * config parser; server-name codes from the inputs there, run through serverNameFromInput; the
 * others from the triggers and parameters there.
 *
 *   npm run docs:diagnostics        (tsx scripts/docs-diagnostics.ts)
 *
 * test/docs/diagnostics.test.ts fails when the committed page differs from what this writes, when
 * a code has no example, or when an example no longer produces its code.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseConfig } from "../packages/cli/src/config/parse.js";
import { parseSource } from "../packages/cli/src/config/source.js";
import { validateSupportText } from "../packages/cli/src/config/validate-text.js";
import { CATALOGUE } from "../packages/lib/src/core/catalogue/index.js";
import { compareSupport } from "../packages/lib/src/core/compare.js";
import {
  type CatalogueEntry,
  type Diagnostic,
  diagnosticFrom,
} from "../packages/lib/src/core/diagnostics.js";
import { validateRoomContactsSource } from "../packages/lib/src/core/room-contacts.js";
import { serverNameFromInput } from "../packages/lib/src/core/server-name-input.js";
import type { SupportDocument } from "../packages/lib/src/core/types.js";
import { EXPECTED } from "../test/fixtures/documents/expected.js";
import { ROOM_EXPECTED } from "../test/fixtures/room-contacts/expected.js";
import { EXAMPLES } from "./diagnostics-examples.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CATALOGUE_DIR = join(ROOT, "packages/lib/src/core/catalogue");
const FIXTURES = join(ROOT, "test/fixtures/documents");
const ROOM_FIXTURES = join(ROOT, "test/fixtures/room-contacts");
const COMPARE_CASES = "test/fixtures/compare/cases.json";
/** The page, relative to the repository root. */
export const OUTPUT = "docs/reference/diagnostics.md";
const PAGE_DIR = dirname(join(ROOT, OUTPUT));

/** Titles and introductions of the catalogue's areas, by file name; a new area gets a plain title. */
const AREAS: Record<string, { title: string; intro: string }> = {
  document: {
    title: "The support document",
    intro:
      "What the spec core reports about a support document: `validateSupport`, `parseSupport`, `matrix-support validate`, and every check of a live file. Errors break a MUST of the spec (or make the text unreadable); warnings and infos are checks beyond the spec. These carry a JSON Pointer `path`, and `line`/`column` when the document came from text.",
  },
  transport: {
    title: "Discovery and transport",
    intro:
      "What `discoverSupport`, `checkServer`, `matrix-support check`, `scan` and the web checker report about how the file is served: the network, TLS, HTTP, redirects, CORS, the preflight and drift from `--expect`. These are not about the document, so they have no `path`.",
  },
  config: {
    title: "The config file",
    intro:
      "What `matrix-support validate`, `serve`, `export` and `init` report about a matrix-support config (YAML, JSON or TOML). The document under `support` is checked with the document codes above, its paths starting with `/support`.",
  },
  room: {
    title: "Room contacts",
    intro:
      "What `validateRoomContacts` and `matrix-support validate --as room-contacts` report about per-room contacts: the content of an MSC4489 `m.room.contact` state event, a whole event, or an MSC4490 join or knock rejection. The content itself is checked with the document codes above, its paths starting where the content sits (`/content`, `/contact`).",
  },
  input: {
    title: "What people type",
    intro:
      "What the command line (and, for server names, the web checker's page) says about its input before anything is checked: server names pasted as web addresses, flag values, input files that are not UTF-8. A refused flag value ends the command with exit 2 and one line naming the flag.",
  },
  scan: {
    title: "Scan and report",
    intro:
      "What `matrix-support scan` records about itself in a result line, what `scan` and `report` tell their user (printed on standard error as `WHERE  severity  message  (CODE)`, with the file, `file:line:col` or flag at fault), and the status changes `report --diff` lists.",
  },
  compare: {
    title: "Changes between two documents",
    intro:
      "What `compareSupport` reports, and with it `watchSupport`, `report --diff` and the count of `serve --probe-metrics`: each change carries its own risk (`high`, `medium`, `low`), shown with each example; the severity `info` is nominal (a change is news, not a fault). Low-risk changes are reported only on request (`{ low: true }`). The rules: [watching support files](../watching.md#the-rules).",
  },
  probe: {
    title: "The web checker",
    intro:
      "What the web checker's page and its probe (`/check`, `/api/check`, mounted by `serve`) and the Prometheus probe (`/probe`, with `serve --probe-metrics`) answer besides a check's own diagnostics. `/api/check` sends the refusals as `{ \"error\": <diagnostic> }`; `/probe` answers a refusal with `400` and the message as plain text.",
  },
  export: {
    title: "Export",
    intro:
      "What `matrix-support export` says about what a target cannot carry (warnings on standard error, which do not change the exit code), and about the files it writes: a refused overwrite, an unreadable manifest or a failed write is an error (exit 1, nothing written); the infos name files left alone and targets not written.",
  },
};
const AREA_ORDER = [
  "document",
  "room",
  "transport",
  "input",
  "config",
  "scan",
  "compare",
  "probe",
  "export",
];

interface Area {
  name: string;
  entries: Record<string, CatalogueEntry>;
}

/** Every `*_CODES` object of the catalogue's area files, in a stable order. */
async function loadAreas(): Promise<Area[]> {
  const files = readdirSync(CATALOGUE_DIR)
    .filter((f) => f.endsWith(".ts") && f !== "index.ts" && f !== "spec-links.ts")
    .map((f) => f.replace(/\.ts$/, ""));
  const rank = (name: string) => {
    const i = AREA_ORDER.indexOf(name);
    return i < 0 ? AREA_ORDER.length : i;
  };
  files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const areas: Area[] = [];
  for (const name of files) {
    const module = (await import(pathToFileURL(join(CATALOGUE_DIR, `${name}.ts`)).href)) as Record<
      string,
      unknown
    >;
    for (const [key, value] of Object.entries(module)) {
      if (key.endsWith("_CODES") && typeof value === "object" && value !== null)
        areas.push({ name, entries: value as Record<string, CatalogueEntry> });
    }
  }
  return areas;
}

/** Escapes text for Markdown prose and table cells; a line break shows as `\n`. */
function md(text: string): string {
  return text.replace(/[\\`*[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");
}

/** A code span that survives backticks and pipes inside it. */
function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text.replace(/\|/g, "\\|")}${pad}${fence}`;
}

const anchor = (c: string) => c.toLowerCase();
const link = (path: string) => relative(PAGE_DIR, join(ROOT, path)).split("\\").join("/");

/** A few lines of a text around `line` (1-based), long lines cut, as a fenced block. */
function excerpt(text: string, line: number | undefined, lang: string): string {
  const lines = text
    .replace(/^\uFEFF/, "")
    .replace(/\n$/, "")
    .split("\n");
  const cut = (s: string) => (s.length > 100 ? `${s.slice(0, 97)}...` : s);
  let shown: string[];
  if (lines.length <= 14 || line === undefined) {
    shown = lines.slice(0, 14).map(cut);
    if (lines.length > 14) shown.push("...");
  } else {
    const from = Math.max(0, line - 3);
    const to = Math.min(lines.length, line + 2);
    shown = [
      ...(from > 0 ? ["..."] : []),
      ...lines.slice(from, to).map(cut),
      ...(to < lines.length ? ["..."] : []),
    ];
  }
  return `\`\`\`${lang}\n${shown.join("\n")}\n\`\`\``;
}

function position(d: Diagnostic): string {
  return d.line !== undefined ? `line ${d.line}, column ${d.column ?? 1}` : "the whole text";
}

const PLACEHOLDER = /\{(\w+)\}/;

/** The fixture of `table` that shows `c` most plainly: the fewest other codes, JSON first, then by name. */
function plainestFixture(
  table: Readonly<Record<string, { codes: readonly string[] }>>,
  c: string,
): string | undefined {
  const candidates = Object.entries(table)
    .filter(([, e]) => e.codes.includes(c))
    .sort(
      ([a, ea], [b, eb]) =>
        new Set(ea.codes).size - new Set(eb.codes).size ||
        Number(!a.endsWith(".json")) - Number(!b.endsWith(".json")) ||
        a.localeCompare(b),
    );
  return candidates[0]?.[0];
}

function formatOf(file: string): "json" | "yaml" | "auto" {
  return /\.json$/.test(file) ? "json" : /\.ya?ml$/.test(file) ? "yaml" : "auto";
}

function documentExample(c: string, problems: string[]): string | undefined {
  const name = plainestFixture(EXPECTED, c);
  if (name === undefined) return undefined;
  const expectation = EXPECTED[name];
  const text = readFileSync(join(FIXTURES, name), "utf8");
  const result = validateSupportText(text, { format: formatOf(name), ...expectation?.options });
  const d = result.diagnostics.find((x) => x.code === c);
  if (!d) {
    problems.push(`${c}: the fixture ${name} no longer produces it`);
    return "";
  }
  const path = `test/fixtures/documents/${name}`;
  const options = expectation?.options
    ? ` (validated with ${Object.entries(expectation.options)
        .map(([k, v]) => `\`${k}: ${JSON.stringify(v)}\``)
        .join(", ")})`
    : "";
  const note = expectation?.note ? ` - ${md(expectation.note)}` : "";
  const lang = name.endsWith(".json") ? "json" : name.endsWith(".yaml") ? "yaml" : "html";
  return [
    `- **Example:** [\`${name}\`](${link(path)})${options}${note}`,
    "",
    indent(excerpt(text, d.line, lang)),
    "",
    `  reports at ${position(d)}${d.path !== undefined ? ` (path ${code(d.path === "" ? '""' : d.path)})` : ""}: ${md(d.message)}`,
  ].join("\n");
}

function configExample(
  c: string,
  config: string,
  command: string | undefined,
  problems: string[],
): string {
  const result = parseConfig(config, { fileName: "matrix-support.yaml" });
  const d = result.diagnostics.find((x) => x.code === c);
  if (!d) {
    problems.push(`${c}: its example config no longer produces it`);
    return "";
  }
  return [
    `- **Example:** \`${command ?? "matrix-support validate matrix-support.yaml"}\` with`,
    "",
    indent(excerpt(config, undefined, "yaml")),
    "",
    `  reports at ${position(d)}: ${md(d.message)}`,
  ].join("\n");
}

function roomExample(c: string, problems: string[]): string | undefined {
  const name = plainestFixture(ROOM_EXPECTED, c);
  if (name === undefined) return undefined;
  const text = readFileSync(join(ROOM_FIXTURES, name), "utf8");
  const format = formatOf(name);
  const result = validateRoomContactsSource(parseSource(text, { format }));
  const d = result.diagnostics.find((x) => x.code === c);
  if (!d) {
    problems.push(`${c}: the room-contacts fixture ${name} no longer produces it`);
    return "";
  }
  const note = ROOM_EXPECTED[name]?.note;
  const lang = name.endsWith(".json") ? "json" : "yaml";
  return [
    `- **Example:** [\`${name}\`](${link(`test/fixtures/room-contacts/${name}`)}), as \`matrix-support validate --as room-contacts\` reads it${note ? ` - ${md(note)}` : ""}`,
    "",
    indent(excerpt(text, d.line, lang)),
    "",
    `  reports at ${position(d)}${d.path !== undefined ? ` (path ${code(d.path === "" ? '""' : d.path)})` : ""}: ${md(d.message)}`,
  ].join("\n");
}

interface CompareCase {
  name: string;
  rule: string;
  before: SupportDocument | null;
  after: SupportDocument | null;
}

let compareCases: CompareCase[] | undefined;

/** The comparison case that shows `c` most plainly: the fewest changes, then in file order. */
function compareExample(c: string, problems: string[]): string | undefined {
  compareCases ??= JSON.parse(readFileSync(join(ROOT, COMPARE_CASES), "utf8")) as CompareCase[];
  const runs = compareCases
    .map((k) => ({ k, changes: compareSupport(k.before, k.after, { low: true }).changes }))
    .filter((r) => r.changes.some((x) => x.code === c))
    .sort((a, b) => a.changes.length - b.changes.length);
  const run = runs[0];
  if (!run) return undefined;
  const change = run.changes.find((x) => x.code === c);
  if (!change) {
    problems.push(`${c}: its comparison case no longer produces it`);
    return "";
  }
  return [
    `- **Example:** the case \`${run.k.name}\` of [\`cases.json\`](${link(COMPARE_CASES)}): ${md(run.k.rule)}`,
    "",
    `  Reported with risk **${change.risk}**${change.risk === "low" ? " (with `{ low: true }`)" : ""}: ${md(change.message)}`,
  ].join("\n");
}

function serverNameExample(c: string, input: string, command: string, problems: string[]): string {
  const read = serverNameFromInput(input);
  const d = read.ok ? read.notes.find((x) => x.code === c) : read.diagnostic;
  if (!d || d.code !== c) {
    problems.push(`${c}: its example server name no longer produces it`);
    return "";
  }
  return `- **Example:** \`${command}\`\n\n  Reported as: ${md(d.message)}`;
}

function triggerExample(
  c: string,
  area: Area,
  trigger: string,
  params: Record<string, string | number> | undefined,
  problems: string[],
): string {
  const d = diagnosticFrom(area.entries)(c, undefined, params);
  const left = PLACEHOLDER.exec(`${d.message} ${d.hint ?? ""}`);
  if (left) problems.push(`${c}: its example has no value for {${left[1]}}`);
  return `- **Example:** ${trigger}\n\n  Reported as: ${md(d.message)}`;
}

const indent = (block: string) =>
  block
    .split("\n")
    .map((l) => (l === "" ? l : `  ${l}`))
    .join("\n");

/** The page, and what is wrong with the examples (empty when all is well). */
export async function generateDiagnosticsReference(): Promise<{
  text: string;
  problems: string[];
}> {
  const areas = await loadAreas();
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const area of areas) for (const c of Object.keys(area.entries)) seen.add(c);
  for (const c of Object.keys(CATALOGUE))
    if (!seen.has(c)) problems.push(`${c}: in CATALOGUE but in no area file's *_CODES`);
  for (const c of Object.keys(EXAMPLES))
    if (!seen.has(c)) problems.push(`${c}: has an example but is not in the catalogue`);

  const total = seen.size;
  const out: string[] = [
    "<!-- Generated by `npm run docs:diagnostics` (scripts/docs-diagnostics.ts) from packages/lib/src/core/catalogue/. Do not edit: change the catalogue, a fixture or scripts/diagnostics-examples.ts, then run the command again. -->",
    "",
    "# Diagnostics reference",
    "",
    `Every finding of matrix-support, from the library, the command line, the server and the web checker alike, is a diagnostic with a stable code from one catalogue. This page lists all ${total} codes, by area, with the severity, the message and hint (as templates: \`{name}\` is filled in per finding), the spec section it cites, and an example that triggers it.`,
    "",
    "One shape everywhere (`--json`, `/api/check`, the library):",
    "",
    "```json",
    "{",
    '  "code": "ROLE_MISSING",',
    '  "severity": "error",',
    '  "path": "/contacts/0",',
    '  "message": "The contact has no \\"role\\"; it is required",',
    '  "hint": "Use \\"m.role.admin\\" for general queries or \\"m.role.security\\" for security reports.",',
    '  "spec": "https://spec.matrix.org/latest/client-server-api/#getwell-knownmatrixsupport",',
    '  "line": 3,',
    '  "column": 5',
    "}",
    "```",
    "",
    "- `severity`: `error` breaks a MUST of the spec, or stops the thing from working; `warning` works but will surprise someone (and fails `validate --strict`); `info` is worth knowing.",
    '- `path`: a JSON Pointer (RFC 6901) into the document (`""` is the whole document); absent when the finding is not about the document (the transport, the web checker, the scan).',
    "- `line`, `column`: 1-based, present when the document came from text.",
    "- `hint`, `spec`: present when the catalogue has them.",
    "",
    "On a terminal the same finding reads `file:line:col  severity  message  (CODE)`, with the path, hint and spec link under it.",
    "",
    "Codes are stable: a code is never reused for another meaning. Messages and hints may be reworded.",
    "",
    "## Areas",
    "",
  ];
  for (const area of areas) {
    const meta = AREAS[area.name];
    const title = meta?.title ?? area.name[0]?.toUpperCase() + area.name.slice(1);
    out.push(
      `- [${title}](#${title
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, "")
        .replace(/ /g, "-")}): ${Object.keys(area.entries).length} codes`,
    );
  }
  out.push("");

  for (const area of areas) {
    const meta = AREAS[area.name];
    const title = meta?.title ?? area.name[0]?.toUpperCase() + area.name.slice(1);
    out.push(`## ${title}`, "");
    if (meta) out.push(meta.intro, "");
    out.push(
      `Defined in [\`catalogue/${area.name}.ts\`](${link(`packages/lib/src/core/catalogue/${area.name}.ts`)}).`,
      "",
      "| code | severity | message |",
      "|---|---|---|",
    );
    for (const [c, entry] of Object.entries(area.entries))
      out.push(`| [${c}](#${anchor(c)}) | ${entry.severity} | ${md(entry.message)} |`);
    out.push("");
    for (const [c, entry] of Object.entries(area.entries)) {
      out.push(`### ${c}`, "");
      out.push(`- **Severity:** ${entry.severity}`);
      out.push(`- **Message:** ${md(entry.message)}`);
      if (entry.hint) out.push(`- **Hint:** ${md(entry.hint)}`);
      if (entry.spec) out.push(`- **Spec:** <${entry.spec}>`);
      const example = EXAMPLES[c];
      let shown: string | undefined;
      if (area.name === "document") shown = documentExample(c, problems);
      if (area.name === "room") shown = roomExample(c, problems);
      if (area.name === "compare") shown = compareExample(c, problems);
      if (shown === undefined && example !== undefined) {
        shown =
          "config" in example
            ? configExample(c, example.config, example.command, problems)
            : "serverName" in example
              ? serverNameExample(c, example.serverName, example.command, problems)
              : triggerExample(c, area, example.trigger, example.params, problems);
      }
      if (shown === undefined)
        problems.push(
          `${c}: no example (add a fixture, or an entry in scripts/diagnostics-examples.ts)`,
        );
      else if (shown !== "") out.push(shown);
      out.push("");
    }
  }
  return { text: `${out.join("\n").trimEnd()}\n`, problems };
}

/** Where the public union of the codes goes: the API report lists codes, not every message. */
export const CODES_OUTPUT = "packages/lib/src/core/catalogue/codes.ts";

/** The module declaring `DiagnosticCode`: every code of the catalogue in its order, with its severity. */
export function diagnosticCodesModule(): string {
  const codes = Object.entries(CATALOGUE).map(
    ([code, entry]) => `  readonly ${code}: "${entry.severity}";`,
  );
  return [
    "/**",
    " * Every code of the diagnostics catalogue and its severity, written by `npm run docs:diagnostics`",
    " * from ./index.ts; it does not compile when the two differ (see `CodesInStep` there). One code",
    " * per line, so a code added, removed or made more severe is a one-line change in the API report.",
    " */",
    "export interface DiagnosticSeverities {",
    ...codes,
    "}",
    "",
    '/** A code of the catalogue, e.g. `"ROLE_MISSING"`. */',
    "export type DiagnosticCode = keyof DiagnosticSeverities;",
    "",
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { text, problems } = await generateDiagnosticsReference();
  if (problems.length > 0) {
    process.stderr.write(
      `docs:diagnostics: ${problems.length} problem(s):\n  ${problems.join("\n  ")}\n`,
    );
    process.exitCode = 1;
  } else {
    writeFileSync(join(ROOT, OUTPUT), text);
    writeFileSync(join(ROOT, CODES_OUTPUT), diagnosticCodesModule());
    process.stdout.write(`wrote ${OUTPUT} and ${CODES_OUTPUT}\n`);
  }
}

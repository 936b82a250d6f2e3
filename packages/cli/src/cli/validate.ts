// Only what a JSON document needs is imported here: the YAML and TOML parsers load when the input
// is YAML, TOML or a config (the cold start of `validate file.json` has a budget; see docs/benchmarks.md).
import { detectConfigFormat, looksLikeConfig } from "../../../lib/src/config/detect.js";
import { INPUT_CODES } from "../../../lib/src/core/catalogue/input.js";
import {
  type Diagnostic,
  diagnosticFrom,
  hasErrors,
  sortDiagnostics,
} from "../../../lib/src/core/diagnostics.js";
import {
  detectFormat,
  type ParsedSource,
  parseJsonSource,
} from "../../../lib/src/core/json-source.js";
import { isRoomContacts, validateRoomContactsSource } from "../../../lib/src/core/room-contacts.js";
import { validateSource } from "../../../lib/src/core/validate.js";
import { readInput } from "../files.js";
import { serverNameArgument } from "./args.js";
import type { CommandSpec } from "./command.js";
import {
  colours,
  EXIT_FAIL,
  EXIT_OK,
  EXIT_USAGE,
  formatDiagnostic,
  printJson,
  safe,
  summarise,
  writeErr,
  writeOut,
} from "./output.js";

/** What `--as` can name; without it the file's own shape decides. */
export const VALIDATE_KINDS = ["support", "config", "room-contacts"] as const;
type Kind = (typeof VALIDATE_KINDS)[number];

interface Options {
  json?: boolean;
  strict?: boolean;
  serverName?: string;
  as?: Kind;
}

// Its own area of the catalogue, not all of it (the cold start of `validate` has a budget).
const diagnostic = diagnosticFrom(INPUT_CODES);

const KIND_LABEL: Readonly<Record<Kind, string>> = {
  support: "document",
  config: "config",
  "room-contacts": "room contacts",
};

export const spec: CommandSpec = {
  name: "validate",
  description:
    "Validate a support document (JSON or YAML) or a matrix-support config (YAML, JSON or TOML)",
  arguments: [{ name: "<file>", description: "the file to check, or - for standard input" }],
  options: [
    { flags: "--json", description: "print { valid, diagnostics } as JSON" },
    { flags: "--strict", description: "count warnings as errors" },
    {
      flags: "--server-name <name>",
      description: "the server the document describes (enables the backup-contact check)",
    },
    {
      flags: "--as <kind>",
      description:
        "what the file is, instead of telling it from its keys: support (a support document), config, or room-contacts (an MSC4489 m.room.contact event, its content, or an MSC4490 rejection)",
      choices: VALIDATE_KINDS,
    },
  ],
  action: (file: string, options: Options) => validateCommand(file, options),
};

export async function validateCommand(file: string, options: Options): Promise<number> {
  let serverName: string | undefined;
  if (options.serverName !== undefined) {
    const read = serverNameArgument(options.serverName, "--server-name");
    if (!read.ok) {
      writeErr(`matrix-support validate: ${safe(read.message)}\n`);
      return EXIT_USAGE;
    }
    serverName = read.serverName;
  }
  // Refused by size before reading (1 MiB), decoded as strict UTF-8: either is an invalid text.
  const read = await readInput(file);
  if (!read.ok && read.kind === "unreadable") {
    writeErr(`matrix-support validate: ${safe(read.message)}\n`);
    return EXIT_USAGE;
  }
  const name = file === "-" ? "<stdin>" : file;
  if (!read.ok) {
    const kind = /\.toml$/i.test(file) ? "config" : "support";
    return report([read.diagnostic], name, kind, options);
  }
  const text = read.text;
  const format = /\.json$/i.test(file) ? "json" : /\.ya?ml$/i.test(file) ? "yaml" : "auto";
  let diagnostics: Diagnostic[];
  let kind: Kind = "support";
  // TOML is only ever a config: told by the extension, or by the text when the name says nothing
  // (standard input, `.conf`), as serve and export tell it. Valid JSON wins: `[1]` is both a JSON
  // array and a TOML table header.
  let source: ParsedSource | undefined;
  if (!/\.toml$/i.test(file)) {
    const json =
      format === "json" || (format === "auto" && detectFormat(text) === "json")
        ? parseJsonSource(text)
        : undefined;
    const toml =
      format === "auto" && json?.value === undefined && detectConfigFormat(text) === "toml";
    if (!toml) source = json ?? (await import("../config/source.js")).parseSource(text, { format });
  }
  if (options.as !== undefined && options.as !== "config" && !source) {
    const d = diagnostic("FLAG_AS_TOML", undefined, {
      flag: "--as",
      value: options.as,
      file: name,
    });
    writeErr(`matrix-support validate: ${safe(d.message)}\n`);
    return EXIT_USAGE;
  }
  if (
    source === undefined ||
    options.as === "config" ||
    (options.as === undefined && looksLikeConfig(source.value))
  ) {
    kind = "config";
    const { parseConfig } = await import("../config/parse.js");
    const parsed = parseConfig(text, { fileName: file, serverName: serverName || undefined });
    // A config names its own server; --server-name may only stand in for a missing server_name.
    const named = parsed.config?.server_name;
    if (serverName !== undefined && named !== undefined && named !== serverName) {
      const d = diagnostic("FLAG_SERVER_NAME_DIFFERS", undefined, {
        flag: "--server-name",
        value: serverName,
        config: named,
      });
      writeErr(`matrix-support validate: ${safe(d.message)}\n`);
      return EXIT_USAGE;
    }
    diagnostics = parsed.diagnostics;
  } else if (
    options.as === "room-contacts" ||
    (options.as === undefined && isRoomContacts(source.value))
  ) {
    kind = "room-contacts";
    diagnostics = validateRoomContactsSource(source).diagnostics;
  } else {
    diagnostics = validateSource(source, serverName ? { serverName } : {}).diagnostics;
  }
  return report(diagnostics, name, kind, options);
}

function report(found: Diagnostic[], name: string, kind: Kind, options: Options): number {
  const diagnostics = sortDiagnostics(found);
  const valid = !hasErrors(diagnostics, options.strict);
  if (options.json) {
    printJson({ valid, diagnostics });
  } else {
    const c = colours();
    for (const d of diagnostics) writeOut(formatDiagnostic(d, name, c));
    const shown = safe(name);
    const label = KIND_LABEL[kind];
    const verdict = valid
      ? c.green(`${shown}: valid ${label}`)
      : c.red(`${shown}: invalid ${label}`);
    writeOut(`${diagnostics.length > 0 ? "\n" : ""}${verdict} (${summarise(diagnostics, c)})\n`);
  }
  return valid ? EXIT_OK : EXIT_FAIL;
}

/**
 * The command line read against a command's spec, and the help text rendered from it. Node's own
 * `parseArgs` splits the words (`--flag=value`, `-yh`, `--`); the rules are ours: a flag that
 * takes a value takes the next word whatever it looks like (`--timeout -5` is then refused by the
 * flag's own check, naming the flag), unknown flags get a "did you mean", `--help` wins.
 */
import { parseArgs } from "node:util";
import { suggestKey } from "../../../lib/src/core/suggest.js";
import type { ArgumentSpec, CommandSpec, OptionSpec } from "./command.js";

/** What the command line asks for. Messages may quote the user's words: escape them to print. */
export type CommandLine =
  | { kind: "run"; args: unknown[]; options: Record<string, unknown> }
  | { kind: "help" }
  | { kind: "error"; message: string };

interface Flag {
  spec: OptionSpec;
  long: string;
  short: string | undefined;
  /** The value's placeholder (`<ms>`); undefined for a switch. */
  placeholder: string | undefined;
  /** The options key: `server-name` is `serverName`, `no-progress` is `progress`. */
  key: string;
  negated: boolean;
}

const FLAGS = /^(?:-([A-Za-z]), )?--([a-z][a-z0-9-]*)(?: (<[^>]+>))?$/;

const camelCase = (name: string): string =>
  name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Reads `-y, --yes` or `--timeout <ms>`; a spec the parser cannot read is a bug, thrown. */
export function readFlag(spec: OptionSpec): Flag {
  const m = FLAGS.exec(spec.flags);
  if (!m) throw new Error(`cannot read the flag spec "${spec.flags}"`);
  const long = m[2] as string;
  const negated = long.startsWith("no-") && m[3] === undefined;
  return {
    spec,
    long,
    short: m[1],
    placeholder: m[3],
    key: camelCase(negated ? long.slice(3) : long),
    negated,
  };
}

/** `<file>` -> required, `[file]` -> optional, `...` -> the rest of the words. */
function readArgument(spec: ArgumentSpec): { name: string; required: boolean; variadic: boolean } {
  const variadic = spec.name.endsWith("...]") || spec.name.endsWith("...>");
  return {
    name: spec.name.slice(1, variadic ? -4 : -1),
    required: spec.name.startsWith("<"),
    variadic,
  };
}

/** A repeatable flag's `parse`: every value given, in order. */
export const collect = (value: string, previous: readonly string[] = []): string[] => [
  ...previous,
  value,
];

const HELP: OptionSpec = { flags: "-h, --help", description: "display help for command" };

/**
 * Reads `words` (what follows the command's name) against `command`. A flag's `parse` may throw
 * (a UsageError naming the flag); everything else wrong is an `error` result.
 */
export function parseCommandLine(command: CommandSpec, words: readonly string[]): CommandLine {
  const flags = command.options.map(readFlag);
  const byName = new Map<string, Flag>();
  const config: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const flag of [...flags, readFlag(HELP)]) {
    byName.set(flag.long, flag);
    if (flag.short) byName.set(flag.short, flag);
    config[flag.long] = {
      type: flag.placeholder ? "string" : "boolean",
      ...(flag.short ? { short: flag.short } : {}),
    };
  }
  // Not strict: a value that starts with "-" is still the flag's value, and unknown flags are
  // reported here, with a suggestion.
  const { tokens } = parseArgs({
    args: [...words],
    options: config,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  if (tokens.some((t) => t.kind === "option" && byName.get(t.name)?.long === "help"))
    return { kind: "help" };

  const options: Record<string, unknown> = {};
  for (const flag of flags) {
    if (flag.negated) options[flag.key] = true;
    else if (flag.spec.default !== undefined) options[flag.key] = flag.spec.default;
  }
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    const flag = byName.get(token.name);
    if (!flag) return { kind: "error", message: unknownFlag(token.rawName, flags) };
    if (flag.placeholder === undefined) {
      if (token.inlineValue)
        return {
          kind: "error",
          message: `${token.rawName} takes no value (given "${token.value}")`,
        };
      options[flag.key] = !flag.negated;
      continue;
    }
    if (token.value === undefined)
      return { kind: "error", message: `${flag.spec.flags} needs a value after it` };
    const choices = flag.spec.choices;
    if (choices && !choices.includes(token.value))
      return {
        kind: "error",
        message: `${token.rawName} must be one of ${choices.join(", ")}, not "${token.value}"`,
      };
    options[flag.key] = flag.spec.parse
      ? flag.spec.parse(token.value, options[flag.key] as never)
      : token.value;
  }
  for (const flag of flags)
    if (flag.spec.required && options[flag.key] === undefined)
      return { kind: "error", message: `${flag.spec.flags} is required` };

  const args: unknown[] = [];
  let next = 0;
  for (const spec of command.arguments ?? []) {
    const arg = readArgument(spec);
    const taken = arg.variadic ? positionals.slice(next) : positionals.slice(next, next + 1);
    next += taken.length;
    if (arg.required && taken.length === 0)
      return { kind: "error", message: `needs ${spec.name}: ${spec.description}` };
    args.push(arg.variadic ? taken : taken[0]);
  }
  if (next < positionals.length) {
    const expected = command.arguments?.length ?? 0;
    const extra = positionals[next] as string;
    return {
      kind: "error",
      message:
        expected === 0
          ? `takes no arguments, but was given "${extra}"`
          : `takes ${expected === 1 ? "one argument" : `${expected} arguments`}; "${extra}" is one too many`,
    };
  }
  return { kind: "run", args, options };
}

function unknownFlag(raw: string, flags: readonly Flag[]): string {
  const known = flags.map((f) => f.long);
  const near = raw.startsWith("--") ? suggestKey(raw.slice(2).split("=")[0] as string, known) : "";
  return `unknown flag ${raw}${near ? ` (did you mean --${near}?)` : ""}`;
}

// ---- help ----

/** Two columns: the terms, then their descriptions wrapped to `width`, as `--help` prints them. */
function columns(rows: readonly (readonly [string, string])[], width: number): string {
  const termWidth = Math.max(...rows.map(([term]) => term.length));
  const room = width - termWidth - 4;
  return rows
    .map(([term, text]) => {
      const lines = room >= 30 ? wrap(text, room) : [text];
      const indent = " ".repeat(termWidth + 4);
      return `  ${term.padEnd(termWidth)}  ${lines.join(`\n${indent}`)}`;
    })
    .join("\n");
}

/** Words into lines of at most `width` (a longer word stays whole). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}

function usage(command: CommandSpec): string {
  return [command.name, "[options]", ...(command.arguments ?? []).map((a) => a.name)].join(" ");
}

function optionText(spec: OptionSpec): string {
  // A list default ([] for repeatable flags) says nothing; choices are named by the description.
  const d = spec.default;
  if (typeof d === "string") return `${spec.description} (default: "${d}")`;
  if (typeof d === "number") return `${spec.description} (default: ${d})`;
  return spec.description;
}

/** `matrix-support NAME --help`. */
export function commandHelp(command: CommandSpec, width = 80): string {
  const parts = [`Usage: matrix-support ${usage(command)}`, command.description];
  const args = command.arguments ?? [];
  if (args.length > 0)
    parts.push(
      `Arguments:\n${columns(
        args.map((a) => [readArgument(a).name, a.description]),
        width,
      )}`,
    );
  parts.push(
    `Options:\n${columns(
      [...command.options, HELP].map((o) => [o.flags, optionText(o)]),
      width,
    )}`,
  );
  if (command.helpAfter) parts.push(command.helpAfter);
  return `${parts.join("\n\n")}\n`;
}

/** `matrix-support --help`: every command, with its usage and what it does. */
export function programHelp(
  description: string,
  commands: readonly CommandSpec[],
  width = 80,
): string {
  return `${[
    "Usage: matrix-support [options] [command]",
    description,
    `Options:\n${columns(
      [
        ["-V, --version", "output the version number"],
        ["-h, --help", "display help for command"],
      ],
      width,
    )}`,
    `Commands:\n${columns(
      [
        ...commands.map((c): [string, string] => [usage(c), c.description]),
        ["help [command]", "display help for command"],
      ],
      width,
    )}`,
  ].join("\n\n")}\n`;
}

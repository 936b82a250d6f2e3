/**
 * How `init` writes its config: rendered in the format the file name asks for, validated before
 * writing (a config that would not load as built is never written), written atomically, then read
 * back and parsed as `serve` will. Never overwrites a file unless told to.
 */
import { stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { canonicalJson } from "../../../lib/src/core/canonical-json.js";
import {
  type Diagnostic,
  diagnostic,
  hasErrors,
  sortDiagnostics,
} from "../../../lib/src/core/index.js";
import { type Config, parseConfig } from "../config/index.js";
import type { Placed } from "../diagnostic-text.js";
import { describeFsError, readText } from "../files.js";
import { buildConfig, type InitAnswers } from "./answers.js";
import { formatFor, renderConfig } from "./formats.js";

/**
 * Written: the findings about the file as read back (warnings and notes, sorted). Not written:
 * `invalid` when the values cannot make a valid config or the file is there, `io` when the file
 * system refused; the diagnostics say which and why.
 */
export type WriteResult =
  | { ok: true; findings: Diagnostic[] }
  | { ok: false; problem: "invalid" | "io"; diagnostics: Placed[] };

export interface WritePlan {
  answers: InitAnswers;
  /** The absolute path to write. */
  file: string;
  /** The path as the user gave it: named in messages and in the file's comments. */
  shown: string;
  /** Replace the file if it exists. */
  force?: boolean | undefined;
  /** The URL `--from` started from, named in a comment. */
  from?: string | undefined;
  /** Writes atomically (tests replace it). */
  write: (file: string, text: string) => Promise<void>;
}

/** INIT_FILE_EXISTS when the file is there and --force is not given, else undefined. */
export async function refuseExisting(
  file: string,
  shown: string,
  force: boolean | undefined,
): Promise<Diagnostic | undefined> {
  if (force) return undefined;
  try {
    await stat(file);
  } catch {
    return undefined;
  }
  return diagnostic("INIT_FILE_EXISTS", undefined, { file: shown });
}

const invalid = (diagnostics: Placed[]): WriteResult => ({
  ok: false,
  problem: "invalid",
  diagnostics,
});
const io = (d: Diagnostic): WriteResult => ({
  ok: false,
  problem: "io",
  diagnostics: [{ diagnostic: d }],
});

/** Renders, validates, writes and reads back the config of `plan.answers`. */
export async function writeConfig(plan: WritePlan): Promise<WriteResult> {
  const { answers, file, shown } = plan;
  const built = buildConfig(answers);
  let text: string;
  try {
    text = renderConfig(answers, formatFor(file), {
      schemaRef: await schemaUrl(),
      fileName: shellWord(shown),
      from: plan.from,
    });
  } catch {
    // Only TOML can refuse a value (e.g. a null kept from --from); nothing is written then.
    return invalid([{ diagnostic: diagnostic("INIT_NOT_WRITTEN", undefined) }]);
  }
  // Validate before writing: a config that would not load as built is never written.
  const planned = parseConfig(text, { fileName: file });
  if (hasErrors(planned.diagnostics) || !sameConfig(planned.config, built))
    return invalid([
      ...planned.diagnostics.map((d) => ({ diagnostic: d, where: shown })),
      { diagnostic: diagnostic("INIT_NOT_WRITTEN", undefined) },
    ]);

  // Checked again just before writing, in case the file appeared while the wizard was open.
  const exists = await refuseExisting(file, shown, plan.force);
  if (exists) return invalid([{ diagnostic: exists }]);
  try {
    await plan.write(file, text);
  } catch (error) {
    return io(
      diagnostic("INIT_WRITE_FAILED", undefined, { file: shown, reason: describeFsError(error) }),
    );
  }

  // Validate what was written: read it back and parse it as `serve` will.
  let written: string;
  try {
    written = await readText(file);
  } catch (error) {
    return io(
      diagnostic("INIT_READ_BACK", undefined, { file: shown, reason: describeFsError(error) }),
    );
  }
  const loaded = parseConfig(written, { fileName: file });
  if (hasErrors(loaded.diagnostics))
    return invalid([
      ...loaded.diagnostics.map((d) => ({ diagnostic: d, where: shown })),
      {
        diagnostic: diagnostic("INIT_READ_BACK", undefined, {
          file: shown,
          reason: "it does not validate",
        }),
      },
    ]);
  if (!sameConfig(loaded.config, built)) {
    const reason = "it holds other values than the answers";
    return invalid([
      { diagnostic: diagnostic("INIT_READ_BACK", undefined, { file: shown, reason }) },
    ]);
  }
  return { ok: true, findings: sortDiagnostics(loaded.diagnostics) };
}

/** Same values, whatever the key order (TOML reorders), leaving out the editor-only `$schema` key. */
export function sameConfig(loaded: Config | null, built: Config): boolean {
  const values = (config: Config | null): unknown =>
    JSON.parse(JSON.stringify(config, (key, value) => (key === "$schema" ? undefined : value)));
  return canonicalJson(values(loaded)) === canonicalJson(values(built));
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
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

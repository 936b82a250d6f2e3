import { isAbsolute, join, resolve } from "node:path";
import { diagnostic, hasErrors, sortDiagnostics } from "../../../lib/src/core/index.js";
import { InputError, loadConfigFile } from "../config/file.js";
import {
  DEFAULT_TARGETS,
  EXPORT_TARGETS,
  type ExportTarget,
  isExportTarget,
  renderExport,
  TARGET_FILES,
} from "../export/index.js";
import { checkExport, EXPORT_MANIFEST, writeExport } from "../export/write.js";
import type { CommandSpec } from "./command.js";
import {
  colours,
  EXIT_FAIL,
  EXIT_OK,
  EXIT_USAGE,
  formatDiagnostic,
  safe,
  UsageError,
  writeErr,
  writeOut,
} from "./output.js";

interface Options {
  config: string;
  out: string;
  target?: ExportTarget[];
  check?: boolean;
  force?: boolean;
  webRoot?: string;
}

/** `--target nginx,caddy` and `--target nginx --target caddy` both work. */
function collectTargets(value: string, previous: ExportTarget[] | undefined): ExportTarget[] {
  const out = [...(previous ?? [])];
  for (const name of value.split(",").map((s) => s.trim().toLowerCase())) {
    if (name === "") continue;
    if (!isExportTarget(name))
      throw new UsageError(
        diagnostic("FLAG_UNKNOWN_TARGET", undefined, {
          flag: "--target",
          value: name,
          choices: EXPORT_TARGETS.join(", "),
        }).message,
      );
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

const targets = EXPORT_TARGETS.map((t) => `${t} (${TARGET_FILES[t]})`).join(", ");

export const spec: CommandSpec = {
  name: "export",
  description:
    "Write the config as the web root's files (.well-known/matrix/*, and _headers for Netlify/Cloudflare Pages) and, with --target, ready-to-include snippets for nginx, Caddy, Apache, tuwunel and continuwuity/conduwuit. Never removes a file it did not write, nor overwrites one without --force",
  options: [
    {
      flags: "--config <file>",
      description: "the matrix-support config (YAML, JSON or TOML), or a bare support document",
      required: true,
    },
    {
      flags: "--out <dir>",
      description: `the directory to write into (created if missing); ${EXPORT_MANIFEST} there lists what export wrote`,
      required: true,
    },
    {
      flags: "--target <names>",
      description: `the targets to write, comma-separated or repeated: ${targets} (default: ${DEFAULT_TARGETS.join(", ")}, what belongs in the web root). README.txt comes with the snippets`,
      parse: collectTargets,
    },
    {
      flags: "--force",
      description:
        "overwrite files that export did not write, or that were changed since (it never removes them)",
    },
    {
      flags: "--check",
      description:
        "write nothing; exit 1 when the files in --out differ from what the config produces",
    },
    {
      flags: "--web-root <dir>",
      description:
        "absolute path where --out's files live on the web server (apache.conf serves them from there; default: --out)",
    },
  ],
  action: (options: Options) => exportCommand(options),
};

export async function exportCommand(options: Options): Promise<number> {
  // `--target ,` names nothing: refused rather than taken as "every target".
  if (options.target !== undefined && options.target.length === 0)
    throw new UsageError(
      diagnostic("FLAG_NO_TARGET", undefined, {
        flag: "--target",
        choices: EXPORT_TARGETS.join(", "),
      }).message,
    );
  if (options.webRoot !== undefined && !isAbsolute(options.webRoot))
    throw new UsageError(
      diagnostic("FLAG_NOT_ABSOLUTE", undefined, { flag: "--web-root", value: options.webRoot })
        .message,
    );
  const c = colours(process.stderr);
  let loaded: Awaited<ReturnType<typeof loadConfigFile>>;
  try {
    loaded = await loadConfigFile(options.config);
  } catch (error) {
    if (error instanceof InputError) {
      writeErr(`matrix-support export: ${safe(error.message)}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  for (const d of sortDiagnostics(loaded.diagnostics))
    writeErr(formatDiagnostic(d, options.config, c));
  if (loaded.config === null || hasErrors(loaded.diagnostics)) {
    writeErr(c.red(`${safe(options.config)}: invalid config, nothing exported\n`));
    return EXIT_FAIL;
  }

  const result = renderExport(loaded.config, {
    targets: options.target,
    webRoot: options.webRoot ?? resolve(options.out),
  });
  for (const d of result.diagnostics) writeErr(formatDiagnostic(d, options.config, c));

  const show = (rel: string) => join(options.out, ...rel.split("/"));
  if (options.check) {
    const check = await checkExport(options.out, result);
    if (check.error) {
      writeErr(`matrix-support export: ${safe(check.error)}\n`);
      return EXIT_USAGE;
    }
    for (const f of check.missing) writeOut(`missing  ${show(f)}\n`);
    for (const f of check.differs) writeOut(`differs  ${show(f)}\n`);
    for (const f of check.stale)
      writeOut(`stale    ${show(f)} (the config no longer publishes it)\n`);
    for (const f of check.kept)
      writeErr(
        formatDiagnostic(diagnostic("EXPORT_KEPT", undefined, { file: show(f) }), undefined, c),
      );
    writeOut(
      check.upToDate
        ? `${options.out}: up to date with ${options.config}\n`
        : `${options.out}: out of date; run matrix-support export --config ${options.config} --out ${options.out}\n`,
    );
    return check.upToDate ? EXIT_OK : EXIT_FAIL;
  }

  const written = await writeExport(options.out, result, { force: options.force === true });
  for (const d of written.diagnostics) writeErr(formatDiagnostic(d, undefined, c));
  if (!written.ok) return EXIT_FAIL;
  for (const f of written.written) writeOut(`wrote    ${show(f)}\n`);
  for (const f of written.unchanged) writeOut(`same     ${show(f)}\n`);
  for (const f of written.removed)
    writeOut(`removed  ${show(f)} (the config no longer publishes it)\n`);
  // Last: the targets left out, and how to ask for them.
  const left = EXPORT_TARGETS.filter((t) => !result.targets.includes(t));
  if (left.length > 0)
    writeOut(
      formatDiagnostic(
        diagnostic("EXPORT_NOT_REQUESTED", undefined, {
          targets: left.map((t) => `${t} (${TARGET_FILES[t]})`).join(", "),
          example: left.find((t) => t !== "files") ?? left[0] ?? "",
        }),
        undefined,
        colours(process.stdout),
      ),
    );
  return EXIT_OK;
}

/**
 * The library's public surface, one API Extractor report per entry point, committed in
 * `packages/lib/api/`: any change to an exported name or type is a visible diff in review.
 *
 *   npm run api:report          rewrites the reports from the built declarations
 *   npm run api:report -- --check  fails when a report differs from the build (the test does this)
 *
 * Run `npm run build` first: the reports are read from `packages/lib/dist/**.d.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
  type ExtractorMessage,
} from "@microsoft/api-extractor";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const lib = join(root, "packages/lib");
/** The package's entry points (its `exports`), by report name. */
export const ENTRY_POINTS = { core: "core", discover: "discover", server: "server", node: "node" };

export interface ReportOutcome {
  entry: string;
  ok: boolean;
  /** The report differs from the committed one (only with `check`). */
  changed: boolean;
  problems: string[];
}

export function apiReports(check: boolean): ReportOutcome[] {
  const temp = mkdtempSync(join(tmpdir(), "api-report-"));
  try {
    return Object.entries(ENTRY_POINTS).map(([name, dir]) => {
      const config = ExtractorConfig.prepare({
        configObjectFullPath: undefined,
        packageJsonFullPath: join(lib, "package.json"),
        configObject: {
          projectFolder: lib,
          mainEntryPointFilePath: join(lib, "dist", dir, "index.d.ts"),
          compiler: {
            overrideTsconfig: {
              compilerOptions: {
                target: "ES2022",
                module: "NodeNext",
                moduleResolution: "NodeNext",
                lib: ["ES2023", "DOM", "DOM.Iterable"],
                types: ["node"],
                strict: true,
                exactOptionalPropertyTypes: true,
                skipLibCheck: true,
              },
              include: [join(lib, "dist")],
            },
          },
          apiReport: {
            enabled: true,
            reportFileName: `${name}.api.md`,
            reportFolder: join(lib, "api"),
            reportTempFolder: temp,
          },
          docModel: { enabled: false },
          dtsRollup: { enabled: false },
          tsdocMetadata: { enabled: false },
          messages: {
            // A public signature that names a type the entry point does not export: users could
            // not name it. Every such case is an error, not a footnote in the report.
            extractorMessageReporting: {
              default: { logLevel: ExtractorLogLevel.Warning },
              "ae-forgotten-export": {
                logLevel: ExtractorLogLevel.Error,
                addToApiReportFile: false,
              },
              "ae-missing-release-tag": { logLevel: ExtractorLogLevel.None },
              "ae-undocumented": { logLevel: ExtractorLogLevel.None },
            },
            tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
            compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
          },
          newlineKind: "lf",
        },
      });
      const problems: string[] = [];
      const result = Extractor.invoke(config, {
        localBuild: !check,
        showVerboseMessages: false,
        messageCallback: (message: ExtractorMessage) => {
          if (
            message.logLevel === ExtractorLogLevel.Error ||
            message.logLevel === ExtractorLogLevel.Warning
          )
            problems.push(
              `${message.messageId}: ${message.text} (${message.sourceFilePath ?? ""})`,
            );
          message.handled = true;
        },
      });
      return {
        entry: name,
        ok: result.succeeded && problems.length === 0,
        changed: result.apiReportChanged,
        problems,
      };
    });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  let failed = false;
  for (const outcome of apiReports(check)) {
    const state = outcome.changed ? (check ? "differs" : "updated") : "unchanged";
    console.log(`packages/lib/api/${outcome.entry}.api.md: ${state}`);
    for (const problem of outcome.problems) console.log(`  ${problem}`);
    if (!outcome.ok || (check && outcome.changed)) failed = true;
  }
  if (failed && check)
    console.log("The public API changed: run `npm run build && npm run api:report` and commit it.");
  process.exitCode = failed ? 1 : 0;
}

// Runs a build step when its script is executed directly, printing esbuild's errors readably.
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

/** Calls `build()` if `moduleUrl` is the script node was started with; exit code 1 on failure. */
export async function runIfMain(moduleUrl, name, build) {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  try {
    await build();
  } catch (error) {
    const errors = error?.errors;
    if (Array.isArray(errors) && errors.length > 0) {
      const text = await esbuild.formatMessages(errors, { kind: "error" });
      process.stderr.write(text.join(""));
    } else {
      process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exitCode = 1;
  }
}

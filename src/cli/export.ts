import type { Command } from "commander";
import type { Wrap } from "./program.js";

/** `matrix-support export`: not implemented yet (stub registered so the CLI lists it). */
export function registerExport(program: Command, wrap: Wrap): void {
  program
    .command("export")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(
      wrap(() => {
        process.stderr.write("matrix-support export: not implemented yet\n");
        return 2;
      }),
    );
}

import type { Command } from "commander";
import type { Wrap } from "./program.js";

/** `matrix-support check`: not implemented yet (stub registered so the CLI lists it). */
export function registerCheck(program: Command, wrap: Wrap): void {
  program
    .command("check")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(
      wrap(() => {
        process.stderr.write("matrix-support check: not implemented yet\n");
        return 2;
      }),
    );
}

import type { Command } from "commander";
import type { Wrap } from "./program.js";

/** `matrix-support init`: not implemented yet (stub registered so the CLI lists it). */
export function registerInit(program: Command, wrap: Wrap): void {
  program
    .command("init")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(
      wrap(() => {
        process.stderr.write("matrix-support init: not implemented yet\n");
        return 2;
      }),
    );
}

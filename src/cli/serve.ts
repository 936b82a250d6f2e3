import type { Command } from "commander";
import type { Wrap } from "./program.js";

/** `matrix-support serve`: not implemented yet (stub registered so the CLI lists it). */
export function registerServe(program: Command, wrap: Wrap): void {
  program
    .command("serve")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(
      wrap(() => {
        process.stderr.write("matrix-support serve: not implemented yet\n");
        return 2;
      }),
    );
}

import type { Command } from "commander";
import type { Wrap } from "./program.js";

/** `matrix-support scan` and `report`: not implemented yet (stubs registered so the CLI lists them). */
export function registerScan(program: Command, wrap: Wrap): void {
  program
    .command("scan")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(
      wrap(() => {
        process.stderr.write("matrix-support scan: not implemented yet\n");
        return 2;
      }),
    );
}

export function registerReport(program: Command, wrap: Wrap): void {
  program
    .command("report")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(
      wrap(() => {
        process.stderr.write("matrix-support report: not implemented yet\n");
        return 2;
      }),
    );
}

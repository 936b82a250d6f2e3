/** Runs the CLI in this process (no child, no build needed), capturing what it prints. */
import { vi } from "vitest";
import { run } from "../../packages/cli/src/cli/program.js";

export async function runHere(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation(((
    chunk: unknown,
    ...rest: unknown[]
  ) => {
    out += String(chunk);
    const cb = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    cb?.();
    return true;
  }) as typeof process.stdout.write);
  const e = vi.spyOn(process.stderr, "write").mockImplementation(((chunk: unknown) => {
    err += String(chunk);
    return true;
  }) as typeof process.stderr.write);
  try {
    const code = await run(["node", "matrix-support", ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

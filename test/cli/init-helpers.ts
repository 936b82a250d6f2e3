/** Runs `init` in-process with every stream and dependency replaced. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import { type InitIo, type InitOptions, initCommand } from "../../packages/cli/src/cli/init.js";
import { writeFileAtomic } from "../../packages/cli/src/files.js";
import type { DiscoveryResult } from "../../packages/lib/src/discover/types.js";
import type { FakeTty } from "../init/fake-tty.js";

export class Capture extends Writable {
  chunks: string[] = [];
  override _write(chunk: unknown, _enc: BufferEncoding, cb: () => void): void {
    this.chunks.push(String(chunk));
    cb();
  }
  get text(): string {
    return stripVTControlCharacters(this.chunks.join(""));
  }
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export function testIo(
  cwd: string,
  overrides: Partial<InitIo> = {},
): InitIo & { out: Capture; err: Capture } {
  const out = new Capture();
  const err = new Capture();
  return {
    stdin: new PassThrough(),
    stdout: out,
    stderr: err,
    interactive: false,
    cwd,
    discover: async () => {
      throw new Error("no network in this test");
    },
    write: writeFileAtomic,
    ...overrides,
    out,
    err,
  };
}

export async function runInit(
  cwd: string,
  options: Partial<InitOptions>,
  overrides: Partial<InitIo> = {},
): Promise<Ran> {
  const io = testIo(cwd, overrides);
  const code = await initCommand({ out: "matrix-support.yaml", ...options }, io);
  return { code, stdout: io.out.text, stderr: io.err.text };
}

/** A terminal: stdin and stdout are the fake TTY's streams. */
export function ttyIo(tty: FakeTty): Partial<InitIo> {
  return { stdin: tty.input, stdout: tty.output, interactive: true };
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "ms-init-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A discovery result as the client returns it, for --from tests without a network. */
export function found(
  serverName: string,
  document: Record<string, unknown>,
  diagnostics: DiscoveryResult["diagnostics"] = [],
): DiscoveryResult {
  return {
    status: "found",
    serverName,
    url: `https://${serverName}/.well-known/matrix/support`,
    document,
    value: document,
    diagnostics,
    http: { status: 200, redirects: [], elapsed_ms: 1 },
  };
}

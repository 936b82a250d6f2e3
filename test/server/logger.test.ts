/** serve's human-readable log lines take their colours from the one decision every command uses. */
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../packages/cli/src/serve/logger.js";

class Capture extends Writable {
  text = "";
  override _write(chunk: unknown, _enc: BufferEncoding, cb: () => void): void {
    this.text += String(chunk);
    cb();
  }
}

const saved = { FORCE_COLOR: process.env.FORCE_COLOR, NO_COLOR: process.env.NO_COLOR };
afterEach(() => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
});

function prettyLine(env: Record<string, string | undefined>): string {
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  const out = new Capture();
  createLogger({ pretty: true, destination: out }).info("hello");
  return out.text;
}

describe("createLogger({ pretty: true })", () => {
  it("writes human lines to the destination, without colours for FORCE_COLOR=0, NO_COLOR or a non-terminal", () => {
    for (const env of [
      { FORCE_COLOR: "0", NO_COLOR: undefined },
      { FORCE_COLOR: "false", NO_COLOR: undefined },
      { FORCE_COLOR: undefined, NO_COLOR: "1" },
      { FORCE_COLOR: undefined, NO_COLOR: undefined },
    ]) {
      const line = prettyLine(env);
      expect(line, JSON.stringify(env)).toContain("hello");
      expect(line, JSON.stringify(env)).not.toMatch(/\u001b\[/);
    }
  });

  it("colours with FORCE_COLOR=1", () => {
    expect(prettyLine({ FORCE_COLOR: "1", NO_COLOR: undefined })).toMatch(/\u001b\[/);
  });
});

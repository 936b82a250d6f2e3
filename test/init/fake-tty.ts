/**
 * A scripted terminal for the wizard: keystrokes go in, the screen comes out. Each step waits
 * until the prompt it answers is on screen, so the script never races the prompts.
 */
import { PassThrough, Writable } from "node:stream";
import { stripVTControlCharacters } from "node:util";

export const KEY = {
  enter: "\r",
  /** Ctrl-U: clear the line (readline). */
  clearLine: "\x15",
  backspace: "\x7f",
  ctrlC: "\x03",
} as const;

export class FakeTty {
  readonly input = new PassThrough();
  readonly output: Writable & { columns: number; rows: number; isTTY: boolean };
  private screen = "";
  private seen = 0;
  private waiters: (() => void)[] = [];

  constructor() {
    const self = this;
    const out = new Writable({
      write(chunk, _encoding, callback) {
        self.screen += stripVTControlCharacters(String(chunk));
        for (const w of self.waiters.splice(0)) w();
        callback();
      },
    });
    this.output = Object.assign(out, { columns: 200, rows: 60, isTTY: false });
  }

  /** Everything written so far, without colours or cursor moves. */
  get text(): string {
    return this.screen;
  }

  /** Resolves when `needle` appears in output written after the previous match. */
  async waitFor(needle: string | RegExp, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rest = this.screen.slice(this.seen);
      const index =
        typeof needle === "string" ? rest.indexOf(needle) : (rest.match(needle)?.index ?? -1);
      if (index >= 0) {
        this.seen += index + 1;
        return rest;
      }
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${String(needle)}; screen:\n${this.screen}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(0, deadline - Date.now()) + 1);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Types keys, one chunk per character so readline sees each keypress. */
  type(keys: string): void {
    for (const ch of keys) this.input.write(ch);
  }

  /** Waits for the prompt, then types the answer and Enter. */
  async answer(prompt: string | RegExp, keys: string): Promise<void> {
    await this.waitFor(prompt);
    await tick();
    this.type(keys + KEY.enter);
  }
}

/** Lets the prompt finish wiring its keypress listener after drawing itself. */
export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

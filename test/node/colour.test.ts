/** One decision about colours for every command and serve's pretty logger (Node's and no-color.org's conventions). */
import { describe, expect, it } from "vitest";
import { colourEnabled } from "../../packages/cli/src/colour.js";

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe("colourEnabled", () => {
  it.each([
    ["a terminal, nothing set", tty, {}, true],
    ["a pipe or file, nothing set", pipe, {}, false],
    ["NO_COLOR=1 on a terminal", tty, { NO_COLOR: "1" }, false],
    ["NO_COLOR empty is unset (no-color.org)", tty, { NO_COLOR: "" }, true],
    ["FORCE_COLOR=0 on a terminal", tty, { FORCE_COLOR: "0" }, false],
    ["FORCE_COLOR=false on a terminal", tty, { FORCE_COLOR: "false" }, false],
    ["FORCE_COLOR=1 on a pipe", pipe, { FORCE_COLOR: "1" }, true],
    ["FORCE_COLOR=2 on a pipe", pipe, { FORCE_COLOR: "2" }, true],
    ["FORCE_COLOR=3 on a pipe", pipe, { FORCE_COLOR: "3" }, true],
    ["FORCE_COLOR=true on a pipe", pipe, { FORCE_COLOR: "true" }, true],
    ["FORCE_COLOR empty on a pipe", pipe, { FORCE_COLOR: "" }, true],
    [
      "FORCE_COLOR=1 wins over NO_COLOR (as in Node)",
      pipe,
      { FORCE_COLOR: "1", NO_COLOR: "1" },
      true,
    ],
    ["FORCE_COLOR=0 with NO_COLOR", tty, { FORCE_COLOR: "0", NO_COLOR: "1" }, false],
    ["FORCE_COLOR=yes (unknown) is off, as in Node", tty, { FORCE_COLOR: "yes" }, false],
    ["TERM=dumb on a terminal", tty, { TERM: "dumb" }, false],
    ["TERM=dumb with FORCE_COLOR=1", pipe, { TERM: "dumb", FORCE_COLOR: "1" }, true],
    ["NODE_DISABLE_COLORS on a terminal", tty, { NODE_DISABLE_COLORS: "1" }, false],
  ])("%s", (_what, stream, env, expected) => {
    expect(colourEnabled(stream, env)).toBe(expected);
  });
});

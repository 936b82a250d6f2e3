import pc from "picocolors";

/**
 * Whether to colour what goes to a stream: one decision for every command and for serve's
 * pretty logger, following Node's conventions (`FORCE_COLOR`, as `util.styleText` reads it) and
 * no-color.org (`NO_COLOR`):
 *
 * - `FORCE_COLOR` set: `""`, `1`, `2`, `3` or `true` turns colours on, anything else (`0`,
 *   `false`, ...) off, whatever the stream and `NO_COLOR` (as in Node, it wins);
 * - else `NO_COLOR` (non-empty) or `NODE_DISABLE_COLORS` turns them off;
 * - else colours only on a terminal, and not when `TERM=dumb`.
 */
export function colourEnabled(
  stream: { isTTY?: boolean } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ["", "1", "2", "3", "true"].includes(force.trim().toLowerCase());
  if ((env.NO_COLOR ?? "") !== "" || env.NODE_DISABLE_COLORS !== undefined) return false;
  return stream.isTTY === true && env.TERM !== "dumb";
}

/** Colours for `stream`, as `colourEnabled` decides (FORCE_COLOR, NO_COLOR, a terminal, TERM=dumb). */
export function colours(stream: { isTTY?: boolean } = process.stdout): Colours {
  return pc.createColors(colourEnabled(stream));
}

export type Colours = ReturnType<typeof pc.createColors>;

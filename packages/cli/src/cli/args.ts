/** Values given on the command line, read and judged the same way by every command. */
import { serverNameFromInput } from "../../../lib/src/core/server-name-input.js";
import { colours, formatDiagnostic, writeErr } from "./output.js";

/**
 * A server name from the command line (an argument, or the value of `flag`), read as people type
 * it: a pasted `https://host[:port]` is that host. Its notes (what was used, a trailing dot) are
 * printed on stderr; a bad value is the one-line message naming the flag, for an exit 2.
 */
export function serverNameArgument(
  value: string,
  flag?: string,
): { ok: true; serverName: string } | { ok: false; message: string } {
  const read = serverNameFromInput(value);
  if (!read.ok)
    return { ok: false, message: `${flag ? `${flag}: ` : ""}${read.diagnostic.message}` };
  if (read.notes.length > 0) {
    const c = colours(process.stderr);
    for (const note of read.notes) writeErr(formatDiagnostic(note, flag, c));
  }
  return { ok: true, serverName: read.serverName };
}

/** Node-only: load a config file from disk. */

import { detectConfigFormat } from "../../../lib/src/config/detect.js";
import { InputError, readInput } from "../files.js";
import { type ConfigResult, parseConfig } from "./parse.js";

/**
 * Reads and parses a config file. A file over 1 MiB (refused by its size before it is read) or
 * not UTF-8 is an invalid config, with the diagnostic saying why; a file that cannot be read at
 * all throws an InputError.
 */
export async function loadConfigFile(file: string): Promise<ConfigResult> {
  const read = await readInput(file);
  if (read.ok) return parseConfig(read.text, { fileName: file });
  if (read.kind === "unreadable") throw new InputError(read.message);
  return { config: null, diagnostics: [read.diagnostic], format: detectConfigFormat("", file) };
}

export { InputError };

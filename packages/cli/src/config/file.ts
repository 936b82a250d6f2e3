/** Node-only: load a config file from disk. */
import { InputError, readText } from "../files.js";
import { type ConfigResult, parseConfig } from "./parse.js";

export async function loadConfigFile(file: string): Promise<ConfigResult> {
  const text = await readText(file);
  return parseConfig(text, { fileName: file });
}

export { InputError };

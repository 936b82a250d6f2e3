/**
 * What `validate` loads only for YAML, TOML and configs, as one file of the CommonJS build
 * (dist/cli/validate-config.cjs; see bin.ts): a JSON document never pays for these parsers.
 */
export { parseConfig } from "../config/parse.js";
export { parseSource } from "../config/source.js";

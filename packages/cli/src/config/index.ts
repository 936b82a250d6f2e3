export * from "../../../lib/src/config/types.js";
export { detectConfigFormat, looksLikeConfig } from "./detect.js";
export { type ConfigResult, checkConfig, locateToml, parseConfig } from "./parse.js";

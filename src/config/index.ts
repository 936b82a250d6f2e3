export { detectConfigFormat, looksLikeConfig } from "./detect.js";
export { type ConfigResult, checkConfig, locateToml, parseConfig } from "./parse.js";
export * from "./types.js";

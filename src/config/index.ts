export {
  type ConfigResult,
  checkConfig,
  detectConfigFormat,
  locateToml,
  looksLikeConfig,
  parseConfig,
} from "./parse.js";
export * from "./types.js";

export { detectConfigFormat, looksLikeConfig } from "./detect.js";
export {
  type ConfigResult,
  type ConfigValidation,
  checkConfig,
  locateToml,
  parseConfig,
  validateConfig,
} from "./parse.js";
export * from "./types.js";

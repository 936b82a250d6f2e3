export { configShape, detectConfigFormat, looksLikeConfig } from "./detect.js";
export {
  asConfig,
  type CheckOptions,
  type ConfigResult,
  checkConfig,
  locateToml,
  parseConfig,
} from "./parse.js";
export * from "./types.js";

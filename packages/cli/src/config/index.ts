export {
  type ConfigValidation,
  validateConfig,
} from "../../../lib/src/config/check.js";
export {
  configShape,
  detectConfigFormat,
  looksLikeConfig,
} from "../../../lib/src/config/detect.js";
export * from "../../../lib/src/config/types.js";
export {
  asConfig,
  type CheckOptions,
  type ConfigResult,
  checkConfig,
  locateToml,
  parseConfig,
} from "./parse.js";

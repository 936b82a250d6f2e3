/**
 * The `serve` process around the library's web-standard handler: the hardened node:http server,
 * reload, metrics and logs. Internal to the CLI package.
 */

export { type ConfigResult, parseConfig } from "../config/parse.js";
export { diagnosticLine } from "../diagnostic-text.js";
export { describePublished, type LoadResult, loadServerConfig } from "./load.js";
export { createLogger, type Logger, type LoggerOptions } from "./logger.js";
export { createMetrics, type ServerMetrics } from "./metrics.js";
export { type ServeControls, type ServeProcessOptions, serveProcess } from "./process.js";
export {
  DEFAULT_HARDENING,
  formatUrl,
  type Hardening,
  type RunningServer,
  type StartOptions,
  startServer,
} from "./server.js";

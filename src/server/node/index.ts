/**
 * matrix-support/server/node: the Node pieces around the web-standard handler: the node:http
 * adapter (also for Express, Fastify, Connect), the hardened server, reload, metrics and logs.
 */

export { type ConfigResult, parseConfig } from "../../config/parse.js";
export {
  type HandlerSource,
  type NodeListener,
  type NodeListenerOptions,
  type NodeMiddleware,
  toNodeListener,
  toNodeMiddleware,
  toWebRequest,
  writeWebResponse,
} from "./adapter.js";
export { describePublished, diagnosticLine, type LoadResult, loadServerConfig } from "./load.js";
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

/**
 * `@matrix-support/lib/node`: the web-standard handler in node:http, Express, Fastify and Connect.
 * Node-only (node:http, node:stream); everything else in this package runs in any runtime.
 * @module @matrix-support/lib/node
 */
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

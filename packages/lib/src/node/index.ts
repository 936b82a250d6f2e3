/**
 * `@matrix-support/lib/node`: the web-standard handler in node:http, Express, Fastify and Connect.
 * Also `FileSeenStore`, the documents `watchSupport` saw, in a JSON file.
 * Node-only (node:http, node:stream, node:fs); everything else in this package runs in any runtime.
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
export { FileSeenStore, type OpenSeenStoreResult } from "./seen-store.js";

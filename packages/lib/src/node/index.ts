/**
 * `@matrix-support/lib/node`: the web-standard handler in node:http, Express, Fastify and Connect.
 * Also `FileSeenStore`, the documents `watchSupport` saw, in a JSON file.
 * Node-only (node:http, node:stream, node:fs); everything else in this package runs in any runtime.
 * @module @matrix-support/lib/node
 */

export type { Config, HttpConfig, PageConfig, PageTexts } from "../config/types.js";
export type * from "../core/shared-types.js";
export type { SeenEntry, SeenStore } from "../discover/watch.js";
export type { SupportHandler } from "../server/handler.js";
export type { Answer } from "../server/site.js";
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

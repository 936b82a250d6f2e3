// The support endpoint as a Cloudflare Worker (the same module runs in workerd, wrangler dev and
// on Cloudflare). workerd needs one file: bundle it first (docs/runtimes.md):
//   npx esbuild examples/runtimes/workerd/worker.mjs --bundle --format=esm \
//     --outfile=examples/runtimes/workerd/dist/worker.js
//   npx workerd serve examples/runtimes/workerd/config.capnp
import { createSupportHandler } from "@matrix-support/lib/server";
import { config } from "../config.mjs";

// Compiled once per isolate, not per request.
const handler = createSupportHandler(config);

export default {
  fetch: (request) => handler(request),
};

// Cloudflare Workers, Bun.serve and Deno.serve take a fetch handler as it is.
import { support } from "./handler.js";

export default { fetch: support };

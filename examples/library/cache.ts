// A client keeps the answer for as long as the server allows, and keeps showing the last good
// document while the server is down.
import { SupportCache } from "@matrix-support/lib/discover";

const cache = new SupportCache({ discoverOptions: { timeout: 5000 } });

const first = await cache.get("example.org"); // fetched
const second = await cache.get("example.org"); // from the cache, no request
console.log(first.source, second.source, second.result.status);

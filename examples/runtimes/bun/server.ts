// The support endpoint in Bun. Run: bun examples/runtimes/bun/server.ts
// HOST and PORT choose where it listens (default 127.0.0.1:8080; PORT=0 picks a free port).
import { createSupportHandler } from "@matrix-support/lib/server";
import { config } from "../config.mjs";

const handler = createSupportHandler(config);
const server = Bun.serve({
  hostname: process.env.HOST ?? "127.0.0.1",
  port: Number(process.env.PORT ?? 8080),
  fetch: (request) => handler(request),
});
console.log(`listening on http://${server.hostname}:${server.port}`);

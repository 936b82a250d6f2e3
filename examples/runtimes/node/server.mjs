// The support endpoint in Node (node:http). Run: node examples/runtimes/node/server.mjs
// HOST and PORT choose where it listens (default 127.0.0.1:8080; PORT=0 picks a free port).
import { createServer } from "node:http";
import { toNodeListener } from "@matrix-support/lib/node";
import { createSupportHandler } from "@matrix-support/lib/server";
import { config } from "../config.mjs";

const handler = createSupportHandler(config);
const server = createServer(toNodeListener(handler));
server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? "127.0.0.1", () => {
  const { address, port } = server.address();
  console.log(`listening on http://${address}:${port}`);
});

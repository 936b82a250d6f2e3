// The support endpoint in Deno. Run (with a package.json listing @matrix-support/lib and
// node_modules installed, or see docs/runtimes.md for npm: specifiers):
//   deno run --allow-net --allow-env=HOST,PORT examples/runtimes/deno/server.ts
// HOST and PORT choose where it listens (default 127.0.0.1:8080; PORT=0 picks a free port).
import { createSupportHandler } from "@matrix-support/lib/server";
import { config } from "../config.mjs";

const handler = createSupportHandler(config);
Deno.serve(
  {
    hostname: Deno.env.get("HOST") ?? "127.0.0.1",
    port: Number(Deno.env.get("PORT") ?? 8080),
    onListen: ({ hostname, port }) => console.log(`listening on http://${hostname}:${port}`),
  },
  (request) => handler(request),
);

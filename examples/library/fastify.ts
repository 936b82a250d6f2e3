// Fastify: a wildcard route hands the raw request to the Node adapter.
import { toNodeListener } from "@matrix-support/lib/node";
import Fastify from "fastify";
import { support } from "./handler.js";

const listener = toNodeListener(support);
export const app = Fastify();
app.all("/.well-known/matrix/*", (request, reply) => {
  reply.hijack();
  listener(request.raw, reply.raw);
});
app.get("/hello", async () => "the rest of your app");

await app.listen({ port: Number(process.env.PORT ?? 8080), host: "127.0.0.1" });

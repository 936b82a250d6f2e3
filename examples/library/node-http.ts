// node:http: built-in paths are written straight from precomputed bytes.
import { createServer } from "node:http";
import { toNodeListener } from "@matrix-support/lib/node";
import { support } from "./handler.js";

const port = Number(process.env.PORT ?? 8080);
export const server = createServer(toNodeListener(support)).listen(port, "127.0.0.1");

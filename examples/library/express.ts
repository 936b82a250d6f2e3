// Express (or Connect): a middleware that answers the support paths and calls next() for the rest.
import { toNodeMiddleware } from "@matrix-support/lib/node";
import express from "express";
import { support } from "./handler.js";

const app = express();
app.use(toNodeMiddleware(support));
app.get("/hello", (_req, res) => {
  res.send("the rest of your app");
});

const port = Number(process.env.PORT ?? 8080);
export const server = app.listen(port, "127.0.0.1");

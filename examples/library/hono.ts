// Hono: the well-known paths, the support page at / and its stylesheet and icon.
import { Hono } from "hono";
import { support } from "./handler.js";

export const app = new Hono();
app.all("/.well-known/matrix/*", (c) => support(c.req.raw));
app.get("/", (c) => support(c.req.raw));
app.get("/assets/*", (c) => support(c.req.raw));
app.get("/hello", (c) => c.text("the rest of your app"));

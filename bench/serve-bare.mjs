/**
 * The baseline for bench/serve.mjs: a bare node:http server returning the same bytes with the same
 * headers as `serve`, and nothing else. Usage: node bench/serve-bare.mjs PORT BODY_FILE HEADERS_JSON
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const [port, bodyFile, headersJson] = process.argv.slice(2);
const body = readFileSync(bodyFile);
const headers = { ...JSON.parse(headersJson), "content-length": String(body.length) };
createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
}).listen(Number(port), "127.0.0.1", () => process.stdout.write("listening\n"));

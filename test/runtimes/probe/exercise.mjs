/**
 * Drives a support endpoint the way clients do and sums up what came back, as plain JSON. Used
 * inside every runtime (on the handler itself) and by the test (over loopback, on each example
 * server), so both are judged by the same assertions. No imports: runs anywhere fetch does.
 */
export const SUPPORT_PATH = "/.well-known/matrix/support";
const ORIGIN = "https://client.example";

const HEADERS = [
  "content-type",
  "content-length",
  "access-control-allow-origin",
  "access-control-allow-methods",
  "access-control-allow-headers",
  "cache-control",
  "etag",
  "allow",
];

function picked(headers) {
  const out = {};
  for (const name of HEADERS) {
    const v = headers.get(name);
    if (v !== null) out[name] = v;
  }
  return out;
}

async function summary(response) {
  const body = await response.text();
  return { status: response.status, headers: picked(response.headers), body };
}

/** `send(path, init)` answers like fetch: the handler itself, or fetch against a base URL. */
export async function exercise(send) {
  const get = await summary(await send(SUPPORT_PATH, { headers: { origin: ORIGIN } }));
  const head = await summary(await send(SUPPORT_PATH, { method: "HEAD" }));
  const options = await summary(
    await send(SUPPORT_PATH, {
      method: "OPTIONS",
      headers: { origin: ORIGIN, "access-control-request-method": "GET" },
    }),
  );
  const etag = get.headers.etag ?? "";
  const notModified = await summary(
    await send(SUPPORT_PATH, { headers: { "if-none-match": etag } }),
  );
  const weakMatch = await summary(
    await send(SUPPORT_PATH, { headers: { "if-none-match": `"other", W/${etag}` } }),
  );
  const changed = await summary(
    await send(SUPPORT_PATH, { headers: { "if-none-match": '"not-this-one"' } }),
  );
  const missing = await summary(await send("/.well-known/matrix/nothing-here", {}));
  return { get, head, options, notModified, weakMatch, changed, missing };
}

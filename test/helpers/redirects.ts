/**
 * Redirect probing for MSC4402 (spec v1.20: a .well-known redirect should carry the CORS headers):
 * the spellings of the well-known files a client may send, and every redirect answered for them.
 */
import { Client } from "undici";

/** Each well-known file, and the spellings of it that reach a server (normalised or not). */
export const CLIENT_PATHS: readonly string[] = ["support", "client", "server"].flatMap((name) => [
  `/.well-known/matrix/${name}`,
  `/.well-known/matrix/${name}/`,
  `/.well-known/matrix/${name}.json`,
  `/.well-known/matrix/${name}?x=1`,
  `//.well-known/matrix/${name}`,
  `/.well-known//matrix/${name}`,
  `/.well-known/matrix/./${name}`,
  `/.well-known/matrix/x/../${name}`,
  `/.well-known/matrix/${name.toUpperCase()}`,
]);

export interface Hop {
  path: string;
  method: string;
  status: number;
  location: string | undefined;
  allowOrigin: string | undefined;
}

/**
 * Every answer to GET, HEAD and OPTIONS of `paths` at `base` that is a redirect (3xx but 304).
 * The paths are sent as written (a client of its own, no URL parsing: `./` and `//` stay).
 */
export async function redirectsAt(base: string, paths: readonly string[]): Promise<Hop[]> {
  const hops: Hop[] = [];
  const client = new Client(new URL(base).origin);
  try {
    for (const path of paths) {
      for (const method of ["GET", "HEAD", "OPTIONS"] as const) {
        const res = await client.request({
          path,
          method,
          headers: {
            origin: "https://app.example",
            ...(method === "OPTIONS" ? { "access-control-request-method": "GET" } : {}),
          },
        });
        await res.body.dump();
        if (res.statusCode < 300 || res.statusCode > 399 || res.statusCode === 304) continue;
        const header = (name: string) => {
          const v = res.headers[name];
          return Array.isArray(v) ? v.join(", ") : v;
        };
        hops.push({
          path,
          method,
          status: res.statusCode,
          location: header("location"),
          allowOrigin: header("access-control-allow-origin"),
        });
      }
    }
  } finally {
    await client.close();
  }
  return hops;
}

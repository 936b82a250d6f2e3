/**
 * The real checker for a scan: `checkServer` from the discovery client over one Node transport
 * (--cacert, --resolve, --connect-to), created once for the whole run.
 */
import { sameSignalAs } from "../../../lib/src/discover/abort.js";
import { checkServer, type FetchLike } from "../../../lib/src/discover/index.js";
import { transportFromFlags } from "../transport/node.js";
import type { CheckFn } from "./engine.js";

export interface TransportFlags {
  cacert?: string;
  resolve?: string[];
  connectTo?: string[];
}

export type ScanChecker =
  | { ok: true; check: CheckFn; close(): Promise<void> }
  | { ok: false; message: string };

/**
 * Builds the checker, or says which flag is wrong. Each server is asked once, so its connections
 * are closed after the answer (`connection: close`) instead of idling in keep-alive: at thousands
 * of servers a minute, idle sockets would otherwise pile up into the file-descriptor limit.
 */
export async function createScanChecker(
  flags: TransportFlags,
  timeoutMs: number,
): Promise<ScanChecker> {
  let made: Awaited<ReturnType<typeof transportFromFlags>>;
  try {
    made = await transportFromFlags({ ...flags, timeout: timeoutMs });
  } catch (error) {
    // e.g. a --cacert file whose PEM block is not a certificate OpenSSL can load
    return {
      ok: false,
      message: `cannot set up TLS: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!made.ok) return made;
  const { transport } = made;
  const fetch: FetchLike = sameSignalAs(transport.fetch, (url, init) =>
    transport.fetch(url, { ...init, headers: { ...init.headers, connection: "close" } }),
  );
  return {
    ok: true,
    check: (serverName, signal) => checkServer(serverName, { fetch, signal, timeout: timeoutMs }),
    close: () => transport.close(),
  };
}

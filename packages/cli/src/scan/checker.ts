/**
 * The real checker for a scan: `checkServer` from the discovery client over one Node transport
 * (--cacert, --resolve, --connect-to), created once for the whole run.
 */
import { checkServer } from "../../../lib/src/discover/index.js";
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
 * Builds the checker, or says which flag is wrong. Each server is checked in a session of its
 * own: its GET and CORS preflight share one TLS connection, closed as soon as the check is done
 * instead of idling in keep-alive (at thousands of servers a minute, idle sockets would pile up
 * into the file-descriptor limit).
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
  return {
    ok: true,
    check: async (serverName, signal) => {
      const session = transport.session();
      try {
        return await checkServer(serverName, { fetch: session.fetch, signal, timeout: timeoutMs });
      } finally {
        await session.close();
      }
    },
    close: () => transport.close(),
  };
}

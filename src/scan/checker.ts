/**
 * The real checker for a scan: `checkServer` from the discovery client over one Node transport
 * (--cacert, --resolve, --connect-to), created once for the whole run.
 */
import { readFile } from "node:fs/promises";
import { checkServer, type FetchLike, parseConnectTo, parseResolve } from "../discover/index.js";
import { createNodeTransport } from "../discover/node.js";
import { describeFsError } from "../node/files.js";
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
  for (const r of flags.resolve ?? []) {
    const parsed = parseResolve(r);
    if (!parsed.ok) return { ok: false, message: parsed.reason };
  }
  for (const r of flags.connectTo ?? []) {
    const parsed = parseConnectTo(r);
    if (!parsed.ok) return { ok: false, message: parsed.reason };
  }
  let cacert: Buffer | undefined;
  if (flags.cacert !== undefined) {
    try {
      cacert = await readFile(flags.cacert);
    } catch (error) {
      return {
        ok: false,
        message: `--cacert: cannot read ${flags.cacert}: ${describeFsError(error)}`,
      };
    }
    if (!cacert.toString("latin1").includes("-----BEGIN CERTIFICATE-----"))
      return { ok: false, message: `--cacert: ${flags.cacert} holds no PEM certificate` };
  }
  let transport: ReturnType<typeof createNodeTransport>;
  try {
    transport = createNodeTransport({
      ...(cacert ? { cacert } : {}),
      resolve: flags.resolve ?? [],
      connectTo: flags.connectTo ?? [],
      connectTimeout: timeoutMs,
    });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const fetch: FetchLike = (url, init) =>
    transport.fetch(url, { ...init, headers: { ...init.headers, connection: "close" } });
  return {
    ok: true,
    check: (serverName, signal) => checkServer(serverName, { fetch, signal, timeout: timeoutMs }),
    close: () => transport.close(),
  };
}

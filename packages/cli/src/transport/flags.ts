/**
 * Node-only: curl's --cacert, --resolve and --connect-to checked and read, without loading the
 * HTTP client, so a command can refuse bad flags before it needs the network stack.
 */
import { readFile } from "node:fs/promises";
import { parseConnectTo, parseResolve } from "../../../lib/src/discover/routes.js";
import { describeFsError } from "../files.js";

export interface TransportFlags {
  /** Path of a PEM file of CA certificates that replace the system roots. */
  cacert?: string;
  resolve?: readonly string[];
  connectTo?: readonly string[];
}

/** The flags checked, with the CA file's bytes, or the message naming the flag that is wrong. */
export async function checkTransportFlags(
  flags: TransportFlags,
): Promise<{ ok: true; cacert?: Buffer } | { ok: false; message: string }> {
  for (const [list, parse] of [
    [flags.resolve, parseResolve],
    [flags.connectTo, parseConnectTo],
  ] as const) {
    for (const r of list ?? []) {
      const parsed = parse(r);
      if (!parsed.ok) return { ok: false, message: parsed.reason };
    }
  }
  if (flags.cacert === undefined) return { ok: true };
  let cacert: Buffer;
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
  return { ok: true, cacert };
}

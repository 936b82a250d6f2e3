import { parseServerName } from "./grammar/server-name.js";

/** The path of the support file on the server name's host. */
export const SUPPORT_PATH = "/.well-known/matrix/support";

/** Thrown by `supportUrl` for a string that is not a server name (the only function of the core that throws). */
export class InvalidServerNameError extends TypeError {
  constructor(
    readonly serverName: string,
    readonly reason: string,
  ) {
    super(`"${serverName}" is not a valid Matrix server name: ${reason}`);
    this.name = "InvalidServerNameError";
  }
}

/**
 * Where a server's support file lives: `https://{hostname}/.well-known/matrix/support`, where
 * hostname is the server name WITHOUT its port (the host used for server discovery); IPv6
 * literals keep their brackets. https://spec.matrix.org/latest/client-server-api/#getwell-knownmatrixsupport
 * @throws InvalidServerNameError when `serverName` does not follow the server name grammar.
 */
export function supportUrl(serverName: string): string {
  const parsed = parseServerName(serverName);
  if (!parsed.ok) throw new InvalidServerNameError(serverName, parsed.reason);
  return `https://${parsed.host.toLowerCase()}${SUPPORT_PATH}`;
}

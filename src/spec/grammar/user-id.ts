/**
 * User identifiers. https://spec.matrix.org/latest/appendices/#user-identifiers
 * `@localpart:server_name`, split at the FIRST colon; at most 255 bytes.
 * Current localpart grammar: a-z 0-9 . _ = - / +
 * Historical localparts (any printable ASCII but ':') MUST still be accepted; they are deprecated.
 * https://spec.matrix.org/latest/appendices/#historical-user-ids
 */
import { DNS_CHAR, isClass, LOCALPART } from "./ascii.js";
import { describeChar, fail, type GrammarResult, utf8Length } from "./result.js";
import { parseServerName } from "./server-name.js";

export interface UserId {
  localpart: string;
  serverName: string;
  /** Uses characters only the historical grammar allows. */
  historical: boolean;
  /** Why it is historical, for messages. */
  historicalReason?: string;
}

const CURRENT_CHAR = /^[a-z0-9._=\-/+]$/;
const HISTORICAL_CHAR = /^[\x21-\x39\x3b-\x7e]$/;
const CURRENT_LOCALPART = /^[a-z0-9._=\-/+]+$/;

export function parseUserId(input: string): GrammarResult<UserId> {
  if (input.length === 0) return fail("it is empty");
  if (!input.startsWith("@")) return fail("a user ID starts with '@'");
  if (utf8Length(input) > 255) return fail("a user ID is at most 255 bytes");
  const colon = input.indexOf(":");
  if (colon < 0) return fail("a user ID has a ':' between the localpart and the server name");
  const localpart = input.slice(1, colon);
  const serverName = input.slice(colon + 1);
  if (localpart.length === 0) return fail("the localpart is empty");
  let historicalChar: string | undefined;
  // One regex for the common case; the character loop only runs to explain a deviation.
  if (!CURRENT_LOCALPART.test(localpart))
    for (const ch of localpart) {
      if (CURRENT_CHAR.test(ch)) continue;
      if (HISTORICAL_CHAR.test(ch)) {
        historicalChar ??= ch;
        continue;
      }
      return fail(`${describeChar(ch)} is not allowed in a localpart`);
    }
  const server = parseServerName(serverName);
  if (!server.ok) return fail(`the server name "${serverName}" is invalid: ${server.reason}`);
  const result: { ok: true } & UserId = {
    ok: true,
    localpart,
    serverName,
    historical: historicalChar !== undefined,
  };
  if (historicalChar !== undefined)
    result.historicalReason = `${describeChar(historicalChar)} in the localpart`;
  return result;
}

/**
 * Fast yes for the common case, allocating nothing: true means parseUserId would accept `input`
 * as a current (not historical) user ID; false means "ask parseUserId". Accepts exactly
 * /^@[a-z0-9._=\-/+]+:[A-Za-z0-9.-]+(?::\d{1,5})?$/ with a port of 1-65535, in one pass.
 */
export function isPlainUserId(input: string): boolean {
  const n = input.length;
  if (n > 255 || input.charCodeAt(0) !== 0x40 /* @ */) return false;
  let i = 1;
  while (i < n && isClass(input.charCodeAt(i), LOCALPART)) i++;
  if (i === 1 || i === n || input.charCodeAt(i) !== 0x3a /* : */) return false;
  const host = ++i;
  while (i < n && isClass(input.charCodeAt(i), DNS_CHAR)) i++;
  if (i === host) return false;
  if (i === n) return true;
  if (input.charCodeAt(i) !== 0x3a || n - ++i > 5 || i === n) return false;
  let port = 0;
  for (; i < n; i++) {
    const c = input.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return false;
    port = port * 10 + c;
  }
  return port >= 1 && port <= 65535;
}

/** True for any user ID a consumer must accept (current or historical grammar). */
export function isUserId(input: string): boolean {
  return parseUserId(input).ok;
}

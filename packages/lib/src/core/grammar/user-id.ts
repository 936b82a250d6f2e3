/**
 * User identifiers. https://spec.matrix.org/latest/appendices/#user-identifiers
 * `@localpart:server_name`, split at the FIRST colon; at most 255 bytes.
 * Current localpart grammar: a-z 0-9 . _ = - / +
 * Historical localparts (any printable ASCII but ':') MUST still be accepted; they are deprecated.
 * https://spec.matrix.org/latest/appendices/#historical-user-ids
 */
import { isClass, LOCALPART } from "./ascii.js";
import { describeChar, fail, type GrammarResult, utf8Length } from "./result.js";
import { parseServerName } from "./server-name.js";

/** The parts of a valid user ID. */
export interface UserId {
  localpart: string;
  serverName: string;
  /** Uses characters only the historical grammar allows. */
  historical: boolean;
  /** Why it is historical, for messages. */
  historicalReason?: string;
}

const CURRENT_LOCALPART = /^[a-z0-9._=\-/+]+$/;

/** Parses a Matrix user ID; historical localparts are accepted and marked. */
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
    for (let i = 0; i < localpart.length; i++) {
      const c = localpart.charCodeAt(i);
      if (isClass(c, LOCALPART)) continue;
      // Historical: any printable ASCII but ':' (0x21-0x39, 0x3b-0x7e).
      if (c >= 0x21 && c <= 0x7e && c !== 0x3a) {
        historicalChar ??= localpart[i];
        continue;
      }
      // The whole code point (a surrogate pair is one character), as a for-of loop would see it.
      const ch = String.fromCodePoint(localpart.codePointAt(i) ?? 0);
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

// A current-grammar ID on a DNS name or IPv4 address with an optional port: the common case.
const PLAIN_USER_ID = /^@[a-z0-9._=\-/+]+:[A-Za-z0-9.-]+(?::(\d{1,5}))?$/;

/**
 * Fast yes for the common case, allocating nothing: true means parseUserId would accept `input`
 * as a current (not historical) user ID; false means "ask parseUserId".
 */
export function isPlainUserId(input: string): boolean {
  if (input.length > 255) return false;
  const m = PLAIN_USER_ID.exec(input);
  if (m === null) return false;
  const port = m[1];
  if (port === undefined) return true;
  const n = Number(port);
  return n >= 1 && n <= 65535;
}

/** True for any user ID a consumer must accept (current or historical grammar). */
export function isUserId(input: string): boolean {
  return parseUserId(input).ok;
}

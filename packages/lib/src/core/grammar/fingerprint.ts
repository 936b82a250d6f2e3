/**
 * OpenPGP fingerprints as `openpgp4fpr:` URIs carry them (MSC4439's example): the bare
 * fingerprint in hexadecimal, 40 digits for a version 4 key (RFC 4880), 64 for a version 6 key
 * (RFC 9580). Nothing else: no spaces, no `0x`, no fragment. A value of any other shape is one
 * that tuwunel refuses, and one that must not reach an external handler as a link (arguments
 * smuggled through openpgp4fpr: links have been used against key managers before).
 */

const HEX = /^[0-9A-Fa-f]*$/;

/** Why `text` (what follows `openpgp4fpr:`) is not a fingerprint; undefined when it is one. */
export function fingerprintProblem(text: string): string | undefined {
  if (text.length === 0) return "it is empty";
  if (!HEX.test(text)) return "it holds characters other than hexadecimal digits";
  if (text.length === 40 || text.length === 64) return undefined;
  if (text.length === 16 || text.length === 8)
    return `it has ${text.length} hexadecimal digits: a key ID, not a fingerprint`;
  return `it has ${text.length} hexadecimal digits`;
}

const FINGERPRINT_URI = /^openpgp4fpr:(?:[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})$/i;

/** True for `openpgp4fpr:` followed by exactly a v4 or v6 fingerprint (any letter case). */
export function isFingerprintUri(value: string): boolean {
  return FINGERPRINT_URI.test(value);
}

/**
 * A small, fast, synchronous content hash for ETags and asset names. Not cryptographic: it only has
 * to change when the bytes change. Web Crypto is async and node:crypto is Node-only, so the core
 * hashes by hand (cyrb53: two 32-bit lanes mixed with Math.imul).
 */
export function contentHash(bytes: Uint8Array): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    h1 = Math.imul(h1 ^ b, 2654435761);
    h2 = Math.imul(h2 ^ b, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(36).padStart(11, "0");
}

/** A strong ETag for a body: its hash and its length. */
export function strongEtag(bytes: Uint8Array): string {
  return `"${contentHash(bytes)}-${bytes.length.toString(36)}"`;
}

/**
 * If-None-Match (RFC 9110 section 13.1.2) uses the weak comparison: `W/` prefixes are ignored,
 * `*` matches any current representation.
 */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === "*") return true;
  for (const part of ifNoneMatch.split(",")) {
    let tag = part.trim();
    if (tag.startsWith("W/")) tag = tag.slice(2);
    if (tag === etag) return true;
  }
  return false;
}

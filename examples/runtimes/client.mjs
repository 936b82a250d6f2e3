/**
 * A client: whom to tell about a security problem on a Matrix server. The same code runs in Node,
 * Bun, Deno, Cloudflare Workers (workerd) and browsers: it only needs the global `fetch`.
 */
import { pickContact } from "@matrix-support/lib";
import { discoverSupport } from "@matrix-support/lib/discover";

/**
 * Looks up `serverName`'s support file and picks its security contact (falling back to the
 * admin). Never throws: what went wrong comes back as `reason`, from the diagnostics catalogue.
 * `options` go to `discoverSupport` (timeout, signal, fetch...).
 */
export async function securityContact(serverName, options = {}) {
  const result = await discoverSupport(serverName, options);
  if (result.status !== "found") {
    return { ok: false, status: result.status, reason: result.diagnostics[0]?.message ?? null };
  }
  const picked = pickContact(result.document, "security");
  if (picked === undefined) {
    return { ok: false, status: result.status, reason: "the file names no security contact" };
  }
  return {
    ok: true,
    role: picked.role,
    fallback: picked.fallback,
    matrixId: picked.contact.matrix_id ?? null,
    email: picked.contact.email_address ?? null,
  };
}

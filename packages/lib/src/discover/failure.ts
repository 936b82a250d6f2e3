/**
 * Network errors -> a phase and a diagnostic in plain words. Reads the `code` of the error chain
 * (Node/undici codes, OpenSSL verification codes); a browser's bare "Failed to fetch" ends as a
 * generic UNREACHABLE. No Node imports: this runs everywhere.
 */

import { TRANSPORT_CODES } from "../core/catalogue/transport.js";
import { type Diagnostic, diagnosticFrom, type Params } from "../core/diagnostics.js";
import type { FailurePhase } from "./types.js";

const diagnostic = diagnosticFrom(TRANSPORT_CODES);

/** A network error classified: the phase it happened in and its diagnostic. */
export interface Failure {
  phase: FailurePhase;
  diagnostic: Diagnostic;
}

/** Where the request stood when it failed; decides the words for timeouts and closed sockets. */
export type Progress = "connecting" | "headers" | "body";

/** Set by our Node transport on the errors it raises, so the phase is exact. */
export const PHASE_PROPERTY = "matrixSupportPhase";

interface ErrorInfo {
  code?: string;
  message: string;
  name?: string;
  phase?: FailurePhase;
  address?: string;
  reason?: string;
}

/** Walks `error.cause` (fetch wraps the real error) and collects what identifies it. */
function inspect(error: unknown): ErrorInfo {
  const info: ErrorInfo = { message: "" };
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e !== undefined && e !== null; depth++) {
    if (typeof e === "object") {
      const o = e as Record<string, unknown>;
      if (typeof o.code === "string") info.code = o.code;
      if (typeof o.name === "string" && !info.name) info.name = o.name;
      if (typeof o.message === "string" && o.message) info.message = o.message;
      if (typeof o[PHASE_PROPERTY] === "string") info.phase = o[PHASE_PROPERTY] as FailurePhase;
      if (typeof o.address === "string") info.address = o.address;
      if (typeof o.reason === "string") info.reason = o.reason;
      e = o.cause;
    } else {
      info.message = String(e);
      break;
    }
  }
  return info;
}

const WHEN: Record<Progress, string> = {
  connecting: "while connecting (TCP or TLS handshake)",
  headers: "waiting for the response headers",
  body: "while reading the body",
};

function failure(phase: FailurePhase, code: keyof typeof TRANSPORT_CODES, params: Params): Failure {
  return { phase, diagnostic: diagnostic(code, undefined, params) };
}

/** The phase our transport tagged on an error (or its causes), if any. */
export function taggedPhase(error: unknown): FailurePhase | undefined {
  return inspect(error).phase;
}

/**
 * A timeout of the whole discovery (our own timer), at the given progress. `phase` comes from the
 * transport when it knows better (still connecting, or in the TLS handshake).
 */
export function timeoutFailure(
  timeoutMs: number,
  progress: Progress,
  bytes = 0,
  phase?: FailurePhase,
): Failure {
  if (phase === "connect" || phase === "tls")
    return failure(phase, "TIMEOUT", {
      timeout: timeoutMs,
      when: phase === "tls" ? "during the TLS handshake" : "while connecting",
    });
  const when = progress === "body" ? `${WHEN.body} (${bytes} bytes arrived)` : WHEN[progress];
  return failure(progress === "body" ? "body" : "headers", "TIMEOUT", {
    timeout: timeoutMs,
    when,
  });
}

/** OpenSSL verification codes for a chain nobody trusts, in plain words. */
const TLS_UNTRUSTED: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the chain to a trusted root is incomplete",
  UNABLE_TO_GET_ISSUER_CERT: "the issuer's certificate is unknown",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the issuer's certificate is unknown",
  CERT_UNTRUSTED: "its root is not trusted",
  CERT_SIGNATURE_FAILURE: "a signature in the chain is invalid",
  CERT_REVOKED: "it has been revoked",
  INVALID_CA: "an issuer in the chain is not a certificate authority",
  CERT_CHAIN_TOO_LONG: "the chain is too long",
};

/**
 * OpenSSL's reason ("sslv3 alert handshake failure") instead of its raw error line
 * ("80AC...:error:0A000410:SSL routines:ssl3_read_bytes:...:ssl/record/rec_layer_s3.c:1605:").
 */
function opensslReason(info: ErrorInfo): string | undefined {
  if (!/:error:[0-9A-F]+:/i.test(info.message)) return undefined;
  return info.reason ?? info.message.split(":")[5];
}

/** Classifies an error thrown by `fetch` or by reading the body. */
export function classifyError(error: unknown, host: string, progress: Progress): Failure {
  const info = inspect(error);
  const code = info.code ?? "";
  const detail = info.message || code || "unknown error";
  if (info.phase === "address" || code === "ERR_ADDRESS_REFUSED")
    return failure("address", "ADDRESS_REFUSED", {
      address: info.address ?? "?",
      host,
      reason: info.reason ?? detail,
    });
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_FAIL" || code === "EAI_NODATA")
    return failure("dns", "DNS_FAILED", {
      host,
      detail:
        code === "EAI_AGAIN" ? "temporary DNS failure" : "no such name (NXDOMAIN or no address)",
    });
  if (code === "CERT_HAS_EXPIRED") return failure("tls", "TLS_CERT_EXPIRED", { host });
  if (code === "CERT_NOT_YET_VALID") return failure("tls", "TLS_CERT_NOT_YET_VALID", { host });
  if (code === "DEPTH_ZERO_SELF_SIGNED_CERT" || code === "SELF_SIGNED_CERT_IN_CHAIN")
    return failure("tls", "TLS_CERT_SELF_SIGNED", { host });
  const untrusted = TLS_UNTRUSTED[code];
  if (untrusted) return failure("tls", "TLS_CERT_UNTRUSTED", { host, detail: untrusted });
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID")
    return failure("tls", "TLS_CERT_WRONG_NAME", { host, detail });
  // OpenSSL read an answer that is not a TLS record: what a plain-HTTP server sends back.
  if (code === "ERR_SSL_WRONG_VERSION_NUMBER") return failure("tls", "TLS_PLAIN_HTTP", { host });
  if (code.startsWith("ERR_SSL_") || code === "EPROTO" || code.startsWith("ERR_TLS_"))
    return failure("tls", "TLS_FAILED", { host, detail: opensslReason(info) ?? detail });
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "ERR_CONNECT_TIMEOUT")
    return info.phase === "tls"
      ? failure("tls", "TLS_FAILED", { host, detail })
      : failure("connect", "CONNECT_FAILED", { host, detail });
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT")
    return failure(code === "UND_ERR_BODY_TIMEOUT" ? "body" : "headers", "UNREACHABLE", {
      phase: code === "UND_ERR_BODY_TIMEOUT" ? WHEN.body : WHEN.headers,
      detail,
    });
  if (
    code === "ECONNREFUSED" ||
    code === "EHOSTUNREACH" ||
    code === "ENETUNREACH" ||
    code === "EADDRNOTAVAIL" ||
    code === "ETIMEDOUT"
  ) {
    const words: Record<string, string> = {
      ECONNREFUSED: "connection refused (nothing listens on that port)",
      EHOSTUNREACH: "host unreachable",
      ENETUNREACH: "network unreachable",
      EADDRNOTAVAIL: "address not available",
      ETIMEDOUT: "the connection attempt timed out",
    };
    return failure("connect", "CONNECT_FAILED", { host, detail: words[code] ?? detail });
  }
  if (code === "UND_ERR_RES_CONTENT_LENGTH_MISMATCH")
    return failure("body", "BODY_INCOMPLETE", {
      detail: "the body is shorter than its Content-Length",
    });
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE") {
    if (progress === "body")
      return failure("body", "BODY_INCOMPLETE", {
        detail: `the connection closed before the body was complete (${detail})`,
      });
    if (info.phase)
      return failure(info.phase, "CONNECTION_CLOSED", { when: WHEN[progress], detail });
    return failure(progress === "connecting" ? "connect" : "headers", "CONNECTION_CLOSED", {
      when: WHEN[progress],
      detail,
    });
  }
  if (code.startsWith("Z_") || /incorrect header check|unexpected end of file/i.test(detail))
    return failure("body", "BODY_INCOMPLETE", {
      detail: `the compressed body is corrupt (${detail})`,
    });
  if (info.name === "AbortError") return failure("aborted", "ABORTED", {});
  const phase: FailurePhase =
    info.phase ?? (progress === "body" ? "body" : progress === "headers" ? "headers" : "connect");
  return failure(phase, "UNREACHABLE", { phase: WHEN[progress], detail });
}

/** TLS errors in plain words: plain HTTP on the HTTPS port, and OpenSSL's reason instead of its raw line. */
import { describe, expect, it } from "vitest";
import { classifyError } from "../../packages/lib/src/discover/failure.js";

const opensslError = (code: string, reason: string, fn: string) =>
  Object.assign(
    new Error(
      `80AC8B251A7F0000:error:0A00010B:SSL routines:${fn}:${reason}:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n`,
    ),
    { code, reason, library: "SSL routines" },
  );

describe("classifyError", () => {
  it("a record that is not TLS (wrong version number) is plain HTTP on an HTTPS port", () => {
    const fetchError = new TypeError("fetch failed", {
      cause: opensslError(
        "ERR_SSL_WRONG_VERSION_NUMBER",
        "wrong version number",
        "ssl3_get_record",
      ),
    });
    const f = classifyError(fetchError, "example.org", "connecting");
    expect(f.phase).toBe("tls");
    expect(f.diagnostic).toMatchObject({
      code: "TLS_PLAIN_HTTP",
      message: "example.org answered in plain HTTP on an HTTPS port, not with TLS",
    });
    expect(f.diagnostic.hint).toContain("listen 443 ssl");
  });

  it("other TLS failures give OpenSSL's reason, not its raw error line", () => {
    const f = classifyError(
      opensslError(
        "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE",
        "sslv3 alert handshake failure",
        "ssl3_read_bytes",
      ),
      "example.org",
      "connecting",
    );
    expect(f.diagnostic).toMatchObject({
      code: "TLS_FAILED",
      message: "The TLS handshake with example.org failed: sslv3 alert handshake failure",
    });
  });
});

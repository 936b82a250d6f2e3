/** supportUrl: https://spec.matrix.org/latest/client-server-api/#getwell-knownmatrixsupport */
import { describe, expect, it } from "vitest";
import {
  InvalidServerNameError,
  SUPPORT_PATH,
  supportUrl,
} from "../../packages/lib/src/core/index.js";

describe("supportUrl", () => {
  it("is https://{hostname}/.well-known/matrix/support", () => {
    expect(SUPPORT_PATH).toBe("/.well-known/matrix/support");
    expect(supportUrl("example.org")).toBe("https://example.org/.well-known/matrix/support");
  });

  it("drops the port: the file lives on the server name's host", () => {
    expect(supportUrl("example.org:8448")).toBe("https://example.org/.well-known/matrix/support");
    expect(supportUrl("1.2.3.4:8008")).toBe("https://1.2.3.4/.well-known/matrix/support");
  });

  it("keeps the brackets of IPv6 literals", () => {
    expect(supportUrl("[2001:db8::1]:8448")).toBe(
      "https://[2001:db8::1]/.well-known/matrix/support",
    );
    expect(supportUrl("[::1]")).toBe("https://[::1]/.well-known/matrix/support");
  });

  it("lower-cases the host (DNS is case-insensitive)", () => {
    expect(supportUrl("Example.ORG")).toBe("https://example.org/.well-known/matrix/support");
  });

  it("throws a clear InvalidServerNameError for a malformed name", () => {
    for (const bad of [
      "",
      "bad name",
      "example.org:0",
      "example.org:65536",
      "::1",
      "https://example.org",
      "@admin:example.org",
    ]) {
      let error: unknown;
      try {
        supportUrl(bad);
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(InvalidServerNameError);
      expect(error).toBeInstanceOf(TypeError);
      const e = error as InvalidServerNameError;
      expect(e.serverName).toBe(bad);
      expect(e.message).toMatch(/is not a valid Matrix server name: .+/);
      expect(e.message).toContain(JSON.stringify(bad));
    }
  });
});

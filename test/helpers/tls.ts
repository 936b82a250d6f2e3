/**
 * Test certificates made in-process with node:crypto (no openssl, no files): a CA, and leaf
 * certificates for any DNS names or IP addresses it signs, valid now or expired. Keys are P-256,
 * so making a CA and a few leaves takes milliseconds.
 *
 *   const ca = createCa();
 *   const leaf = ca.issue(["example.org", "127.0.0.1"]);          // { cert, key } in PEM
 *   const expired = ca.issue(["example.org"], { expired: true });
 *   const lonely = selfSigned(["example.org"]);                   // trusted by nobody
 *   // client side: trust `ca.cert` (e.g. --cacert or createNodeTransport({ cacert: ca.cert }))
 *
 * Only for tests: the certificates are minimal X.509 v3 (basicConstraints, subjectAltName, key
 * identifiers), enough for Node/OpenSSL verification.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { isIP } from "node:net";

export interface KeyPairPem {
  /** The certificate, PEM. */
  cert: string;
  /** Its private key, PEM (PKCS#8). */
  key: string;
}

export interface IssueOptions {
  /** Validity start (default: one hour ago). */
  notBefore?: Date;
  /** Validity end (default: in 30 days). */
  notAfter?: Date;
  /** Shortcut: valid from two days ago to yesterday. */
  expired?: boolean;
}

export interface TestCa extends KeyPairPem {
  /** A leaf certificate for these DNS names and/or IP addresses, signed by this CA. */
  issue(names: readonly string[], options?: IssueOptions): KeyPairPem;
}

// ---- minimal DER ----
const cat = (...parts: Uint8Array[]): Buffer => Buffer.concat(parts);
function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, body: Uint8Array): Buffer =>
  cat(Buffer.from([tag]), len(body.length), body);
const seq = (...items: Uint8Array[]) => tlv(0x30, cat(...items));
const set = (...items: Uint8Array[]) => tlv(0x31, cat(...items));
const explicit = (n: number, body: Uint8Array) => tlv(0xa0 + n, body);
const octets = (body: Uint8Array) => tlv(0x04, body);
const bits = (body: Uint8Array) => tlv(0x03, cat(Buffer.from([0]), body));
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
/** A non-negative DER INTEGER: minimal (no leading zero bytes), a zero byte added when the top bit is set. */
function int(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const b = Buffer.from(bytes.subarray(start));
  return tlv(0x02, b[0]! & 0x80 ? cat(Buffer.from([0]), b) : b);
}
function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split(".").map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, "").slice(0, 14); // YYYYMMDDHHMMSS
  const year = d.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`));
}
const name = (cn: string) => seq(set(seq(oid("2.5.4.3"), tlv(0x0c, Buffer.from(cn)))));
const extension = (id: string, critical: boolean, value: Uint8Array) =>
  critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split(".").map(Number));
  const [head = "", tail = ""] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
  return Buffer.from(
    groups.flatMap((g) => [(parseInt(g, 16) >> 8) & 0xff, parseInt(g, 16) & 0xff]),
  );
}

const ECDSA_SHA256 = seq(oid("1.2.840.10045.4.3.2"));
const keyId = (spki: Buffer) => createHash("sha1").update(spki).digest();

function certificate(options: {
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  signer: KeyObject;
  issuerKeyId: Buffer;
  isCa: boolean;
  names?: readonly string[];
  notBefore: Date;
  notAfter: Date;
}): string {
  const spki = options.publicKey.export({ type: "spki", format: "der" });
  const extensions = [
    extension("2.5.29.19", true, options.isCa ? seq(bool(true)) : seq()),
    extension("2.5.29.14", false, octets(keyId(spki))),
    extension("2.5.29.35", false, seq(tlv(0x80, options.issuerKeyId))),
  ];
  if (options.names?.length) {
    const general = options.names.map((n) =>
      isIP(n) ? tlv(0x87, ipBytes(n)) : tlv(0x82, Buffer.from(n)),
    );
    extensions.push(extension("2.5.29.17", false, seq(...general)));
  }
  const tbs = seq(
    explicit(0, int(Buffer.from([2]))),
    int(randomBytes(12)),
    ECDSA_SHA256,
    name(options.issuer),
    seq(time(options.notBefore), time(options.notAfter)),
    name(options.subject),
    spki,
    explicit(3, seq(...extensions)),
  );
  const der = seq(tbs, ECDSA_SHA256, bits(sign("sha256", tbs, options.signer)));
  const b64 = der.toString("base64").replace(/(.{64})/g, "$1\n");
  return `-----BEGIN CERTIFICATE-----\n${b64.trimEnd()}\n-----END CERTIFICATE-----\n`;
}

const HOUR = 3_600_000;
function validity(options: IssueOptions = {}): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  if (options.expired)
    return { notBefore: new Date(now - 48 * HOUR), notAfter: new Date(now - 24 * HOUR) };
  return {
    notBefore: options.notBefore ?? new Date(now - HOUR),
    notAfter: options.notAfter ?? new Date(now + 30 * 24 * HOUR),
  };
}

const pem = (k: KeyObject) => k.export({ type: "pkcs8", format: "pem" }).toString();

/** A certificate authority for tests. Trust `ca.cert`; `ca.issue(names)` makes server certificates. */
export function createCa(commonName = "matrix-support test CA"): TestCa {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const caKeyId = keyId(publicKey.export({ type: "spki", format: "der" }));
  const cert = certificate({
    subject: commonName,
    issuer: commonName,
    publicKey,
    signer: privateKey,
    issuerKeyId: caKeyId,
    isCa: true,
    notBefore: new Date(Date.now() - HOUR),
    notAfter: new Date(Date.now() + 365 * 24 * HOUR),
  });
  return {
    cert,
    key: pem(privateKey),
    issue(names, options) {
      const leaf = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
      return {
        cert: certificate({
          subject: names[0] ?? "localhost",
          issuer: commonName,
          publicKey: leaf.publicKey,
          signer: privateKey,
          issuerKeyId: caKeyId,
          isCa: false,
          names,
          ...validity(options),
        }),
        key: pem(leaf.privateKey),
      };
    },
  };
}

/** A self-signed server certificate (not a CA): what a client must refuse. */
export function selfSigned(names: readonly string[]): KeyPairPem {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const id = keyId(publicKey.export({ type: "spki", format: "der" }));
  const subject = names[0] ?? "localhost";
  return {
    cert: certificate({
      subject,
      issuer: subject,
      publicKey,
      signer: privateKey,
      issuerKeyId: id,
      isCa: false,
      names,
      ...validity(),
    }),
    key: pem(privateKey),
  };
}

// A test CA and a `*.fleet.test` leaf signed by it, made with openssl in a temporary directory.
// Plain JavaScript so that both the TypeScript fleet (test/scan/fleet.ts) and the scan benchmark
// (bench/scan.mjs, run by bare node) use it; types in fleet-certs.d.mts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** @returns {import("./fleet-certs.d.mts").FleetCerts} */
export function makeFleetCerts() {
  const dir = mkdtempSync(join(tmpdir(), "fleet-"));
  const f = (n) => join(dir, n);
  const ssl = (...args) => execFileSync("openssl", args, { stdio: "pipe" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  ssl(
    "req",
    "-x509",
    ...ec,
    "-keyout",
    f("ca.key"),
    "-out",
    f("ca.pem"),
    "-days",
    "2",
    "-subj",
    "/CN=fleet test CA",
  );
  ssl("req", ...ec, "-keyout", f("leaf.key"), "-out", f("leaf.csr"), "-subj", "/CN=fleet.test");
  writeFileSync(f("ext.cnf"), "subjectAltName=DNS:*.fleet.test,DNS:fleet.test\n");
  ssl(
    "x509",
    "-req",
    "-in",
    f("leaf.csr"),
    "-CA",
    f("ca.pem"),
    "-CAkey",
    f("ca.key"),
    "-CAcreateserial",
    "-out",
    f("leaf.pem"),
    "-days",
    "2",
    "-extfile",
    f("ext.cnf"),
  );
  return {
    dir,
    caFile: f("ca.pem"),
    key: readFileSync(f("leaf.key")),
    cert: readFileSync(f("leaf.pem")),
  };
}

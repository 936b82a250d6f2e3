export interface FleetCerts {
  /** The temporary directory holding the keys and certificates (the caller removes it). */
  dir: string;
  /** The CA certificate's PEM file, for `--cacert`. */
  caFile: string;
  /** The `*.fleet.test` leaf's key and certificate (PEM). */
  key: Buffer;
  cert: Buffer;
}

export function makeFleetCerts(): FleetCerts;

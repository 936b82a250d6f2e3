/** Catalogue: what `export` reports about the targets it renders. Owned by src/export. */
import type { CatalogueEntry } from "../diagnostics.js";

export const EXPORT_CODES = {
  EXPORT_CONTACT_DROPPED: {
    severity: "warning",
    message:
      "{target} serves one contact only: contact {index} ({role}, {who}) is left out of {file}",
    hint: "Serve the static files, or use the nginx, Caddy, Apache or tuwunel output, to publish every contact.",
  },
  EXPORT_FIELD_DROPPED: {
    severity: "warning",
    message: '{target} has no setting for "{field}": it is left out of {file}',
    hint: "Serve the static files, or use the nginx, Caddy or Apache output, to publish the document exactly.",
  },
  EXPORT_NGINX_SSI: {
    severity: "info",
    message:
      'The {name} document contains "$", which nginx cannot write inline: nginx.conf produces it with SSI and an internal location',
    hint: "It needs only ngx_http_ssi_module, which every standard nginx build includes.",
  },
  // ---- writing to disk (src/export/write.ts, the export command) ----
  EXPORT_WOULD_OVERWRITE: {
    severity: "error",
    message:
      "{file} was not written by matrix-support export (or was changed since it was): not overwriting it",
    hint: "Nothing was written. Put the change into the config, move the file away, or pass --force to replace it.",
  },
  EXPORT_MANIFEST_UNREADABLE: {
    severity: "error",
    message: "{file} is not a manifest that matrix-support export can read: {reason}",
    hint: "Nothing was written. export keeps the list of files it wrote there; pass --force to start a new list (export then owns only the files it writes now).",
  },
  EXPORT_WRITE_FAILED: {
    severity: "error",
    message: "Cannot write {file}: {reason}",
    hint: "Give --out a directory you can write to. Each file is replaced atomically, so none is left half-written.",
  },
  EXPORT_KEPT: {
    severity: "info",
    message:
      "{file} is left alone: the config does not publish it, but export did not write it (or it was changed since)",
  },
  EXPORT_NOT_REQUESTED: {
    severity: "info",
    message: "Not written: {targets}; ask for them with --target (e.g. --target {example})",
  },
} as const satisfies Record<string, CatalogueEntry>;

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
} as const satisfies Record<string, CatalogueEntry>;

// Validate a support document (strict: is this file right?) and parse it (lenient: what can I use?).
import { parseSupport, validateSupport } from "@matrix-support/lib";

const document = {
  contacts: [
    { role: "m.role.admin", email_address: "admin@example.org" },
    { role: "m.role.security", email_address: "mailto:security@example.org" },
  ],
};

const { valid, diagnostics } = validateSupport(document, { serverName: "example.org" });
console.log(valid ? "valid" : "invalid");
for (const d of diagnostics) console.log(`${d.severity} ${d.code}: ${d.message}`);

// parseSupport keeps every usable part and drops the rest, each drop with its diagnostic.
const parsed = parseSupport(document);
console.log(`${parsed.document?.contacts?.length ?? 0} usable contact(s)`);

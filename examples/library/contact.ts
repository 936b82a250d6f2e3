// Whom to write to about a security problem on example.org: discovery plus the spec core.
import { mailtoLink, matrixToLink, pickContact } from "@matrix-support/lib";
import { discoverSupport } from "@matrix-support/lib/discover";

const result = await discoverSupport("example.org", { timeout: 5000 });
if (result.status === "found") {
  const who = pickContact(result.document, "security"); // m.role.security, else the admin
  if (who?.contact.email_address) console.log("Write to", mailtoLink(who.contact.email_address));
  if (who?.contact.matrix_id) console.log("Message", matrixToLink(who.contact.matrix_id));
} else {
  console.log("No support information:", result.status); // not_found, invalid or unreachable
}

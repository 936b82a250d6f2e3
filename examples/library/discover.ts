// Every outcome of a discovery is a value: switch on the status. discoverSupport never throws.
import { pickContact } from "@matrix-support/lib";
import { discoverSupport } from "@matrix-support/lib/discover";

const result = await discoverSupport("example.org", { timeout: 5000 });
switch (result.status) {
  case "found": {
    // result.document is the lenient parse; what was dropped is in result.diagnostics.
    const admin = pickContact(result.document, "general");
    console.log(
      "found, general contact:",
      admin?.contact.matrix_id ?? admin?.contact.email_address,
    );
    break;
  }
  case "not_found": // 404: the server publishes nothing
    console.log("not_found");
    break;
  case "invalid": // it answered, with nothing usable (200 {}, an HTML page, ...)
    console.log("invalid:", result.diagnostics.map((d) => d.code).join(", "));
    break;
  case "unreachable": // dns | address | connect | tls | headers | redirect | http | body | aborted
    console.log("unreachable:", result.failure.phase, result.failure.message);
    break;
}

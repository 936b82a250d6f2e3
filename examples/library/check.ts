// What `matrix-support check --json` prints, as a value: discovery with lint, the CORS
// preflight, Content-Type, redirects and timing.
import { checkServer } from "@matrix-support/lib/discover";

const report = await checkServer("example.org", { timeout: 5000 });
console.log(report.status);
for (const d of report.diagnostics) console.log(`${d.severity} ${d.code}: ${d.message}`);

// Scan records for the HTML report's tests: ordinary servers and hostile ones whose strings try
// to run script, load things or break the terminal-style escaping.
import type { ScanRecord } from "../../packages/cli/src/scan/summary.js";

export const XSS = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;

export function sampleRecords(): ScanRecord[] {
  return [
    {
      server_name: "good.example",
      status: "found",
      document: {
        contacts: [
          { role: "m.role.admin", email_address: "admin@good.example" },
          { role: "m.role.security", matrix_id: "@sec:other.example" },
        ],
        support_page: "https://good.example/help",
      },
      diagnostics: [],
    },
    {
      server_name: "nobackup.example",
      status: "found",
      document: { contacts: [{ role: "m.role.admin", email_address: "a@nobackup.example" }] },
      diagnostics: [
        { code: "NO_SECURITY_CONTACT", severity: "warning", message: "x" },
        { code: "NO_OFF_DOMAIN_CONTACT", severity: "warning", message: "y" },
        { code: "CORS_MISSING", severity: "error", message: "z" },
      ],
    },
    { server_name: "gone.example", status: "unreachable", document: null, diagnostics: [] },
    { server_name: "none.example", status: "not_found", document: null, diagnostics: [] },
    {
      server_name: `evil.example${XSS}`,
      status: "invalid",
      document: {
        contacts: [
          {
            role: `org.evil.role.x\u001b[31mRED\u001b]0;PWNED\u0007`,
            email_address: `${XSS}@evil.example`,
          },
          { role: "m.role.security", matrix_id: "@sec:evil.example\nFAKE LINE" },
        ],
        support_page: "javascript:window.__pwned=3",
      },
      diagnostics: [{ code: `BAD${XSS}`, severity: "error", message: XSS }],
    },
  ];
}

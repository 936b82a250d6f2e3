/**
 * Registrable domains ("eTLD+1"), approximately: the core carries no Public Suffix List (about
 * 250 KB that changes weekly), so a host's registrable domain is its last two labels, or its last
 * three when the last two are one of the common multi-label public suffixes below (`co.uk`,
 * `com.au`, ...) or a shared hosting suffix where every subdomain belongs to someone else
 * (`github.io`, `nohost.me`, ...). IP addresses and single-label names are their own domain.
 *
 * The approximation errs one way for suffixes it does not know: `a.example.xx` and `b.example.xx`
 * under an unknown two-label suffix `example.xx` count as ONE domain (`example.xx`), so a move
 * between them is not seen as a move to another domain. Hosts under the suffixes listed here are
 * told apart correctly.
 */

/** Multi-label public suffixes (ICANN section of the PSL) common among Matrix servers. */
const ICANN_SUFFIXES = [
  // United Kingdom, Ireland
  "co.uk",
  "org.uk",
  "me.uk",
  "ltd.uk",
  "plc.uk",
  "net.uk",
  "ac.uk",
  "gov.uk",
  "sch.uk",
  "nhs.uk",
  "police.uk",
  "gov.ie",
  // Australia, New Zealand
  "com.au",
  "net.au",
  "org.au",
  "edu.au",
  "gov.au",
  "asn.au",
  "id.au",
  "co.nz",
  "net.nz",
  "org.nz",
  "ac.nz",
  "govt.nz",
  "geek.nz",
  "school.nz",
  // Asia
  "co.jp",
  "ne.jp",
  "or.jp",
  "ac.jp",
  "go.jp",
  "gr.jp",
  "co.kr",
  "or.kr",
  "ne.kr",
  "ac.kr",
  "go.kr",
  "com.cn",
  "net.cn",
  "org.cn",
  "edu.cn",
  "gov.cn",
  "com.hk",
  "net.hk",
  "org.hk",
  "edu.hk",
  "gov.hk",
  "com.tw",
  "net.tw",
  "org.tw",
  "edu.tw",
  "gov.tw",
  "co.in",
  "net.in",
  "org.in",
  "firm.in",
  "gen.in",
  "ind.in",
  "ac.in",
  "edu.in",
  "gov.in",
  "com.sg",
  "net.sg",
  "org.sg",
  "edu.sg",
  "gov.sg",
  "com.my",
  "net.my",
  "org.my",
  "edu.my",
  "gov.my",
  "co.id",
  "or.id",
  "web.id",
  "ac.id",
  "go.id",
  "com.ph",
  "net.ph",
  "org.ph",
  "co.th",
  "in.th",
  "ac.th",
  "go.th",
  "com.vn",
  "net.vn",
  "org.vn",
  "com.pk",
  "net.pk",
  "org.pk",
  "com.bd",
  "co.il",
  "org.il",
  "net.il",
  "ac.il",
  "gov.il",
  "com.tr",
  "net.tr",
  "org.tr",
  "gen.tr",
  "edu.tr",
  "gov.tr",
  "com.sa",
  "com.eg",
  // Americas
  "com.br",
  "net.br",
  "org.br",
  "edu.br",
  "gov.br",
  "com.mx",
  "net.mx",
  "org.mx",
  "edu.mx",
  "gob.mx",
  "com.ar",
  "net.ar",
  "org.ar",
  "gob.ar",
  "com.co",
  "net.co",
  "org.co",
  "edu.co",
  "gov.co",
  "com.pe",
  "com.ve",
  "co.ve",
  "com.uy",
  // Europe
  "co.at",
  "or.at",
  "ac.at",
  "gv.at",
  "com.pl",
  "net.pl",
  "org.pl",
  "com.es",
  "org.es",
  "nom.es",
  "com.pt",
  "org.pt",
  "com.gr",
  "org.gr",
  "com.ua",
  "net.ua",
  "org.ua",
  "com.ru",
  "com.cy",
  "co.hu",
  "com.mt",
  // Africa
  "co.za",
  "org.za",
  "net.za",
  "web.za",
  "ac.za",
  "gov.za",
  "co.ke",
  "or.ke",
  "com.ng",
  "co.tz",
  "co.ug",
];

/**
 * Shared hosting and dynamic DNS suffixes (private section of the PSL): each subdomain is a
 * different owner, so `alice.github.io` and `mallory.github.io` are different domains.
 */
const SHARED_SUFFIXES = [
  "github.io",
  "gitlab.io",
  "codeberg.page",
  "pages.dev",
  "workers.dev",
  "netlify.app",
  "vercel.app",
  "web.app",
  "firebaseapp.com",
  "appspot.com",
  "herokuapp.com",
  "onrender.com",
  "fly.dev",
  "azurewebsites.net",
  "cloudfront.net",
  "blogspot.com",
  "duckdns.org",
  "ddns.net",
  "no-ip.org",
  "dynu.net",
  "freedns.org",
  "eu.org",
  "nohost.me",
  "noho.st",
  "ynh.fr",
  "ngrok.io",
  "ngrok-free.app",
  "trycloudflare.com",
];

/** Every multi-label suffix the approximation knows, for tests and the documentation. */
export const KNOWN_PUBLIC_SUFFIXES: ReadonlySet<string> = new Set([
  ...ICANN_SUFFIXES,
  ...SHARED_SUFFIXES,
]);

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * The registrable domain of a host name, lower-cased, without a trailing dot: `matrix.example.org`
 * -> `example.org`, `chat.example.co.uk` -> `example.co.uk`, `alice.github.io` -> `alice.github.io`.
 * IP addresses (IPv6 with or without brackets) and single-label names come back as they are
 * (lower-cased). An empty host gives "".
 */
export function registrableDomain(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.endsWith(".")) h = h.slice(0, -1);
  if (h === "") return "";
  if (h.startsWith("[") || h.includes(":") || IPV4.test(h)) return h;
  const labels = h.split(".");
  if (labels.length <= 2) return h;
  const lastTwo = labels.slice(-2).join(".");
  return KNOWN_PUBLIC_SUFFIXES.has(lastTwo) ? labels.slice(-3).join(".") : lastTwo;
}

/**
 * Choosing a language: `Accept-Language` (RFC 9110 section 12.5.4) with q-values and `*`, and a
 * single tag (`?lang=`) matched leniently (RFC 4647 lookup, then the same language in another
 * region). Pure: no I/O, no `Intl` (workers and old runtimes lack parts of it).
 */

const TAG = /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/;
/** Chinese regions written in Traditional characters. */
const HANT_REGIONS = new Set(["tw", "hk", "mo"]);
/** Ranges read from one header: more is an attack or a bug, not a preference. */
const MAX_RANGES = 32;

/**
 * The tag of `available` that `tag` means, or undefined. Case-insensitive; `_` is read as `-`.
 * Order: the same tag; Chinese by script (`zh`, `zh-CN`, `zh-SG`, `zh-Hans-*` mean Simplified,
 * `zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant-*` Traditional, never the other); the tag cut short one
 * subtag at a time (`de-CH-1996` -> `de-CH` -> `de`); the same language in another region
 * (`pt`, `pt-PT` -> `pt-BR`).
 */
export function matchLanguage(tag: string, available: readonly string[]): string | undefined {
  const wanted = tag.trim().toLowerCase().replace(/_/g, "-");
  if (!TAG.test(wanted)) return undefined;
  const lower = available.map((a) => a.toLowerCase());
  const exact = lower.indexOf(wanted);
  if (exact !== -1) return available[exact];
  const parts = wanted.split("-");
  const primary = parts[0] ?? "";
  if (primary === "zh") {
    // Chinese is matched by script, written or implied by the region, never across scripts.
    const script = chineseScript(parts);
    const i = lower.findIndex((a) => {
      const p = a.split("-");
      return p[0] === "zh" && chineseScript(p) === script;
    });
    return i === -1 ? undefined : available[i];
  }
  for (let n = parts.length - 1; n > 0; n--) {
    const i = lower.indexOf(parts.slice(0, n).join("-"));
    if (i !== -1) return available[i];
  }
  const i = lower.findIndex((a) => a.split("-")[0] === primary);
  return i === -1 ? undefined : available[i];
}

/** `hant` for zh-Hant-* and the Traditional regions (TW, HK, MO), else `hans`. */
function chineseScript(parts: readonly string[]): "hans" | "hant" {
  const script = parts.find((p) => p === "hans" || p === "hant");
  if (script === "hans" || script === "hant") return script;
  const region = parts.slice(1).find((p) => p.length === 2);
  return region !== undefined && HANT_REGIONS.has(region) ? "hant" : "hans";
}

/** One language range of an Accept-Language header, with its quality value. */
export interface LanguageRange {
  /** The range as written (`pt-BR`, `*`), lower case. */
  tag: string;
  /** Its weight, 0 to 1 (`q=`; 1 when absent). */
  q: number;
}

/** The ranges of an Accept-Language value, best first (ties keep their order); malformed ones dropped. */
export function parseAcceptLanguage(header: string): LanguageRange[] {
  const ranges: LanguageRange[] = [];
  for (const item of header.split(",", MAX_RANGES)) {
    const [first, ...params] = item.split(";");
    const tag = (first ?? "").trim();
    if (tag === "") continue;
    let q = 1;
    for (const p of params) {
      const [name, value] = p.split("=").map((s) => s.trim());
      if (name?.toLowerCase() !== "q") continue;
      q =
        value !== undefined && /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value)
          ? Number(value)
          : -1;
    }
    if (q < 0) continue;
    ranges.push({ tag, q });
  }
  return ranges
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.q - a.r.q || a.i - b.i)
    .map(({ r }) => r);
}

/**
 * The best of `available` for an `Accept-Language` header; `fallback` when the header is absent
 * or names nothing available. `*` stands for any language not named: the fallback, unless the
 * header refused it with `q=0`. `fallback` should be one of `available`.
 */
export function negotiateLanguage(
  header: string | null | undefined,
  available: readonly string[],
  fallback: string,
): string {
  if (!header) return fallback;
  const ranges = parseAcceptLanguage(header);
  const refused = new Set<string>();
  for (const r of ranges) {
    if (r.q !== 0 || r.tag === "*") continue;
    const m = matchLanguage(r.tag, available);
    // Only a refusal of that exact language counts: "en-GB;q=0" does not refuse all English.
    if (m !== undefined && m.toLowerCase() === r.tag.toLowerCase()) refused.add(m);
  }
  for (const r of ranges) {
    if (r.q === 0) continue;
    if (r.tag === "*") {
      if (!refused.has(fallback)) return fallback;
      const other = available.find((a) => !refused.has(a));
      if (other !== undefined) return other;
      continue;
    }
    const m = matchLanguage(r.tag, available);
    if (m !== undefined && !refused.has(m)) return m;
  }
  return fallback;
}

/**
 * Message templates: `{name}` stands for a value. Translations must keep the same placeholders
 * as the English text (a test checks it); the order may change.
 */
const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholder names of a template, each once, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/**
 * The template split into literal text and values, in order: for building DOM nodes or escaped
 * HTML around values of any type. A placeholder without a value stays as written.
 */
export function formatParts<T>(
  template: string,
  values: Readonly<Record<string, T>>,
): (string | T)[] {
  const out: (string | T)[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1] as string;
    if (!Object.hasOwn(values, name)) continue;
    if (m.index > last) out.push(template.slice(last, m.index));
    out.push(values[name] as T);
    last = m.index + m[0].length;
  }
  if (last < template.length) out.push(template.slice(last));
  return out;
}

/** The template with its placeholders filled in. */
export function format(
  template: string,
  values: Readonly<Record<string, string | number>>,
): string {
  return formatParts(template, values).map(String).join("");
}

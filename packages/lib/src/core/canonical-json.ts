/** One text per JSON value, whatever the key order: how documents, contacts and configs are compared. */

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * JSON with object keys sorted (by UTF-16 code units, as `Array.prototype.sort`), so key order
 * never counts as a difference. Values JSON cannot hold (`undefined`, functions) read as `null`.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
}

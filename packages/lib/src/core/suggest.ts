/** "Did you mean ...?": the known name an unknown one probably means (config keys, flags, commands). */

/** Edits (insert, delete, replace, swap two neighbours) between two strings, capped at `max + 1`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (rows[i - 1]?.[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (rows[i - 1]?.[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return Math.min(rows[a.length]?.[b.length] ?? max + 1, max + 1);
}

/**
 * The known key an unknown one probably means: the same but for case and `-`/`_`, or within two
 * edits; "" when none is that close.
 */
export function suggestKey(key: string, known: readonly string[]): string {
  const norm = (k: string) => k.toLowerCase().replace(/[-_$]/g, "");
  const n = norm(key);
  let best = "";
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(n, norm(k));
    if (d < bestDistance && d < n.length) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

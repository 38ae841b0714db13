// Numbers in .rm5 attributes use Java's Double.toString ("0.8968655609130709",
// "2.25E-12", "5.0"), and also "NaN", "-Infinity" and "" (rm5-format.md §1, §9.3).

/** Parses a Java double; null when the attribute is absent or empty, NaN/±Infinity kept. */
export function parseJavaDouble(value: string | undefined): number | null {
  if (value === undefined) return null;
  const s = value.trim();
  if (s === '') return null;
  if (s === 'NaN') return Number.NaN;
  if (s === 'Infinity' || s === '+Infinity') return Number.POSITIVE_INFINITY;
  if (s === '-Infinity') return Number.NEGATIVE_INFINITY;
  const n = Number(s);
  return Number.isNaN(n) ? null : n;
}

export function parseYesNo(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  const s = value.trim().toUpperCase();
  if (s === 'YES') return true;
  if (s === 'NO') return false;
  return null;
}

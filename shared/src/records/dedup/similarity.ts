// String and set similarity for record comparison, cheap enough for every candidate pair.

/**
 * 1 − (edit distance / longer length), computed only within a band: when the distance must
 * exceed `1 − floor` of the length the answer is just "below floor" (0), which keeps the cost
 * at O(length × band) instead of O(length²).
 */
export function editSimilarity(a: string, b: string, floor = 0.8): number {
  if (a === b) return 1;
  const n = a.length;
  const m = b.length;
  const longer = Math.max(n, m);
  if (longer === 0) return 1;
  const band = Math.floor((1 - floor) * longer);
  if (Math.abs(n - m) > band) return 0;
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  const BIG = longer + 1;
  for (let j = 0; j <= m; j++) prev[j] = j <= band ? j : BIG;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    cur.fill(BIG);
    cur[0] = i <= band ? i : BIG;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j - 1]! + cost, prev[j]! + 1, cur[j - 1]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > band) return 0;
    [prev, cur] = [cur, prev];
  }
  const d = prev[m]!;
  return d > band ? 0 : 1 - d / longer;
}

/**
 * |A ∩ B| / min(|A|, |B|): 1 when one author list is a subset of the other (truncated lists,
 * "et al."). Names of five letters or more also match with one letter wrong, added or lost
 * ("Hiess"/"Hiessl", "Stensson"/"Ostensson" where a database dropped an "Ö").
 */
export function overlapCoefficient(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const t of small) {
    if (big.has(t)) shared++;
    else if (t.length >= 5) {
      for (const u of big) {
        if (u.length >= 5 && Math.abs(u.length - t.length) <= 1 && editSimilarity(t, u, 0.8) > 0 && levenshteinAtMostOne(t, u)) {
          shared++;
          break;
        }
      }
    }
  }
  return shared / small.size;
}

function levenshteinAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

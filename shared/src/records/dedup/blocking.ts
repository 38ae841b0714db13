import type { NormalisedRecord } from './normalise.ts';

// Blocking: which pairs are worth comparing. Each record gets a few keys; only records sharing
// a key are compared, so the cost grows with the number of records times the (small) block
// sizes rather than with its square. Keys are chosen so that a duplicate shares at least one
// even when the other fields vary: an identifier; the title's start; the title's end (a typo
// or a dropped subtitle spoils only one of them); first author with year and first page; and
// year, volume and first page together.

/** Blocks larger than this are compared only within a sliding window of sorted titles. */
export const MAX_BLOCK = 64;

export function blockingKeys(n: NormalisedRecord): string[] {
  const r = n.record;
  const keys: string[] = [];
  if (r.doi) keys.push(`doi:${r.doi.replace(/\.pub\d+$/, '')}`);
  if (r.pmid) keys.push(`pmid:${r.pmid}`);
  for (const id of r.registryIds) keys.push(`reg:${id}`);
  if (n.informativeTitle) for (const t of n.titles) keys.push(...titleKeys(t));
  if (n.firstAuthor && r.year !== null && n.pages) keys.push(`ayp:${n.firstAuthor}|${r.year}|${n.pages}`);
  if (r.year !== null && n.volume && n.pages) keys.push(`yvp:${r.year}|${n.volume}|${n.pages}`);
  if (n.firstAuthor && n.volume && n.pages) keys.push(`avp:${n.firstAuthor}|${n.volume}|${n.pages}`);
  // A title can give one key twice (its start and its compact form): one entry per block, never a pair with itself.
  return [...new Set(keys)];
}

function titleKeys(t: string): string[] {
  const words = t.split(' ');
  const keys = [`t0:${words.slice(0, 5).join(' ')}`];
  if (words.length > 5) keys.push(`t1:${words.slice(-5).join(' ')}`);
  keys.push(`tc:${t.replace(/ /g, '').slice(0, 24)}`);
  return keys;
}

/** Every candidate pair (i < j), each once. */
export function candidatePairs(records: NormalisedRecord[]): Array<[number, number]> {
  const blocks = new Map<string, number[]>();
  records.forEach((n, i) => {
    for (const k of blockingKeys(n)) {
      const list = blocks.get(k);
      if (list) list.push(i);
      else blocks.set(k, [i]);
    }
  });
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const total = records.length;
  const add = (i: number, j: number) => {
    const [a, b] = i < j ? [i, j] : [j, i];
    const key = a * total + b;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push([a, b]);
  };
  for (const members of blocks.values()) {
    if (members.length < 2) continue;
    if (members.length <= MAX_BLOCK) {
      for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) add(members[x]!, members[y]!);
    } else {
      // A huge block (a common title start): neighbours in title order only.
      const sorted = [...members].sort((p, q) => (records[p]!.titles[0] ?? '').localeCompare(records[q]!.titles[0] ?? ''));
      for (let x = 0; x < sorted.length; x++)
        for (let y = x + 1; y < Math.min(sorted.length, x + MAX_BLOCK); y++) add(sorted[x]!, sorted[y]!);
    }
  }
  return pairs;
}

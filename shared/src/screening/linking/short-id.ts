// A study's short ID, the name reviews cite it by: the first author's surname and the
// year of the study's first report, with a letter when two studies share both
// ("Cook 2012a", "Cook 2012b"; Cochrane Handbook 4.6.2). The one rule for every place a
// study is named from its reports (study linking, included records flowing into the
// Studies stage).

/** Authors are stored "Last, First" (shared/src/records/authors.ts); the surname is what precedes the comma. */
export function surnameOf(author: string): string {
  const name = author.normalize('NFC').replace(/\s+/g, ' ').trim();
  const comma = name.indexOf(',');
  const last = (comma >= 0 ? name.slice(0, comma) : name).trim();
  if (last === '') return '';
  // A surname in capitals ("COOK", "ØVRETVEIT", some MEDLINE exports) is written as a name,
  // keeping particles ("van") and hyphenated parts ("Smith-Jones").
  if (last === last.toUpperCase() && last !== last.toLowerCase())
    return last.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
  return last;
}

/** "Cook 2012": the base before any suffix. Without an author "Anonymous", without a year "n.d.". */
export function shortIdBase(firstAuthor: string | null, year: number | null): string {
  const surname = firstAuthor ? surnameOf(firstAuthor) : '';
  return `${surname || 'Anonymous'} ${year ?? 'n.d.'}`;
}

/** a, b, …, z, aa, ab, … */
function suffix(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

/** Labels compare without case, and with accents composed the same way ("Müller" typed two ways is one name). */
function labelKey(label: string): string {
  return label.normalize('NFC').trim().toLocaleLowerCase('en');
}

/** Whether some label is the base with a letter ("cook 2012b" for "cook 2012"). */
function lettered(used: ReadonlySet<string>, key: string): boolean {
  for (const label of used) if (label.startsWith(key) && /^[a-z]+$/.test(label.slice(key.length))) return true;
  return false;
}

/**
 * Short IDs for new studies, given the labels already taken. New studies sharing a base
 * are told apart by letters in the order given; a base already taken unsuffixed counts as
 * its "a", so a new study beside an existing "Cook 2012" is "Cook 2012b" (the existing one
 * is not renamed: the reviewer may, and every other name stays as cited).
 */
export function assignShortIds(studies: readonly { firstAuthor: string | null; year: number | null }[], taken: Iterable<string>): string[] {
  const used = new Set([...taken].map(labelKey));
  const bases = studies.map((s) => shortIdBase(s.firstAuthor, s.year));
  const shares = new Map<string, number>();
  for (const b of bases) shares.set(labelKey(b), (shares.get(labelKey(b)) ?? 0) + 1);
  return bases.map((base) => {
    const key = labelKey(base);
    // Alone, and no study of that author and year yet: no letter. Otherwise the first free
    // letter, skipping "a" when the plain base stands for it.
    if ((shares.get(key) ?? 0) === 1 && !used.has(key) && !lettered(used, key)) {
      used.add(key);
      return base;
    }
    for (let n = used.has(key) ? 1 : 0; ; n++) {
      const label = `${base}${suffix(n)}`;
      if (!used.has(labelKey(label))) {
        used.add(labelKey(label));
        return label;
      }
    }
  });
}

/** One new study's short ID. */
export function shortId(firstAuthor: string | null, year: number | null, taken: Iterable<string>): string {
  return assignShortIds([{ firstAuthor, year }], taken)[0]!;
}

// The number of participants a report gives, where its abstract states it plainly
// ("n = 120", "N=64", "120 participants", "a total of 98 patients were randomised").
// Study linking compares it between reports of one first author and year: two reports of
// the same trial give the same number; different numbers make a link unlikely.
// Only the first plain statement is read; an abstract that gives none is "unknown".

const PEOPLE =
  'participants|patients|people|persons|adults|adolescents|children|women|men|mothers|fathers|parents|carers|caregivers|' +
  'students|subjects|individuals|veterans|volunteers|residents|clients|service users|users|members|outpatients|inpatients';

const PATTERNS: readonly RegExp[] = [
  // "N = 120", "n=64", "(N = 1,204)"
  /\b[Nn]\s*=\s*(\d{1,3}(?:,\d{3})+|\d+)\b/,
  // "120 participants", "1,204 adults with …", "a total of 98 patients"
  new RegExp(`\\b(\\d{1,3}(?:,\\d{3})+|\\d+)\\s+(?:[a-z-]+\\s+){0,2}?(?:${PEOPLE})\\b`, 'i'),
];

/** The sample size an abstract states, or null. Numbers outside 2 … 10,000,000 are not sample sizes. */
export function sampleSizeOf(text: string | null): number | null {
  if (!text) return null;
  for (const pattern of PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const n = Number(m[1]!.replace(/,/g, ''));
    if (Number.isInteger(n) && n >= 2 && n <= 10_000_000) return n;
  }
  return null;
}

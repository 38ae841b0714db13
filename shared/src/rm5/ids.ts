// RevMan 5 identifiers (rm5-format.md §3, §6): study ids are "STD-" + the name with spaces
// turned into "-" and other characters outside [A-Za-z0-9.] escaped the way .NET's
// XmlConvert does (_xHHHH_: "-" is _x002d_, "_" is _x005f_); analyses are numbered
// CMP-001, CMP-001.01, CMP-001.01.01 in step with their NO.

const PLAIN = /[A-Za-z0-9.]/;

/** "El-Daher 1991" → "STD-El_x002d_Daher-1991". */
export function rm5StudyId(name: string): string {
  let out = 'STD-';
  for (const ch of name.trim()) {
    if (ch === ' ') out += '-';
    else if (PLAIN.test(ch)) out += ch;
    else {
      const cp = ch.codePointAt(0) as number;
      out += cp > 0xffff ? `_x${cp.toString(16).padStart(8, '0')}_` : `_x${cp.toString(16).padStart(4, '0')}_`;
    }
  }
  return out;
}

/** The name a study id was made from ("STD-El_x002d_Daher-1991" → "El-Daher 1991"); for display only. */
export function rm5StudyNameFromId(id: string): string {
  return id
    .replace(/^STD-/, '')
    .replace(/-/g, ' ')
    .replace(/_x([0-9a-fA-F]{4}|[0-9a-fA-F]{8})_/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)));
}

/** Makes `id` unique among `taken` by suffixing _x005f_2, _x005f_3 … (an escaped "_2"). */
export function uniqueRm5Id(id: string, taken: Set<string>): string {
  let out = id;
  for (let n = 2; taken.has(out); n++) out = `${id}_x005f_${n}`;
  taken.add(out);
  return out;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export const comparisonId = (no: number): string => `CMP-${pad(no, 3)}`;
export const outcomeId = (cmpNo: number, no: number): string => `${comparisonId(cmpNo)}.${pad(no, 2)}`;
export const subgroupId = (cmpNo: number, outNo: number, no: number): string => `${outcomeId(cmpNo, outNo)}.${pad(no, 2)}`;
export const qualityItemId = (no: number): string => `QIT-${pad(no, 2)}`;
export const qualityGroupId = (itemNo: number, no: number): string => `${qualityItemId(itemNo).replace('QIT', 'QIG')}.${pad(no, 2)}`;

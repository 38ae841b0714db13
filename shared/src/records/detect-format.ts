// Which export format a file is, from its content (a `.txt` can be PubMed, Web of Science or
// Zoological Record; a `.ris` can be anything a database called RIS). The file name is not
// consulted: only what the file holds.

export const EXPORT_FORMATS = ['ris', 'medline', 'wos', 'endnote-xml', 'bibtex', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_NAMES: Record<ExportFormat, string> = {
  ris: 'RIS',
  medline: 'PubMed/MEDLINE',
  wos: 'Web of Science plain text',
  'endnote-xml': 'EndNote XML',
  bibtex: 'BibTeX',
  csv: 'CSV / tab-delimited',
};

export function isExportFormat(name: string): name is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(name);
}

/** The format of a file from its first few kilobytes of text; null when none fits. */
export function detectFormat(sample: string): ExportFormat | null {
  const text = sample.replace(/^\uFEFF/, '');
  const head = text.trimStart();
  if (head.startsWith('<')) return /<(?:xml|records|record)\b/.test(head) ? 'endnote-xml' : null;
  const lines = text.split(/\r\n|\r|\n/).slice(0, 400);
  const nonBlank = lines.filter((l) => l.trim() !== '');
  if (nonBlank.length === 0) return null;
  if (/^(?:FN |VR |PT [A-Z]\b)/.test(nonBlank[0]!)) return 'wos';
  if (/^PT\tAU\t/.test(nonBlank[0]!)) return 'csv';
  if (lines.some((l) => /^PMID- ?\d/.test(l))) return 'medline';
  if (lines.some((l) => /^TY {1,2}- ?\S/.test(l))) return 'ris';
  if (lines.some((l) => /^\s*@\s*[a-zA-Z]+\s*[{(]/.test(l))) return 'bibtex';
  // Medline without PMID lines (e.g. an excerpt) still has its padded four-letter tags.
  if (nonBlank.filter((l) => /^[A-Z]{2,4} {0,2}- /.test(l)).length >= 3 && nonBlank.some((l) => /^(?:TI|AU|FAU|AB)\s*- /.test(l)))
    return 'medline';
  const first = nonBlank[0]!;
  if (/[,;\t]/.test(first) && /title|doi|author|\bID\b|\bkey\b/i.test(first)) return 'csv';
  return null;
}

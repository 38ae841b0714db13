// What a merge keeps: the kept record's own fields, completed from the records merged into it
// where the kept one has nothing (an abstract only one database exports, a DOI another adds).
// A read-time view: the merged records stay as they were imported, so undoing a merge loses
// nothing.

export interface CompletableRecord {
  title: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  doi: string | null;
  pmid: string | null;
  pmcid: string | null;
  abstract: string | null;
  registryIds: string[];
}

const SCALARS = ['title', 'year', 'journal', 'volume', 'issue', 'pages', 'doi', 'pmid', 'pmcid', 'abstract'] as const;

/** `kept` with each empty field taken from the first member that has it; registry ids from all of them. */
export function completeFromMembers<T extends CompletableRecord>(kept: T, members: readonly CompletableRecord[]): T {
  const out: T = { ...kept, authors: [...kept.authors], registryIds: [...kept.registryIds] };
  for (const field of SCALARS) {
    if (out[field] !== null && out[field] !== '') continue;
    const from = members.find((m) => m[field] !== null && m[field] !== '');
    if (from) (out as CompletableRecord)[field] = from[field] as never;
  }
  if (out.authors.length === 0) out.authors = [...(members.find((m) => m.authors.length > 0)?.authors ?? [])];
  out.registryIds = [...new Set([...out.registryIds, ...members.flatMap((m) => m.registryIds)])];
  return out;
}

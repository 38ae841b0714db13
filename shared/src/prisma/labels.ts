import type { FlowCount } from './flow.ts';

// The wording of the PRISMA 2020 template for new reviews (databases, registers and other
// sources), and how a count is written in it. The diagram and the workbench's text use these;
// the CSV writes the same labels into the PRISMA2020 app's `boxtext` column.

export const PRISMA_LABELS = {
  databasesHeader: 'Identification of studies via databases and registers',
  otherHeader: 'Identification of studies via other methods',
  identification: 'Identification',
  screening: 'Screening',
  included: 'Included',
  identifiedFromStar: 'Records identified from*:',
  identifiedFrom: 'Records identified from:',
  databases: 'Databases',
  registers: 'Registers',
  websites: 'Websites',
  organisations: 'Organisations',
  citations: 'Citation searching',
  otherSources: 'Other sources',
  removedBeforeScreening: 'Records removed before screening:',
  duplicates: 'Duplicate records removed',
  automation: 'Records marked as ineligible by automation tools',
  otherRemoved: 'Records removed for other reasons',
  screened: 'Records screened',
  recordsExcluded: 'Records excluded**',
  sought: 'Reports sought for retrieval',
  notRetrieved: 'Reports not retrieved',
  assessed: 'Reports assessed for eligibility',
  reportsExcluded: 'Reports excluded',
  studiesIncluded: 'Studies included in review',
  reportsIncluded: 'Reports of included studies',
  studiesInMetaAnalysis: 'Studies included in meta-analysis',
} as const;

export const PRISMA_FOOTNOTES = {
  perSource:
    '*Consider, if feasible to do so, reporting the number of records identified from each database or register searched (rather than the total number across all databases/registers).',
  automation:
    '**If automation tools were used, indicate how many records were excluded by a human and how many were excluded by automation tools.',
  handEntered: '† Entered by hand: the review holds the count but not the records or decisions behind it.',
  citation:
    'From: Page MJ, McKenzie JE, Bossuyt PM, Boutron I, Hoffmann TC, Mulrow CD, et al. The PRISMA 2020 statement: an updated guideline for reporting systematic reviews. BMJ 2021;372:n71. doi: 10.1136/bmj.n71',
} as const;

/** The mark after a hand-entered count. */
export const HAND_ENTERED_MARK = '†';

/** "7,198" */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "(n = 7,198†)", "(n = 98)" or "(n = not recorded)". */
export function countText(c: FlowCount): string {
  if (c === null) return '(n = not recorded)';
  return `(n = ${formatCount(c.n)}${c.source === 'hand-entered' ? HAND_ENTERED_MARK : ''})`;
}

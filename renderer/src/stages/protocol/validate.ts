import type * as z from 'zod';
import { protocolConsistencyIssues, protocolSchema, searchCountsSchema, type Protocol, type SearchCounts } from '@grove/shared';
import type { Issue } from '../../data/useSectionForm.ts';

// Local validation with the very schemas the server uses, one top-level section at a
// time, so a message appears next to the field while the user types.

export type ProtocolKey = keyof Protocol & string;

export const PROTOCOL_SECTION_LABELS: Readonly<Record<ProtocolKey, string>> = {
  title: 'Title',
  registration: 'Registration',
  question: 'Review question',
  pico: 'PICO',
  eligibility: 'Eligibility criteria',
  searches: 'Searches',
  outcomeDomains: 'Outcome domains',
  plannedOutcomes: 'Planned outcomes',
  timepointCategories: 'Timepoint categories',
  plannedAnalyses: 'Planned analyses',
  conventions: 'Analysis conventions',
  methods: 'Methods',
};

function friendly(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'must be a number';
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  return issue.message;
}

export function schemaIssues(schema: z.ZodType, value: unknown, prefix: string): Issue[] {
  const r = schema.safeParse(value);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: friendly(i) }));
}

export function validateProtocolSection(p: Protocol, key: ProtocolKey): Issue[] {
  const issues = schemaIssues(protocolSchema.shape[key] as z.ZodType, p[key], key);
  for (const c of protocolConsistencyIssues(p)) {
    if (c.path.startsWith(`${key}.`) && !issues.some((i) => i.path === c.path)) issues.push(c);
  }
  return issues;
}

export type SearchCountKey = keyof SearchCounts & string;

export function validateSearchCount(c: SearchCounts, key: SearchCountKey): Issue[] {
  return schemaIssues(searchCountsSchema.shape[key] as z.ZodType, c[key], key);
}

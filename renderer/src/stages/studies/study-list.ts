import type { Study } from '@grove/shared';
import { compareLabels, filterWords, matchesFilter } from '../../components/list-filter.ts';

// The study list's filter and sort, pure: a study is found by its label, identifiers,
// status and its reports' titles and authors.

export const STUDY_SORTS = ['label', 'label-desc', 'status', 'reports'] as const;
export type StudySort = (typeof STUDY_SORTS)[number];

export const STUDY_SORT_LABELS: Readonly<Record<StudySort, string>> = {
  label: 'Study A–Z',
  'label-desc': 'Study Z–A',
  status: 'Status',
  reports: 'Most reports',
};

export function visibleStudies(
  studies: readonly Study[],
  query: string,
  sort: StudySort,
  statusLabel: (status: Study['status']) => string,
): Study[] {
  const words = filterWords(query);
  const kept = studies.filter((s) =>
    matchesFilter(words, s.label, s.identifiers, statusLabel(s.status), ...s.reports.flatMap((r) => [r.title, r.authors])),
  );
  const byLabel = (a: Study, b: Study) => compareLabels(a.label, b.label);
  const order: Record<StudySort, (a: Study, b: Study) => number> = {
    label: byLabel,
    'label-desc': (a, b) => byLabel(b, a),
    status: (a, b) => compareLabels(statusLabel(a.status), statusLabel(b.status)) || byLabel(a, b),
    reports: (a, b) => b.reports.length - a.reports.length || byLabel(a, b),
  };
  return kept.sort(order[sort]);
}

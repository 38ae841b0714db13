import { describe, expect, it } from 'vitest';
import { emptyReportFields, type Study } from '@grove/shared';
import { visibleStudies } from './study-list.ts';

const study = (label: string, status: Study['status'], reports: string[] = [], identifiers = ''): Study =>
  ({
    id: label,
    label,
    status,
    identifiers,
    notes: '',
    reports: reports.map((title, i) => ({ ...emptyReportFields(), id: `${label}-${i}`, studyId: label, title })),
  }) as unknown as Study;
const labels = (s: readonly Study[]) => s.map((x) => x.label);
const statusLabel = (s: Study['status']) => (s === 'included' ? 'Included' : 'Excluded');

describe('visibleStudies', () => {
  const all = [
    study('Trial 10', 'included', ['Main results']),
    study('Trial 9', 'excluded'),
    study('Rüsch 2014', 'included', ['A', 'B'], 'NCT0001'),
  ];
  it('filters by label, identifiers, status and report titles', () => {
    expect(labels(visibleStudies(all, 'rusch', 'label', statusLabel))).toEqual(['Rüsch 2014']);
    expect(labels(visibleStudies(all, 'nct0001', 'label', statusLabel))).toEqual(['Rüsch 2014']);
    expect(labels(visibleStudies(all, 'excluded', 'label', statusLabel))).toEqual(['Trial 9']);
    expect(labels(visibleStudies(all, 'main results', 'label', statusLabel))).toEqual(['Trial 10']);
  });
  it('sorts by label (numbers by value), reversed, by status and by reports', () => {
    expect(labels(visibleStudies(all, '', 'label', statusLabel))).toEqual(['Rüsch 2014', 'Trial 9', 'Trial 10']);
    expect(labels(visibleStudies(all, '', 'label-desc', statusLabel))).toEqual(['Trial 10', 'Trial 9', 'Rüsch 2014']);
    expect(labels(visibleStudies(all, '', 'status', statusLabel))).toEqual(['Trial 9', 'Rüsch 2014', 'Trial 10']);
    expect(labels(visibleStudies(all, '', 'reports', statusLabel))).toEqual(['Rüsch 2014', 'Trial 10', 'Trial 9']);
  });
});

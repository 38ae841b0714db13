import { describe, expect, it } from 'vitest';
import { invalidationFor } from './invalidation.ts';
import { queryKeys, TABLE_READERS } from './query-keys.ts';

const keysOf = (table: string) => {
  const inv = invalidationFor({ id: 1, label: 'x', touched: [{ table, ids: ['a'] }] });
  if (inv.kind !== 'some') throw new Error('expected some keys');
  return inv.keys.map((k) => JSON.stringify(k));
};

describe('invalidationFor', () => {
  it('invalidates everything when the backend does not say what changed', () => {
    expect(invalidationFor(undefined)).toEqual({ kind: 'all' });
  });

  it('invalidates nothing when the mutation wrote nothing', () => {
    expect(invalidationFor(null)).toEqual({ kind: 'some', keys: [] });
  });

  it('a results-grid edit (arm_result) stales the study data, the analyses and the reports, but not the protocol, studies or form', () => {
    const keys = keysOf('arm_result');
    for (const k of [queryKeys.studyDataAll, queryKeys.analysesAll, queryKeys.analysisRun, queryKeys.reports, queryKeys.audit]) {
      expect(keys).toContain(JSON.stringify(k));
    }
    for (const k of [queryKeys.protocol, queryKeys.studies, queryKeys.form, queryKeys.grades, queryKeys.settings, queryKeys.reviewers]) {
      expect(keys).not.toContain(JSON.stringify(k));
    }
  });

  it('a review setting stales the settings, the RoB views and the summary of findings', () => {
    const keys = keysOf('review_settings');
    expect(keys).toContain(JSON.stringify(queryKeys.settings));
    expect(keys).toContain(JSON.stringify(queryKeys.reports));
    expect(keys).not.toContain(JSON.stringify(queryKeys.studyDataAll));
  });

  it('the review row, which every change stamps, refetches nothing; the title (protocol) refreshes the summary', () => {
    expect(keysOf('review')).toEqual([JSON.stringify(queryKeys.audit)]);
    expect(keysOf('protocol')).toContain(JSON.stringify(queryKeys.reviewSummary));
  });

  it('a RoB judgement stales the analyses and their sensitivity runs, not the study data', () => {
    const keys = keysOf('rob1_judgement');
    for (const k of [queryKeys.analysesAll, queryKeys.analysisRun, queryKeys.rob, queryKeys.reports])
      expect(keys).toContain(JSON.stringify(k));
    expect(keys).not.toContain(JSON.stringify(queryKeys.studyDataAll));
  });

  it("an extracted value or a form change stales an outcome's meta-regression (its moderators are extraction fields)", () => {
    const key = queryKeys.outcomeMetaRegression('CMP-001.01', { moderators: ['field-age'], test: 'z' });
    const coveredBy = (table: string) => {
      const inv = invalidationFor({ id: 1, label: 'x', touched: [{ table, ids: ['a'] }] });
      if (inv.kind !== 'some') throw new Error('expected some keys');
      return inv.keys.some((prefix) => prefix.every((part, i) => JSON.stringify(part) === JSON.stringify(key[i])));
    };
    for (const table of ['characteristic_value', 'form_field', 'arm_result', 'stored_data_row']) expect(coveredBy(table)).toBe(true);
    expect(coveredBy('screening_decision')).toBe(false);
  });

  it('the outline of the one analysis model (migration 0005) stales the analyses and reports', () => {
    for (const table of ['comparison', 'stored_analysis', 'stored_subgroup', 'stored_data_row']) {
      const keys = keysOf(table);
      for (const k of [queryKeys.analysesAll, queryKeys.analysisRun, queryKeys.storedAnalyses, queryKeys.reports]) {
        expect(keys).toContain(JSON.stringify(k));
      }
      expect(keys).not.toContain(JSON.stringify(queryKeys.protocol));
    }
  });

  it('merges the readers of every touched table once', () => {
    const inv = invalidationFor({
      id: 2,
      label: 'Delete study',
      touched: [
        { table: 'study', ids: ['s1'] },
        { table: 'report', ids: ['r1', 'r2'] },
      ],
    });
    if (inv.kind !== 'some') throw new Error('expected some keys');
    const ids = inv.keys.map((k) => JSON.stringify(k));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(JSON.stringify(queryKeys.studies));
  });

  it('a table no query is mapped to invalidates everything rather than leave a screen stale', () => {
    expect(invalidationFor({ id: 3, label: 'x', touched: [{ table: 'a_table_from_the_future', ids: [] }] })).toEqual({ kind: 'all' });
  });

  it('maps every table of the schema', () => {
    const schemaTables = [
      'review',
      'protocol',
      'outcome_domain',
      'planned_outcome',
      'timepoint_category',
      'planned_analysis',
      'search_counts',
      'reviewer',
      'study',
      'report',
      'form_section',
      'form_field',
      'characteristic_value',
      'arm',
      'study_outcome',
      'timepoint',
      'arm_result',
      'rob_settings',
      'rob1_judgement',
      'rob2_assessment',
      'comparison',
      'stored_analysis',
      'stored_subgroup',
      'stored_data_row',
      'revman_study',
      'revman_report',
      'rob_item',
      'rob_item_judgement',
      'revman_part',
      'review_settings',
      'grade_assessment',
      'search_log',
      'record',
      'record_merge',
      'dedup_pair',
    ];
    expect(schemaTables.filter((t) => !TABLE_READERS.has(t))).toEqual([]);
  });
});

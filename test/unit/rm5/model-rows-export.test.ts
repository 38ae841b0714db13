import { describe, expect, it } from 'vitest';
import type { RevmanAnalysis, RevmanDataRow, RevmanSection } from '../../../shared/src/rm5/document-section.ts';
import { sectionWithModelRows, type AnalysedForExport } from '../../../shared/src/rm5/model-rows-export.ts';
import type { DataRow } from '../../../shared/src/outcomes/data-rows.ts';
import { presetSettings, REVMAN5_PRESET, type DichotomousAnalysisInput } from '../../../shared/src/stats/index.ts';

// Completing a native review's planned outcomes for the RevMan export: derived rows become
// data rows with their numbers, the outcome gets the settings it is pooled with, outcomes
// entered RevMan's way stay as stored, and rows outside every subgroup are never dropped.

const analysis = (id: string, planned: boolean): RevmanAnalysis => ({
  id,
  comparisonId: 'c1',
  position: 0,
  rm5Id: id === 'a1' ? 'CMP-001.01' : 'CMP-001.02',
  no: id === 'a1' ? 1 : 2,
  kind: 'CONT',
  name: `Outcome ${id}`,
  effectMeasure: null,
  method: null,
  random: true,
  ciStudy: 95,
  ciTotal: 95,
  totals: 'YES',
  subgroups: false,
  subgroupTest: false,
  swapEvents: false,
  logData: false,
  sortBy: null,
  units: null,
  scale: null,
  showParticipants: null,
  groupLabel1: null,
  groupLabel2: null,
  graphLabel1: null,
  graphLabel2: null,
  attributes: {},
  extraXml: '',
  ...(planned ? { planned: { plannedOutcomeId: 'p1', categoryId: 't1', followsConventions: true } } : {}),
});

const stored = (id: string, analysisId: string, subgroupId: string | null, order: number): RevmanDataRow => ({
  id,
  analysisId,
  subgroupId,
  position: 0,
  studyId: 's9',
  kind: 'DICH',
  events1: 1,
  total1: 10,
  events2: 2,
  total2: 10,
  mean1: null,
  sd1: null,
  mean2: null,
  sd2: null,
  estimate: null,
  se: null,
  oMinusE: null,
  variance: null,
  order,
  footnote: null,
  attributes: {},
});

const derived = (studyId: string, events1: number): DataRow => ({
  id: `derived:${studyId}`,
  origin: 'derived',
  studyId,
  studyLabel: studyId,
  subgroupId: null,
  footnote: null,
  values: { kind: 'dichotomous', events1, total1: 20, events2: 5, total2: 20 },
  provenance: {
    studyOutcomeId: 'so',
    measure: '',
    timepointId: 't',
    timepointLabel: '',
    interventionArms: [],
    controlArms: [],
    flipped: false,
    derivations: [],
  },
});

const input: DichotomousAnalysisInput = {
  ...presetSettings(REVMAN5_PRESET, 'OR'),
  model: 'fixed',
  dataType: 'dichotomous',
  effectMeasure: 'OR',
  rows: [],
};

const section = (subgroups: RevmanSection['subgroups'], rows: RevmanDataRow[]): RevmanSection => ({
  parts: [],
  studies: [],
  reports: [],
  robItems: [],
  robEntries: [],
  comparisons: [],
  analyses: [analysis('a1', true), analysis('a2', false)],
  subgroups,
  rows,
});

describe('sectionWithModelRows', () => {
  const analysed: AnalysedForExport[] = [
    {
      analysisId: 'a1',
      rows: [derived('s1', 3), derived('s2', 4)],
      input,
      labels: { experimental: 'Intervention', control: 'Control', favoursLeft: 'Favours intervention', favoursRight: 'Favours control' },
    },
    { analysisId: 'a2', rows: [], input: null, labels: undefined },
  ];

  it('writes each derived row with its numbers and the next ORDER values; the planned outcome gets its pooling settings and labels', () => {
    const entered = stored('r2', 'a2', null, 7);
    const out = sectionWithModelRows(section([], [entered]), analysed);
    const a1 = out.analyses.find((a) => a.id === 'a1')!;
    expect(a1).toMatchObject({
      kind: 'DICH',
      effectMeasure: 'OR',
      method: 'MH',
      random: false,
      sortBy: 'STUDY',
      groupLabel1: 'Intervention',
      graphLabel2: 'Favours control',
    });
    const rows = out.rows.filter((r) => r.analysisId === 'a1');
    expect(rows.map((r) => [r.studyId, r.kind, r.events1, r.total1, r.events2, r.total2, r.order, r.position])).toEqual([
      ['s1', 'DICH', 3, 20, 5, 20, 8, 0],
      ['s2', 'DICH', 4, 20, 5, 20, 9, 1],
    ]);
    // An outcome entered RevMan's way is untouched.
    expect(out.analyses.find((a) => a.id === 'a2')).toEqual(analysis('a2', false));
    expect(out.rows.filter((r) => r.analysisId === 'a2')).toEqual([entered]);
  });

  it('keeps a stored row in place of the derived one, in pooled order', () => {
    const detached = { ...stored('r1', 'a1', null, 3), studyId: 's2', origin: 'detached' as const, detachReason: 'why', provenance: null };
    const rows: DataRow[] = [
      derived('s1', 3),
      {
        id: 'r1',
        origin: 'detached',
        studyId: 's2',
        studyLabel: 's2',
        subgroupId: null,
        footnote: null,
        values: { kind: 'dichotomous', events1: 1, total1: 10, events2: 2, total2: 10 },
        provenance: null,
        reason: 'why',
      },
    ];
    const out = sectionWithModelRows(section([], [detached]), [{ ...analysed[0]!, rows }]);
    expect(out.rows.filter((r) => r.analysisId === 'a1').map((r) => [r.id, r.studyId, r.events1])).toEqual([
      ['a1/derived:s1', 's1', 3],
      ['r1', 's2', 1],
    ]);
  });

  it('rows outside every subgroup of a subgrouped outcome go into one more subgroup, "(no subgroup)", never dropped', () => {
    const sg = { id: 'g1', analysisId: 'a1', position: 0, rm5Id: 'CMP-001.01.01', no: 1, name: 'Adults', attributes: {} };
    const inGroup = stored('r3', 'a1', 'g1', 2);
    const rows: DataRow[] = [
      derived('s1', 3),
      {
        id: 'r3',
        origin: 'direct',
        studyId: 's9',
        studyLabel: 's9',
        subgroupId: 'g1',
        footnote: null,
        values: { kind: 'dichotomous', events1: 1, total1: 10, events2: 2, total2: 10 },
      },
    ];
    const out = sectionWithModelRows(section([sg], [inGroup]), [{ ...analysed[0]!, rows }]);
    const added = out.subgroups.find((g) => g.id !== 'g1')!;
    expect(added).toMatchObject({ analysisId: 'a1', rm5Id: 'CMP-001.01.02', no: 2, name: '(no subgroup)', position: 1 });
    expect(out.analyses.find((a) => a.id === 'a1')?.subgroups).toBe(true);
    expect(out.rows.filter((r) => r.analysisId === 'a1').map((r) => [r.studyId, r.subgroupId])).toEqual([
      ['s1', added.id],
      ['s9', 'g1'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { agreementTable, extractionAgreement, rob1AgreementItems, type ExtractionPair } from '../../../shared/src/agreement/index.ts';
import { SEED_FORM_IDS, seedExtractionForm } from '../../../shared/src/model/seed-form.ts';
import { compareRob1Assessments, emptyRob1Assessment, type Rob1Assessment } from '../../../shared/src/rob/index.ts';
import { SEED_ROB1_OVERALL_RULE } from '../../../shared/src/rob/rob1-overall.ts';
import { tableCsv } from '../../../shared/src/report/report-table.ts';

// The printable agreement report: dual extraction (percent agreement over all values, κ per
// categorical field) and double risk of bias (κ pooled, overall and per domain).

const form = seedExtractionForm();
const structured = form.fields.find((f) => f.id === SEED_FORM_IDS.structured)!;
const [yes, no] = structured.options.map((o) => o.id) as [string, string];
const v = (value: string | number) => ({ status: 'value', value }) as const;

describe('dual extraction agreement', () => {
  const pairs: ExtractionPair[] = [
    // Structured: 3 studies agree (2 structured, 1 unstructured), 1 disagrees.
    { fieldId: structured.id, first: v(yes), second: v(yes) },
    { fieldId: structured.id, first: v(yes), second: v(yes) },
    { fieldId: structured.id, first: v(no), second: v(no) },
    { fieldId: structured.id, first: v(no), second: v(yes) },
    // Free text: agreement counted, no κ.
    { fieldId: SEED_FORM_IDS.severe, first: v('yes'), second: v('yes') },
    { fieldId: 'field-country', first: v('USA'), second: v('United States') },
    { fieldId: 'field-country', first: v('USA'), second: null },
  ];
  const items = extractionAgreement(form, pairs);

  it('gives percent agreement over every value both extracted, with κ not applicable', () => {
    expect(items[0]!.label).toBe('All extracted values');
    expect(items[0]!.agreement.n).toBe(6);
    expect(items[0]!.agreement.agreed).toBe(4);
    expect(items[0]!.agreement.excluded).toBe(1);
    expect(items[0]!.kappaApplies).toBe(false);
  });

  it('gives κ per categorical field over the field’s options', () => {
    const s = items.find((i) => i.label === structured.label)!;
    expect(s.kappaApplies).toBe(true);
    expect(s.agreement.n).toBe(4);
    expect(s.agreement.categories).toEqual([yes, no, 'not reported']);
    // Rows: first reviewer [yes 2, no 2]; columns: second [yes 3, no 1]; po 0.75, pe 0.5·0.75 + 0.5·0.25 = 0.5, κ 0.5.
    expect(s.agreement.kappa).toBeCloseTo(0.5, 12);
    // PABAK over the three categories that could be chosen: (3·0.75 − 1)/2.
    expect(s.agreement.pabak).toBeCloseTo(0.625, 12);
    expect(items.find((i) => i.label === 'Severe mental health condition population')?.agreement.kappaStatus).toBe('single-category');
  });

  it('prints as a table with κ and its CI, “not applicable” for free text', () => {
    const t = agreementTable([{ heading: 'Dual extraction: A and B', items }]);
    const csv = tableCsv(t);
    expect(csv).toContain('Dual extraction: A and B,All extracted values,6,4 of 6 (66.7%),not applicable,not applicable');
    const s = items.find((i) => i.label === structured.label)!;
    const [lo, hi] = s.agreement.kappaCi!;
    expect(csv).toContain(`Structured or unstructured,4,3 of 4 (75.0%),0.50 (95% CI ${lo.toFixed(2)} to ${hi.toFixed(2)}),0.63`);
    expect(csv).toContain('undefined (one category)');
  });
});

describe('double risk-of-bias agreement', () => {
  it('lists pooled, overall and per-domain agreement', () => {
    const a: Rob1Assessment = emptyRob1Assessment();
    const b: Rob1Assessment = emptyRob1Assessment();
    a.sequenceGeneration.judgement = 'low';
    b.sequenceGeneration.judgement = 'high';
    a.allocationConcealment.judgement = 'low';
    b.allocationConcealment.judgement = 'low';
    const items = rob1AgreementItems(compareRob1Assessments([{ studyId: 's1', first: a, second: b }], SEED_ROB1_OVERALL_RULE));
    expect(items.map((i) => i.label).slice(0, 3)).toEqual(['All domain judgements', 'Overall judgements', 'Sequence generation']);
    expect(items[0]!.agreement.n).toBe(2);
    expect(items[0]!.agreement.agreed).toBe(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { buildSummaryOfFindings, emptyGradeAssessment } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { inProcessClient } from '@grove/shared';
import path from 'node:path';
import { tempDir } from '../../support/temp.ts';

// The summary-of-findings table from the Fleiss 1993 example's analysis.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('summary of findings', () => {
  it('lays out a continuous outcome with GRADE certainty, footnote letters and the standard footer', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const backend = createBackend({ host: 'in-process' });
    const { createExampleReview } = await import('../../../db/src/example/create-example.ts');
    createExampleReview(path.join(dir, 'f.grove'), { example: 'fleiss1993' }).close();
    backend.openFile(path.join(dir, 'f.grove'));
    cleanups.push(() => backend.closeFile());
    const [a] = await inProcessClient(backend).call('analyses.list', { model: 'fixed' });
    const grade = emptyGradeAssessment();
    grade.down.imprecision = { levels: 1, reason: 'Optimal information size not met (232 participants)' };
    grade.down.riskOfBias = { levels: 1, reason: 'Risk of bias not reported in the source' };
    const t = buildSummaryOfFindings([a!.analysis], new Map([[a!.id, grade]]), {
      intervention: 'Mental health treatment',
      comparator: 'control',
      population: 'people offered mental health treatment',
    });
    expect(t.title).toBe('Mental health treatment compared to control for people offered mental health treatment');
    expect(t.groups[0]!.rows[0]).toEqual([
      'Medical utilisation\nPost-intervention; lower scores are better',
      'The mean medical utilisation ranged across control groups from 6.10 to 24.90',
      'MD 0.71 lower (1.26 lower to 0.16 lower)',
      '—',
      '232 (5 RCTs)',
      '⨁⨁◯◯ LOW a,b',
      '',
    ]);
    expect(t.footnotes).toContain('a Downgraded one level for risk of bias: Risk of bias not reported in the source.');
    expect(t.footnotes).toContain('b Downgraded one level for imprecision: Optimal information size not met (232 participants).');
    expect(t.footnotes).toContain('CI: confidence interval; MD: mean difference');
    expect(t.footnotes.some((f) => f.startsWith('*The risk in the intervention group'))).toBe(true);
  });
});

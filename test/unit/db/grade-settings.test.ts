import { afterEach, describe, expect, it } from 'vitest';
import { type ApiError, emptyGradeAssessment, tableHtml } from '@grove/shared';
import { freshBackend } from '../../support/review-fixtures.ts';
import path from 'node:path';
import { createBackend } from '../../../db/src/backend.ts';
import { createExampleReview } from '../../../db/src/example/create-example.ts';
import { inProcessClient } from '@grove/shared';
import { tempDir } from '../../support/temp.ts';
import { createReviewFromDocument } from '../../../db/src/document/import-review.ts';
import { exportReview } from '../../../db/src/document/export-review.ts';

// Review settings (kept in the file, audited) and GRADE ratings feeding the SoF table.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('review settings', () => {
  it('remembers the two extractors and assessors in the file, audited and undoable', async () => {
    const f = freshBackend('example');
    cleanups.push(f.cleanup);
    const a = await f.client.call('reviewers.create', { reviewer: { name: 'Naomi Lyons', initials: 'NL', email: '' } });
    const s = await f.client.call('settings.update', { patch: { dualExtraction: true, extractionFirst: a.id, robSecond: a.id } });
    expect(s).toMatchObject({ dualExtraction: true, extractionFirst: a.id, extractionSecond: null, robSecond: a.id });
    expect((await f.client.call('audit.list', { limit: 1 }))[0]?.summary).toMatch(/^Edited review settings: /);
    await f.client.call('history.undo', {});
    expect((await f.client.call('settings.get', {})).dualExtraction).toBe(false);
  });
});

describe('GRADE and the summary-of-findings table', () => {
  it('rates an analysis, refuses a rating down without a reason, and shows it in the SoF table', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    createExampleReview(path.join(dir, 'f.grove'), { example: 'fleiss1993' }).close();
    const backend = createBackend({ host: 'in-process' });
    backend.openFile(path.join(dir, 'f.grove'));
    cleanups.push(() => backend.closeFile());
    const client = inProcessClient(backend);
    const [analysis] = await client.call('analyses.list', {});
    const bad = emptyGradeAssessment();
    bad.down.imprecision = { levels: 1, reason: '' };
    const e = await client.call('grade.set', { analysisId: analysis!.id, assessment: bad }).catch((x: unknown) => x as ApiError);
    expect((e as ApiError).issues?.[0]?.path).toBe('assessment.down.imprecision.reason');
    const good = emptyGradeAssessment();
    good.down.imprecision = { levels: 2, reason: 'Fewer than 400 participants and the CI nearly reaches no effect' };
    const saved = await client.call('grade.set', { analysisId: analysis!.id, assessment: good });
    expect(saved).toMatchObject({ computed: 'low', final: 'low' });
    await client.call('settings.update', {
      patch: { sofIntervention: 'Mental health treatment', sofComparator: 'usual care', sofPopulation: 'adults using medical services' },
    });
    const sof = await client.call('outputs.sof', {});
    expect(sof.title).toBe('Mental health treatment compared to usual care for adults using medical services');
    expect(sof.groups[0]!.rows[0]![5]).toBe('⨁⨁◯◯ LOW a');
    expect(sof.footnotes).toContain(
      'a Downgraded two levels for imprecision: Fewer than 400 participants and the CI nearly reaches no effect.',
    );
    expect(tableHtml(sof)).toContain('⨁⨁◯◯ LOW a');
    expect(await client.call('grade.set', { analysisId: 'nope@nope', assessment: good }).catch((x: unknown) => (x as ApiError).code)).toBe(
      'NOT_FOUND',
    );

    // Both travel in the review document (version 3) and come back exactly.
    const doc = await client.call('review.export', {});
    expect(doc.formatVersion).toBe(3);
    expect(doc.grade).toHaveLength(1);
    expect(doc.settings?.sofComparator).toBe('usual care');
    const copy = createReviewFromDocument(path.join(dir, 'copy.grove'), 'doc', JSON.parse(JSON.stringify(doc)));
    expect(exportReview(copy.db)).toEqual(doc);
    copy.close();
  });
});

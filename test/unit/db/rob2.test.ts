import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '@grove/shared';
import { emptyRob2Assessment } from '@grove/shared/rob/rob2-assessment';
import { createReviewFromDocument } from '../../../db/src/document/import-review.ts';
import { exportReview } from '../../../db/src/document/export-review.ts';
import { freshBackend } from '../../support/review-fixtures.ts';
import { tempDir } from '../../support/temp.ts';

// RoB 2 per result, stored with the algorithms' proposals recomputed on every save.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('RoB 2 assessments', () => {
  it('recomputes the proposal from the answers, keeps a final with its reason, and round-trips through export', async () => {
    const f = freshBackend('example');
    cleanups.push(f.cleanup);
    const { client } = f;
    const ben = (await client.call('studies.list', {})).find((s) => s.label === 'Ben-Zeev 2018')!;
    const a = emptyRob2Assessment('assignment');
    // D1 answered low-risk all the way: random sequence, concealed, no baseline imbalance.
    a.domains.D1.answers = { '1.1': 'Y', '1.2': 'Y', '1.3': 'N' };
    // A stale proposal sent by a client is ignored: the server computes its own.
    a.domains.D1.judgement.proposed = 'high';
    const saved = await client.call('rob2.save', {
      studyId: ben.id,
      studyOutcomeId: null,
      resultLabel: 'Recovery, 3 months',
      assessment: a,
    });
    expect(saved.assessment.domains.D1.judgement.proposed).toBe('low');
    expect(saved.overall).toBeNull();

    const overridden = structuredClone(saved.assessment);
    overridden.domains.D1.judgement.final = { judgement: 'some-concerns', basedOnProposal: 'low', overrideReason: null };
    const e = await client
      .call('rob2.save', { id: saved.id, studyId: ben.id, studyOutcomeId: null, resultLabel: 'Recovery, 3 months', assessment: overridden })
      .catch((x: unknown) => x as ApiError);
    expect((e as ApiError).code).toBe('VALIDATION');
    expect((e as ApiError).issues?.[0]?.path).toBe('assessment.domains.D1.judgement.final.overrideReason');
    overridden.domains.D1.judgement.final!.overrideReason = 'Envelopes not described as opaque';
    const kept = await client.call('rob2.save', {
      id: saved.id,
      studyId: ben.id,
      studyOutcomeId: null,
      resultLabel: 'Recovery, 3 months',
      assessment: overridden,
    });
    expect(kept.assessment.domains.D1.judgement.final).toEqual({
      judgement: 'some-concerns',
      basedOnProposal: 'low',
      overrideReason: 'Envelopes not described as opaque',
    });
    const dup = await client
      .call('rob2.save', { studyId: ben.id, studyOutcomeId: null, resultLabel: 'Recovery, 3 months', assessment: a })
      .catch((x: unknown) => x as ApiError);
    expect((dup as ApiError).code).toBe('CONFLICT');

    const doc = await client.call('review.export', {});
    expect(doc.riskOfBias?.rob2).toHaveLength(1);
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const copy = createReviewFromDocument(path.join(dir, 'c.grove'), 'doc', JSON.parse(JSON.stringify(doc)));
    expect(exportReview(copy.db)).toEqual(doc);
    copy.close();

    await client.call('rob2.delete', { id: saved.id });
    expect(await client.call('rob2.list', {})).toEqual([]);
    await client.call('history.undo', {});
    expect((await client.call('rob2.list', {}))[0]?.assessment.domains.D1.judgement.final?.judgement).toBe('some-concerns');
  });
});

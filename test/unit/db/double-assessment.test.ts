import { afterEach, describe, expect, it } from 'vitest';
import { SEED_FORM_IDS } from '@grove/shared';
import { freshBackend } from '../../support/review-fixtures.ts';

// Dual extraction and a second reviewer's risk-of-bias assessment.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function twoReviewers() {
  const f = freshBackend('example');
  cleanups.push(f.cleanup);
  const a = await f.client.call('reviewers.create', { reviewer: { name: 'Naomi Lyons', initials: 'NL', email: '' } });
  const b = await f.client.call('reviewers.create', { reviewer: { name: 'Claire Cooper', initials: 'CC', email: '' } });
  const studies = await f.client.call('studies.list', {});
  return { ...f, a, b, studies };
}

describe('dual extraction', () => {
  it('lists disagreements field by field and records the consensus with who decided', async () => {
    const { client, a, b, studies } = await twoReviewers();
    const cook = studies.find((s) => s.label === 'Cook 2012b')!;
    await client.call('characteristics.set', {
      studyId: cook.id,
      fieldId: SEED_FORM_IDS.randomised,
      slot: a.id,
      content: { status: 'value', value: 428 },
    });
    await client.call('characteristics.set', {
      studyId: cook.id,
      fieldId: SEED_FORM_IDS.randomised,
      slot: b.id,
      content: { status: 'value', value: 482 },
    });
    await client.call('characteristics.set', {
      studyId: cook.id,
      fieldId: SEED_FORM_IDS.country,
      slot: a.id,
      content: { status: 'value', value: 'USA' },
    });
    await client.call('characteristics.set', {
      studyId: cook.id,
      fieldId: SEED_FORM_IDS.country,
      slot: b.id,
      content: { status: 'value', value: 'USA' },
    });
    const rows = await client.call('characteristics.compare', { firstSlot: a.id, secondSlot: b.id, studyId: cook.id });
    expect(rows.find((r) => r.fieldId === SEED_FORM_IDS.randomised)).toMatchObject({
      first: { status: 'value', value: 428 },
      second: { status: 'value', value: 482 },
      final: { status: 'value', value: 428 },
      agree: false,
    });
    expect(rows.find((r) => r.fieldId === SEED_FORM_IDS.country)?.agree).toBe(true);

    await client.call('session.setReviewer', { reviewerId: a.id });
    const resolved = await client.call('characteristics.set', {
      studyId: cook.id,
      fieldId: SEED_FORM_IDS.randomised,
      content: { status: 'value', value: 428 },
      comment: 'Checked against CONSORT diagram',
    });
    expect(resolved).toMatchObject({ slot: 'final', decidedBy: a.id, comment: 'Checked against CONSORT diagram' });
    // The reviewers' own extractions stay as they were.
    const again = await client.call('characteristics.compare', { firstSlot: a.id, secondSlot: b.id, studyId: cook.id });
    expect(again.find((r) => r.fieldId === SEED_FORM_IDS.randomised)?.second).toEqual({ status: 'value', value: 482 });
  });
});

describe('second reviewer for risk of bias', () => {
  it('draws the configured sample, lists disagreements and reports % agreement and κ', async () => {
    const { client, a, b } = await twoReviewers();
    const r1 = await client.call('rob.double', { firstSlot: a.id, secondSlot: b.id });
    // 10% of 8 studies is one study.
    expect(r1.sample).toHaveLength(1);
    expect(r1.comparison.cells).toHaveLength(0);
    const rob = await client.call('rob.list', {});
    const studyId = r1.sample[0]!;
    const final = rob.find((r) => r.studyId === studyId)!;
    // Reviewer A copies the final judgements; B differs in one domain.
    for (const [domain, entry] of Object.entries(final.assessment)) {
      if (entry.level !== 'study' || entry.judgement === null) continue;
      await client.call('rob.setDomain', { studyId, domain: domain as never, entry, slot: a.id });
      const other = domain === 'allocationConcealment' ? (entry.judgement === 'low' ? 'unclear' : 'low') : entry.judgement;
      await client.call('rob.setDomain', { studyId, domain: domain as never, entry: { ...entry, judgement: other }, slot: b.id });
    }
    const r2 = await client.call('rob.double', { firstSlot: a.id, secondSlot: b.id });
    expect(r2.comparison.disagreements.map((d) => d.domain)).toEqual(['allocationConcealment']);
    const judged = r2.comparison.agreement.n;
    expect(r2.comparison.agreement.agreed).toBe(judged - 1);
    expect(r2.comparison.agreement.percentAgreement).toBeCloseTo((100 * (judged - 1)) / judged, 10);
    expect(r2.comparison.agreement.kappa).not.toBeNull();
    // A changed seed draws a sample deterministically too.
    await client.call('rob.settings.update', { patch: { secondReviewerFraction: 0.5, sampleSeed: 7 } });
    const r3 = await client.call('rob.double', { firstSlot: a.id, secondSlot: b.id });
    expect(r3.sample).toHaveLength(4);
    expect((await client.call('rob.double', { firstSlot: a.id, secondSlot: b.id })).sample).toEqual(r3.sample);
  });
});

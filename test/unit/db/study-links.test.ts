import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient, ApiError } from '@grove/shared';
import { freshBackend } from '../../support/review-fixtures.ts';
import { importLinkingRecords } from '../../support/fulltext-fixtures.ts';

// Issue 14, study linking: records (reports) grouped into studies over the existing
// study/report tables, suggestions for the reviewer to confirm or reject (rejections kept),
// and records included at full text flowing into the Studies stage.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function linkingReview() {
  const f = freshBackend('empty');
  cleanups.push(f.cleanup);
  const ids = await importLinkingRecords(f.client);
  const me = await f.client.call('reviewers.create', { reviewer: { name: 'Ada', initials: 'A', email: '' } });
  await f.client.call('session.setReviewer', { reviewerId: me.id });
  return { ...f, ids };
}

/** One screener includes each record at title/abstract (and at full text when asked). */
async function include(client: ApiClient, recordIds: readonly string[], fullText = false) {
  for (const recordId of recordIds) {
    await client.call('screening.decide', { stage: 'title-abstract', recordId, decision: 'include' });
    if (fullText) await client.call('screening.decide', { stage: 'full-text', recordId, decision: 'include' });
  }
}

describe('study linking', () => {
  it('suggests the records at full text that look like one study, with the reasons', async () => {
    const { client, ids } = await linkingReview();
    // Nothing is suggested before the records reach full text.
    expect(await client.call('studyLinks.suggestions', {})).toEqual([]);
    await include(client, Object.values(ids));
    const [s, ...rest] = await client.call('studyLinks.suggestions', {});
    expect(rest).toEqual([]);
    expect(s!.recordIds).toEqual([ids['trial-main'], ids['trial-abstract'], ids['trial-followup']].sort());
    expect(s!.reasons).toEqual([
      { kind: 'registry', detail: 'same registry id NCT01234567' },
      { kind: 'author-year-size', detail: 'same first author and year (Cook 2012), both n = 120' },
    ]);
    expect(s!.records.find((r) => r.id === ids['trial-followup'])).toMatchObject({ sampleSize: 120, studyId: null, year: 2012 });
  });

  it('confirms a suggestion as a new study named by the short-ID rule, with the records as its reports; undo takes it back', async () => {
    const { client, ids } = await linkingReview();
    await include(client, Object.values(ids));
    await client.call('studies.create', { study: { label: 'Cook 2012', status: 'included', identifiers: '', notes: '' } });
    const study = await client.call('studyLinks.createStudy', { recordIds: [ids['trial-main']!, ids['trial-abstract']!] });
    expect(study.label).toBe('Cook 2012b');
    expect(study.reports.map((r) => r.recordId)).toEqual([ids['trial-main'], ids['trial-abstract']]);
    // The Studies stage sees it like any study, with its reports' bibliographic fields.
    const listed = (await client.call('studies.list', {})).find((s) => s.id === study.id)!;
    expect(listed).toMatchObject({ label: 'Cook 2012b', status: 'included', identifiers: 'NCT01234567' });
    expect(listed.reports.map((r) => [r.title, r.authors, r.year, r.isPrimary])).toEqual([
      ['Group peer support for adults with psychosis: a randomised controlled trial', 'Cook, Deborah; Lee, Anna', 2012, true],
      ['Peer support groups in psychosis: first results', 'Lee, Anna', 2011, false],
    ]);
    // The follow-up is still suggested, now against the study.
    const [s] = await client.call('studyLinks.suggestions', {});
    expect(s!.studyIds).toEqual([study.id]);
    const linked = await client.call('studyLinks.link', { recordIds: [ids['trial-followup']!], studyId: study.id });
    expect(linked.reports).toHaveLength(3);
    expect(await client.call('studyLinks.suggestions', {})).toEqual([]);
    await client.call('history.undo', {});
    await client.call('history.undo', {});
    expect((await client.call('studies.list', {})).map((x) => x.label)).toEqual(['Cook 2012']);
  });

  it('remembers a rejection: the pair is not suggested again, the rest of the group still is', async () => {
    const { client, ids } = await linkingReview();
    await include(client, Object.values(ids));
    await client.call('studyLinks.reject', { recordIds: [ids['trial-followup']!, ids['trial-main']!] });
    const after = await client.call('studyLinks.suggestions', {});
    // Of the three pairs, main–abstract (registry) remains; abstract–follow-up was never one (other author and year).
    expect(after.map((s) => s.recordIds)).toEqual([[ids['trial-main'], ids['trial-abstract']].sort()]);
    // Rejecting again writes nothing new.
    const before = await client.call('history.status', {});
    await client.call('studyLinks.reject', { recordIds: [ids['trial-main']!, ids['trial-followup']!] });
    expect(await client.call('history.status', {})).toEqual(before);
    const err = await client.call('studyLinks.reject', { recordIds: [ids['trial-main']!, ids['trial-main']!] }).catch((e: ApiError) => e);
    expect((err as ApiError).code).toBe('VALIDATION');
  });

  it('moves a record between studies and unlinks it', async () => {
    const { client, ids } = await linkingReview();
    const a = await client.call('studyLinks.createStudy', { recordIds: [ids['trial-main']!] });
    const b = await client.call('studyLinks.createStudy', { recordIds: [ids.other!] });
    expect([a.label, b.label]).toEqual(['Cook 2012', 'Øvretveit 2019']);
    await client.call('studyLinks.link', { recordIds: [ids['trial-main']!], studyId: b.id });
    const studies = await client.call('studyLinks.studies', {});
    expect(studies.map((s) => [s.label, s.reports.map((r) => r.recordId)])).toEqual([
      ['Cook 2012', []],
      ['Øvretveit 2019', [ids.other, ids['trial-main']]],
    ]);
    await client.call('studyLinks.unlink', { recordId: ids['trial-main']! });
    expect((await client.call('studyLinks.studies', {}))[1]!.reports.map((r) => r.recordId)).toEqual([ids.other]);
    const err = await client.call('studyLinks.unlink', { recordId: ids['trial-main']! }).catch((e: ApiError) => e);
    expect((err as ApiError).message).toMatch(/is not a report of any study/);
  });

  it('brings records included at full text into the Studies stage, one study each, as one change', async () => {
    const { client, ids } = await linkingReview();
    await include(client, [ids['trial-main']!, ids['trial-followup']!, ids.other!], true);
    // Excluded at full text: never flows in.
    await client.call('screening.decide', { stage: 'title-abstract', recordId: ids['trial-abstract']!, decision: 'include' });
    await client.call('screening.settings.update', { patch: { exclusionReasons: [{ label: 'Wrong design' }] } });
    const [reason] = (await client.call('screening.settings.get', {})).exclusionReasons;
    await client.call('screening.decide', {
      stage: 'full-text',
      recordId: ids['trial-abstract']!,
      decision: 'exclude',
      reasonId: reason!.id,
    });
    expect((await client.call('studyLinks.included', {})).map((r) => r.id).sort()).toEqual(
      [ids['trial-main'], ids['trial-followup'], ids.other].sort(),
    );
    // Two reports the reviewer linked first stay one study.
    await client.call('studyLinks.createStudy', { recordIds: [ids['trial-main']!, ids['trial-followup']!] });
    expect((await client.call('studyLinks.included', {})).map((r) => r.id)).toEqual([ids.other]);
    const added = await client.call('studyLinks.addIncluded', {});
    expect(added.map((s) => s.label)).toEqual(['Øvretveit 2019']);
    expect(await client.call('studyLinks.included', {})).toEqual([]);
    expect((await client.call('studies.list', {})).map((s) => [s.label, s.reports.length])).toEqual([
      ['Cook 2012', 2],
      ['Øvretveit 2019', 1],
    ]);
    expect((await client.call('history.undo', {})).undone).toBe('Add an included record as studies');
    expect((await client.call('studyLinks.included', {})).map((r) => r.id)).toEqual([ids.other]);
  });

  it('names two included studies of one author and year "a" and "b"', async () => {
    const { client, ids } = await linkingReview();
    await include(client, [ids['trial-main']!, ids['trial-followup']!], true);
    expect((await client.call('studyLinks.addIncluded', {})).map((s) => s.label)).toEqual(['Cook 2012a', 'Cook 2012b']);
  });
});

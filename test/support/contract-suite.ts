import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { API, ApiError, emptyReportFields, type ApiClient, type MethodName } from '@grove/shared';

// The API contract as behaviour: one suite, run against every host (the in-process
// handler table and the HTTP host), so both serve the API identically. Every result is
// also checked against the method's result schema from shared/.

export interface ContractTarget {
  client: ApiClient;
  /** Raw call that bypasses the typed client, for malformed-request cases. */
  raw(method: unknown, args: unknown): Promise<{ ok: boolean; error?: { code: string; message: string; issues?: { path: string }[] } }>;
  close(): Promise<void> | void;
}

async function call<M extends MethodName>(client: ApiClient, method: M, args: Parameters<ApiClient['call']>[1]) {
  const value = await client.call(method, args as never);
  const check = API[method].result.safeParse(value);
  if (!check.success) throw new Error(`${method} returned a value that does not match its schema: ${check.error.message}`);
  return value;
}

export function contractSuite(hostName: string, open: (kind: 'empty' | 'example') => Promise<ContractTarget>): void {
  describe(`API contract over ${hostName}`, () => {
    let t: ContractTarget;
    beforeEach(async () => {
      t = await open('example');
    });
    afterEach(async () => {
      await t.close();
    });

    it('describes the example review', async () => {
      const summary = await call(t.client, 'review.summary', {});
      expect(summary.title).toBe('Group peer support interventions for people experiencing mental health conditions');
      expect(summary.counts).toEqual({ studies: 8, reports: 11, reviewers: 0 });
      const studies = await call(t.client, 'studies.list', {});
      expect(studies.map((s) => s.label)).toEqual([
        'Ben-Zeev 2018',
        'Cook 2012a',
        'Cook 2012b',
        'Corrigan 2015',
        'Eisen 2012',
        'Kaplan 2011',
        'Rüsch 2014',
        'Russinova 2014',
      ]);
      expect(studies.find((s) => s.label === 'Cook 2012a')?.reports.map((r) => r.citation)).toEqual(['53', '54', '55']);
      const protocol = await call(t.client, 'protocol.get', {});
      expect(protocol.registration).toBe('PROSPERO CRD42019145217');
      expect(protocol.outcomeDomains.map((d) => d.name)).toEqual([
        'Personal recovery',
        'Clinical recovery',
        'Acute mental health service use',
        'Social outcomes',
      ]);
      expect(protocol.conventions.minStudiesForMetaAnalysis).toBe(3);
      const counts = await call(t.client, 'searchCounts.get', {});
      expect(counts).toMatchObject({ databaseRecords: 7198, otherSourceRecords: 225, recordsAfterDeduplication: 4277, studiesIncluded: 8 });
    });

    it('updates a protocol section and reads it back', async () => {
      const before = await call(t.client, 'protocol.get', {});
      const updated = await call(t.client, 'protocol.update', {
        patch: { eligibility: { ...before.eligibility, participants: 'Adults (18+) using mental health services.' } },
      });
      expect(updated.eligibility.participants).toBe('Adults (18+) using mental health services.');
      expect(updated.eligibility.studyDesign).toBe(before.eligibility.studyDesign);
      expect((await call(t.client, 'protocol.get', {})).eligibility.participants).toBe('Adults (18+) using mental health services.');
    });

    it('rejects an invalid protocol with field paths and writes nothing', async () => {
      const before = await call(t.client, 'protocol.get', {});
      const err = await t.client
        .call('protocol.update', { patch: { conventions: { ...before.conventions, minStudiesForMetaAnalysis: 1 } } })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe('VALIDATION');
      expect((err as ApiError).issues?.map((i) => i.path)).toEqual(['patch.conventions.minStudiesForMetaAnalysis']);
      const dangling = await t.client
        .call('protocol.update', {
          patch: {
            plannedOutcomes: [...before.plannedOutcomes, { id: 'o-x', domainId: 'no-such-domain', name: 'Loneliness', description: '' }],
          },
        })
        .catch((e: unknown) => e);
      expect((dangling as ApiError).issues?.[0]?.path).toBe(`patch.plannedOutcomes.${before.plannedOutcomes.length}.domainId`);
      expect(await call(t.client, 'protocol.get', {})).toEqual(before);
    });

    it('adds a study with two reports, edits and deletes it, and undoes the delete', async () => {
      const created = await call(t.client, 'studies.create', {
        study: { label: 'Smith 2020', status: 'included', identifiers: 'NCT01234567', notes: '' },
        reports: [
          { ...emptyReportFields(), title: 'Main results', year: 2020, isPrimary: true },
          { ...emptyReportFields(), title: 'Protocol', year: 2018 },
        ],
      });
      expect(created.reports.map((r) => r.title)).toEqual(['Main results', 'Protocol']);
      const edited = await call(t.client, 'studies.update', { id: created.id, patch: { label: 'Smith 2021' } });
      expect(edited.label).toBe('Smith 2021');
      const report = await call(t.client, 'reports.create', {
        studyId: created.id,
        report: { ...emptyReportFields(), title: 'Follow-up' },
      });
      expect((await call(t.client, 'studies.get', { id: created.id })).reports.map((r) => r.id)).toContain(report.id);

      await call(t.client, 'studies.delete', { id: created.id });
      expect((await call(t.client, 'studies.list', {})).some((s) => s.id === created.id)).toBe(false);
      const status = await call(t.client, 'history.status', {});
      expect(status).toEqual({ canUndo: true, undoLabel: 'Delete study "Smith 2021"' });
      const undone = await call(t.client, 'history.undo', {});
      expect(undone.undone).toBe('Delete study "Smith 2021"');
      const restored = await call(t.client, 'studies.get', { id: created.id });
      expect(restored.label).toBe('Smith 2021');
      expect(restored.reports.map((r) => r.title)).toEqual(['Main results', 'Protocol', 'Follow-up']);
    });

    it('records who changed what in the audit log', async () => {
      const reviewer = await call(t.client, 'reviewers.create', { reviewer: { name: 'Naomi Lyons', initials: 'NL', email: '' } });
      await call(t.client, 'session.setReviewer', { reviewerId: reviewer.id });
      const studies = await call(t.client, 'studies.list', {});
      const eisen = studies.find((s) => s.label === 'Eisen 2012')!;
      await call(t.client, 'studies.update', { id: eisen.id, patch: { identifiers: 'Vet-to-vet' } });
      const [latest] = await call(t.client, 'audit.list', { limit: 1 });
      expect(latest).toMatchObject({
        reviewerId: reviewer.id,
        reviewerName: 'Naomi Lyons',
        action: 'update',
        entity: 'study',
        entityId: eisen.id,
        fields: ['identifiers'],
      });
      expect(latest?.summary).toBe('Edited study "Eisen 2012": identifiers');
    });

    it('reports unknown and unsafe method names, bad arguments and missing rows as data', async () => {
      for (const name of ['no.such', '__proto__', 'constructor', 'toString', 42]) {
        const r = await t.raw(name, {});
        expect(r.ok).toBe(false);
        expect(r.error?.code).toBe('BAD_REQUEST');
      }
      const bad = await t.raw('studies.create', { study: { label: '', status: 'included', identifiers: '', notes: '' } });
      expect(bad.error?.code).toBe('VALIDATION');
      expect(bad.error?.issues?.[0]?.path).toBe('study.label');
      const extra = await t.raw('studies.list', { sneaky: true });
      expect(extra.error?.code).toBe('VALIDATION');
      const missing = await t.raw('studies.get', { id: 'does-not-exist' });
      expect(missing.error?.code).toBe('NOT_FOUND');
      expect(missing.error?.message).toMatch(/does-not-exist/);
    });

    it('keeps imported text as text', async () => {
      const xss = '<img src=x onerror=alert(1)>';
      const before = await call(t.client, 'protocol.get', {});
      const after = await call(t.client, 'protocol.update', { patch: { question: xss } });
      expect(after.question).toBe(xss);
      expect(before.question).not.toBe(xss);
    });
  });
}

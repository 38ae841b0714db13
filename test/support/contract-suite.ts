import Database from 'better-sqlite3';
import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import {
  API,
  ApiError,
  emptyReportFields,
  METHOD_NAMES,
  type ApiClient,
  type ApiResult,
  type MethodName,
  type QueryMethod,
} from '@grove/shared';
import { QUERY_SAMPLES, type QuerySample } from './query-samples.ts';

// The API contract as behaviour: one suite, run against every host (the in-process
// handler table and the HTTP host), so both serve the API identically. Every result is
// also checked against the method's result schema from shared/.

export interface ContractTarget {
  client: ApiClient;
  /** Raw call that bypasses the typed client: the whole reply envelope as the host sent it. */
  raw(method: unknown, args: unknown): Promise<ApiResult<unknown>>;
  /** The open review's file, read by a second connection to see whether a call wrote. */
  file: string;
  close(): Promise<void> | void;
}

/** The success envelope of a raw call, or a failed test naming the error. */
function okReply(reply: ApiResult<unknown>): Extract<ApiResult<unknown>, { ok: true }> {
  if (!reply.ok) throw new Error(`expected success, got ${reply.error.code}: ${reply.error.message}`);
  return reply;
}

function errorOf(reply: ApiResult<unknown>) {
  return reply.ok ? undefined : reply.error;
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
      expect(status).toEqual({ canUndo: true, undoLabel: 'Delete study "Smith 2021"', canRedo: false, redoLabel: null });
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
        expect(errorOf(r)?.code).toBe('BAD_REQUEST');
      }
      const bad = await t.raw('studies.create', { study: { label: '', status: 'included', identifiers: '', notes: '' } });
      expect(errorOf(bad)?.code).toBe('VALIDATION');
      expect(errorOf(bad)?.issues?.[0]?.path).toBe('study.label');
      const extra = await t.raw('studies.list', { sneaky: true });
      expect(errorOf(extra)?.code).toBe('VALIDATION');
      const missing = await t.raw('studies.get', { id: 'does-not-exist' });
      expect(errorOf(missing)?.code).toBe('NOT_FOUND');
      expect(errorOf(missing)?.message).toMatch(/does-not-exist/);
    });

    it('keeps imported text as text', async () => {
      const xss = '<img src=x onerror=alert(1)>';
      const before = await call(t.client, 'protocol.get', {});
      const after = await call(t.client, 'protocol.update', { patch: { question: xss } });
      expect(after.question).toBe(xss);
      expect(before.question).not.toBe(xss);
    });
  });

  describe(`API replies over ${hostName}: what a mutation changed`, () => {
    let t: ContractTarget;
    beforeEach(async () => {
      t = await open('example');
    });
    afterEach(async () => {
      await t.close();
    });

    async function eisen(): Promise<string> {
      return (await call(t.client, 'studies.list', {})).find((s) => s.label === 'Eisen 2012')!.id;
    }

    it('names the tables and rows a mutation touched, with its change id and the undo state after it', async () => {
      const id = await eisen();
      const reply = okReply(await t.raw('studies.update', { id, patch: { identifiers: 'Vet-to-vet' } }));
      expect(reply.change).toEqual({
        id: expect.any(Number),
        label: 'Edit study "Eisen 2012"',
        touched: [
          { table: 'study', ids: [id] },
          { table: 'review', ids: ['1'] },
        ],
      });
      expect(reply.history).toEqual({ canUndo: true, undoLabel: 'Edit study "Eisen 2012"', canRedo: false, redoLabel: null });
      const [latest] = await call(t.client, 'audit.list', { limit: 1 });
      expect(latest?.changeId).toBe(reply.change?.id);
    });

    it('gives change: null (and still the undo state) for a mutation that wrote nothing', async () => {
      const id = await eisen();
      const before = await call(t.client, 'history.status', {});
      const reply = okReply(await t.raw('studies.update', { id, patch: { label: 'Eisen 2012' } }));
      expect(reply.change).toBeNull();
      expect(reply.history).toEqual(before);
    });

    it('adds neither change nor history to a query', async () => {
      const reply = okReply(await t.raw('studies.list', {}));
      expect(reply).not.toHaveProperty('change');
      expect(reply).not.toHaveProperty('history');
    });

    it('names what undo restored: the deleted study and its reports', async () => {
      const studies = await call(t.client, 'studies.list', {});
      const cook = studies.find((s) => s.label === 'Cook 2012a')!;
      const deleted = okReply(await t.raw('studies.delete', { id: cook.id }));
      const reportIds = cook.reports.map((r) => r.id).sort();
      const undo = okReply(await t.raw('history.undo', {}));
      expect(undo.value).toMatchObject({ undone: 'Delete study "Cook 2012a"' });
      expect(undo.change?.label).toBe('Undo: Delete study "Cook 2012a"');
      expect(undo.change?.id).toBeGreaterThan(deleted.change!.id);
      const touched = new Map(undo.change?.touched.map((x) => [x.table, [...x.ids].sort()]));
      expect(touched.get('study')).toEqual([cook.id]);
      expect(touched.get('report')).toEqual(reportIds);
      // The delete touched the same rows that undo put back.
      expect(new Map(deleted.change?.touched.map((x) => [x.table, [...x.ids].sort()])).get('report')).toEqual(reportIds);
      expect(undo.history).toEqual(await call(t.client, 'history.status', {}));
    });

    it('tells the client’s onMutation about every mutation, and resolves call() to the value only', async () => {
      const seen: { method: string; label: string | null; canUndo: boolean }[] = [];
      const { createClient } = await import('@grove/shared');
      const client = createClient((method, args) => t.raw(method, args), {
        onMutation: (method, change, history) => seen.push({ method, label: change?.label ?? null, canUndo: history.canUndo }),
      });
      const id = await eisen();
      const study = await client.call('studies.update', { id, patch: { notes: 'checked' } });
      expect(study.notes).toBe('checked');
      await client.call('studies.get', { id });
      await client.call('studies.update', { id, patch: { notes: 'checked' } });
      expect(seen).toEqual([
        { method: 'studies.update', label: 'Edit study "Eisen 2012"', canUndo: true },
        { method: 'studies.update', label: null, canUndo: true },
      ]);
    });

    it('runs every query method without writing to the review file', async () => {
      const observer = new Database(t.file, { readonly: true, fileMustExist: true });
      try {
        const changes = () => (observer.prepare('SELECT COUNT(*) AS n FROM change').get() as { n: number }).n;
        // data_version moves whenever another connection commits anything at all.
        const version = () => observer.pragma('data_version', { simple: true }) as number;
        const startChanges = changes();
        const startVersion = version();
        const queries = METHOD_NAMES.filter((m): m is QueryMethod => API[m].kind === 'query');
        expect(queries.length).toBeGreaterThan(20);
        for (const method of queries) {
          const sample = (await QUERY_SAMPLES[method](t.client)) as QuerySample<QueryMethod>;
          const reply = await t.raw(method, sample.args);
          expect({ method, code: errorOf(reply)?.code }).toEqual({ method, code: sample.fails });
          expect({ method, changes: changes(), version: version() }).toEqual({ method, changes: startChanges, version: startVersion });
        }
        // The observer does see writes: one mutation moves both.
        await call(t.client, 'studies.update', { id: await eisen(), patch: { notes: 'seen' } });
        expect(changes()).toBe(startChanges + 1);
        expect(version()).not.toBe(startVersion);
      } finally {
        observer.close();
      }
    });
  });
}

import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../../../db/src/backend.ts';
import { createExampleReview } from '../../../db/src/example/create-example.ts';
import { freshBackend } from '../../support/review-fixtures.ts';
import { tempDir } from '../../support/temp.ts';

// outputs.prismaFlow on real review files: the example review's flow (hand-entered search
// counts, studies and reports from its data), a review whose analyses give the studies in
// the meta-analysis, and hand-entered counts the data contradict.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('outputs.prismaFlow', () => {
  it('gives the example review’s flow: the seed’s counts, studies and reports from the data', async () => {
    const f = freshBackend('example');
    cleanups.push(f.cleanup);
    const { flow, checks } = await f.client.call('outputs.prismaFlow', {});
    expect(flow.identification.databases.total).toEqual({ n: 7198, source: 'hand-entered' });
    expect(flow.otherMethods.identified.total).toEqual({ n: 225, source: 'hand-entered' });
    expect(flow.screening.screened).toEqual({ n: 4277, source: 'hand-entered' });
    expect(flow.screening.recordsExcluded).toEqual({ n: 4179, source: 'hand-entered' });
    expect(flow.screening.assessed).toEqual({ n: 98, source: 'hand-entered' });
    expect(flow.screening.reportsExcluded.total).toEqual({ n: 87, source: 'hand-entered' });
    // The example holds its 8 studies and 11 reports, but no outcome data to analyse.
    expect(flow.included.studies).toEqual({ n: 8, source: 'data' });
    expect(flow.included.reports).toEqual({ n: 11, source: 'data' });
    expect(flow.included.studiesInMetaAnalysis).toEqual({ n: 6, source: 'hand-entered' });
    expect(checks).toEqual([]);
  });

  it('follows the studies: excluding one is a contradiction of the hand-entered count, said in words', async () => {
    const f = freshBackend('example');
    cleanups.push(f.cleanup);
    const [study] = await f.client.call('studies.list', {});
    await f.client.call('studies.update', { id: study!.id, patch: { status: 'excluded' } });
    const { flow, checks } = await f.client.call('outputs.prismaFlow', {});
    expect(flow.included.studies).toEqual({ n: 7, source: 'data' });
    expect(checks.map((c) => c.rule)).toContain('hand-entered.studies-included');
  });

  it('counts the studies in a meta-analysis from the analysis model when it has data', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    createExampleReview(path.join(dir, 'f.grove'), { example: 'fleiss1993' }).close();
    const backend = createBackend({ host: 'in-process' });
    backend.openFile(path.join(dir, 'f.grove'));
    cleanups.push(() => backend.closeFile());
    const client = inProcessClient(backend);
    const analyses = await client.call('analyses.list', {});
    const pooled = new Set(
      analyses
        .filter((a) => a.analysis.synthesis === 'meta-analysis')
        .flatMap((a) => a.analysis.contributions.filter((c) => c.included).map((c) => c.studyId)),
    );
    expect(pooled.size).toBeGreaterThan(0);
    const { flow } = await client.call('outputs.prismaFlow', {});
    expect(flow.included.studiesInMetaAnalysis).toEqual({ n: pooled.size, source: 'data' });
  });

  it('leaves every count unknown in a new, empty review', async () => {
    const f = freshBackend('empty');
    cleanups.push(f.cleanup);
    const { flow, checks } = await f.client.call('outputs.prismaFlow', {});
    expect(flow.identification.databases.total).toBeNull();
    expect(flow.screening.screened).toBeNull();
    expect(flow.included.studies).toBeNull();
    expect(flow.included.studiesInMetaAnalysis).toBeNull();
    expect(checks).toEqual([]);
  });
});

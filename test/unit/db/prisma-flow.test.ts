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

describe('outputs.prismaFlow with records in the review', () => {
  const ris = (records: string[][]) => records.map((r) => `${r.join('\n')}\nER  - \n`).join('\n');
  const trial = (doi: string) => [
    'TY  - JOUR',
    'TI  - Peer support for adults with severe mental illness: a randomised controlled trial',
    'AU  - Smith, John',
    'AU  - Jones, Ann',
    'PY  - 2019',
    'JO  - Psychiatric Services',
    'VL  - 70',
    'SP  - 100',
    'EP  - 110',
    `DO  - ${doi}`,
  ];
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

  it('takes records identified per source and the duplicates removed from the imported records', async () => {
    const f = freshBackend('empty');
    cleanups.push(f.cleanup);
    const before = await f.client.call('outputs.prismaFlow', {});
    expect(before.flow.identification.databases.total).toBeNull();
    const medline = ris([
      trial('10.1000/peer.2019'),
      ['TY  - JOUR', 'TI  - Exercise for depression in older people', 'AU  - Brown, Carol', 'PY  - 2020'],
    ]);
    const embase = ris([trial('10.1000/PEER.2019')]);
    for (const [fileName, text, source] of [
      ['medline.ris', medline, 'MEDLINE'],
      ['embase.ris', embase, 'Embase'],
    ] as const)
      await f.client.call('records.import', {
        fileName,
        contentBase64: b64(text),
        search: { source, searchedOn: '2024-03-01', hitsReported: null },
      });
    await f.client.call('records.dedupe', {});
    const { flow } = await f.client.call('outputs.prismaFlow', {});
    expect(flow.identification.databases.total).toEqual({ n: 3, source: 'data' });
    expect(flow.identification.databases.items.map((i) => [i.name, i.count])).toEqual([
      ['MEDLINE', { n: 2, source: 'data' }],
      ['Embase', { n: 1, source: 'data' }],
    ]);
    expect(flow.identification.removedBeforeScreening.duplicates).toEqual({ n: 1, source: 'data' });
  });
});

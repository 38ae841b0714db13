import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import { readExportText } from '@grove/shared/records/index';
import { lockPathFor } from '../../db/src/lock/review-lock.ts';
import { runGrove } from '../support/run-cli.ts';
import { tempDir } from '../support/temp.ts';

// grove import, grove dedupe FILE.grove and grove export --ris as a user runs them: real
// processes, real files.

const { dir, cleanup } = tempDir('grove-records-cli-');
afterAll(cleanup);
const at = (name: string) => path.join(dir, name);

const TITLE = 'Peer support for adults with severe mental illness: a randomised controlled trial';
const trial = (extra: string[]) =>
  [
    'TY  - JOUR',
    `TI  - ${TITLE}`,
    'AU  - Smith, John',
    'AU  - Jones, Ann',
    'PY  - 2019',
    'JO  - Psychiatric Services',
    'VL  - 70',
    'SP  - 100',
    'EP  - 110',
    ...extra,
    'ER  - ',
    '',
  ].join('\n');
const OTHER = [
  'TY  - JOUR',
  'TI  - Exercise for depression in older people',
  'AU  - Brown, Carol',
  'PY  - 2020',
  'JO  - Lancet',
  'ER  - ',
  '',
].join('\n');
const MEDLINE = [
  trial(['DO  - 10.1000/peer.2019', 'AB  - Adults were randomised.\n  Line two of the abstract.']),
  OTHER,
  'TI  - No type here\nER  - \n',
].join('\n');
const EMBASE = [trial(['DO  - https://doi.org/10.1000/PEER.2019']), trial(['DO  - 10.1000/another.2019'])].join('\n');

function exportJson(file: string) {
  const r = runGrove(['export', file, '--json']);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as {
    formatVersion: number;
    searchCounts: { databaseRecords: number | null };
    records?: {
      searchLog: { source: string; recordsParsed: number; hitsReported: number | null; skipped: { line: number }[]; strategy: string }[];
      records: { id: string; title: string | null }[];
      merges: unknown[];
      queue: { decision: string | null }[];
    };
  };
}

describe('grove import', () => {
  it('imports each export as one search, lists skipped records by line, and grove export --json includes them', () => {
    fs.writeFileSync(at('medline.ris'), MEDLINE);
    fs.writeFileSync(at('strategy.txt'), '1. peer support.mp.\n2. exp Mental Disorders/\n3. 1 and 2\n');
    expect(runGrove(['new', at('r.grove')]).status).toBe(0);
    const r = runGrove([
      'import',
      at('r.grove'),
      at('medline.ris'),
      '--source',
      'MEDLINE',
      '--interface',
      'Ovid',
      '--searched',
      '2024-03-01',
      '--strategy',
      at('strategy.txt'),
      '--hits',
      '3',
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('medline.ris (ris) → search "MEDLINE": 2 records imported, 3 reported by the database');
    const untyped = MEDLINE.split('\n').indexOf('TI  - No type here') + 1;
    expect(r.stdout).toContain(`skipped: medline.ris, line ${untyped}: `);
    const doc = exportJson(at('r.grove'));
    expect(doc.formatVersion).toBe(4);
    expect(doc.searchCounts.databaseRecords).toBe(2);
    expect(doc.records?.searchLog).toMatchObject([
      {
        source: 'MEDLINE',
        recordsParsed: 2,
        hitsReported: 3,
        skipped: [{ line: untyped }],
        strategy: expect.stringContaining('peer support') as string,
      },
    ]);
    expect(doc.records?.records.map((x) => x.title)).toEqual([TITLE, 'Exercise for depression in older people']);
  });

  it('refuses a broken file whole, naming file and line, and imports nothing', () => {
    fs.writeFileSync(at('broken.xml'), '<?xml version="1.0"?>\n<xml><records><record><titles><title>Cut short');
    fs.writeFileSync(at('binary.ris'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]));
    fs.writeFileSync(at('empty.ris'), '');
    expect(runGrove(['new', at('b.grove')]).status).toBe(0);
    const before = runGrove(['export', at('b.grove'), '--json']).stdout;
    for (const name of ['broken.xml', 'binary.ris', 'empty.ris']) {
      const r = runGrove(['import', at('b.grove'), at(name), '--source', 'CINAHL', '--searched', '2024-03-01']);
      expect(r.status, name).toBe(2);
      expect(r.stderr, name).toMatch(new RegExp(`${name.replace('.', '\\.')}, line \\d+: .*nothing was imported`));
    }
    expect(runGrove(['export', at('b.grove'), '--json']).stdout).toBe(before);
  });

  it('refuses bad search details before touching the review', () => {
    fs.writeFileSync(at('m.ris'), MEDLINE);
    expect(runGrove(['new', at('d.grove')]).status).toBe(0);
    const badDate = runGrove(['import', at('d.grove'), at('m.ris'), '--source', 'MEDLINE', '--searched', '1 March 2024']);
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toMatch(/--searched: must be a date written YYYY-MM-DD/);
    const noSource = runGrove(['import', at('d.grove'), at('m.ris'), '--searched', '2024-03-01']);
    expect(noSource.status).toBe(2);
    expect(noSource.stderr).toMatch(/--source/);
    expect(exportJson(at('d.grove')).records).toBeUndefined();
  });
});

describe('grove dedupe FILE.grove', () => {
  it('stores the automatic merges and the queue; running it again changes nothing', () => {
    fs.writeFileSync(at('medline2.ris'), MEDLINE);
    fs.writeFileSync(at('embase.ris'), EMBASE);
    expect(runGrove(['new', at('dd.grove')]).status).toBe(0);
    expect(runGrove(['import', at('dd.grove'), at('medline2.ris'), '--source', 'MEDLINE', '--searched', '2024-03-01']).status).toBe(1);
    expect(
      runGrove(['import', at('dd.grove'), at('embase.ris'), '--source', 'Embase', '--searched', '2024-03-02', '--hits', '2']).status,
    ).toBe(0);
    const first = runGrove(['dedupe', at('dd.grove'), '--json']);
    expect(first.status).toBe(0);
    const out = JSON.parse(first.stdout) as {
      records: number;
      clusters: string[][];
      queue: string[][];
      added: { merged: number; queued: number };
    };
    expect(out).toMatchObject({ records: 4, added: { merged: 1, queued: 1 } });
    expect(out.clusters).toHaveLength(1);
    expect(out.queue).toHaveLength(1);
    const doc = exportJson(at('dd.grove'));
    expect(doc.records?.merges).toHaveLength(1);
    expect(doc.records?.queue).toHaveLength(1);

    const again = runGrove(['dedupe', at('dd.grove'), '--json']);
    expect(JSON.parse(again.stdout)).toEqual({ ...out, added: { merged: 0, queued: 0 } });
    expect(runGrove(['export', at('dd.grove'), '--json']).stdout).toBe(JSON.stringify(doc, null, 2) + '\n');
  });

  it('is refused while another process holds the review', () => {
    expect(runGrove(['new', at('locked.grove')]).status).toBe(0);
    const lock = lockPathFor(at('locked.grove'));
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), app: 'a test', since: new Date().toISOString() }));
    const r = runGrove(['dedupe', at('locked.grove')]);
    fs.rmSync(lock);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/a test|being edited|locked/i);
  });
});

describe('grove export --ris', () => {
  it('writes the records left after deduplication as RIS that reads back with the same fields', () => {
    const r = runGrove(['export', at('dd.grove'), '--ris', '-o', at('out.ris')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/Wrote 3 records/);
    const text = fs.readFileSync(at('out.ris'), 'utf8');
    const back = readExportText('out.ris', text);
    expect(back.records).toHaveLength(3);
    const kept = back.records.find((x) => x.doi === '10.1000/peer.2019')!;
    expect(kept).toMatchObject({
      title: TITLE,
      authors: ['Smith, John', 'Jones, Ann'],
      year: 2019,
      journal: 'Psychiatric Services',
      volume: '70',
      pages: '100-110',
    });
    expect(kept.abstract).toBe('Adults were randomised. Line two of the abstract.');
  });
});

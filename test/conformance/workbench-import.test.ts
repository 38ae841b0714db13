import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../../db/src/backend.ts';
import { tempDir } from '../support/temp.ts';
import { findCorpus } from './support/corpus.ts';

// The workbench's File › Import RevMan file… with the real RevMan Web data package.

const corpus = findCorpus();
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe.skipIf(!corpus)('workbench import of a RevMan Web data package', () => {
  it('imports Fleiss1993.zip sent as bytes, beside the open review, and opens it', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const backend = createBackend({ host: 'in-process' });
    backend.createExample(path.join(dir, 'example.grove'));
    cleanups.push(() => backend.closeFile());
    const client = inProcessClient(backend);
    const bytes = fs.readFileSync(path.join(corpus!, 'rm5', 'Fleiss1993.zip'));
    const result = await client.call('files.importRevman', { fileName: 'Fleiss1993.zip', contentBase64: bytes.toString('base64') });
    expect(result.file.path).toBe(path.join(dir, 'Fleiss1993.grove'));
    expect(result.report.imported.studies).toBe(12);
    expect(backend.currentFile()).toBe(result.file.path);
    expect(await client.call('studies.list', {})).toHaveLength(12);
    expect((await client.call('storedAnalyses.list', {})).length).toBeGreaterThan(0);
  });
});

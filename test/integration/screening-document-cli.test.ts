import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../../db/src/backend.ts';
import { observed, rejectionsAndBlobs, screenedReview } from '../support/screening-document-fixtures.ts';
import { runGrove } from '../support/run-cli.ts';
import { tempDir } from '../support/temp.ts';

// Issue 14 as a user runs it: `grove export FILE --json -o DOC` then `grove new COPY --from DOC`
// keeps the screening (status, conflicts, reasons), the PDFs and the rejected links.

const { dir, cleanup } = tempDir('grove-screening-doc-');
afterAll(cleanup);
const at = (name: string) => path.join(dir, name);

describe('grove export --json / grove new --from with screening', () => {
  it('gives back the same screening status, conflicts, PDFs and rejections', async () => {
    const r = await screenedReview();
    try {
      const before = await observed(r.client, r.ids[0]!, r.studyId);
      r.backend.closeFile();
      const exported = runGrove(['export', r.file, '--json', '-o', at('review.json')]);
      expect(exported.stderr).toBe('');
      expect(exported.status).toBe(0);
      const created = runGrove(['new', at('copy.grove'), '--from', at('review.json')]);
      expect(created.status).toBe(0);
      expect(created.stderr).toBe(`Created ${at('copy.grove')}\n`);
      const again = runGrove(['export', at('copy.grove'), '--json']);
      expect(again.stdout).toBe(fs.readFileSync(at('review.json'), 'utf8'));

      const backend = createBackend({ host: 'in-process' });
      backend.openFile(at('copy.grove'));
      try {
        expect(await observed(inProcessClient(backend), r.ids[0]!, r.studyId)).toEqual(before);
      } finally {
        backend.closeFile();
      }
      expect(rejectionsAndBlobs(at('copy.grove'))).toEqual(rejectionsAndBlobs(r.file));
      const status = JSON.parse(runGrove(['screen', 'status', at('copy.grove'), '--json']).stdout) as { stages: unknown };
      expect(status).toEqual(JSON.parse(runGrove(['screen', 'status', r.file, '--json']).stdout));
    } finally {
      r.cleanup();
    }
  }, 120_000);

  it('refuses a document with a decision for an unknown record, naming it, and creates no file', async () => {
    const doc = JSON.parse(fs.readFileSync(at('review.json'), 'utf8')) as { screening: { decisions: { recordId: string }[] } };
    doc.screening.decisions[2]!.recordId = 'missing-record';
    fs.writeFileSync(at('bad.json'), JSON.stringify(doc));
    const r = runGrove(['new', at('bad.grove'), '--from', at('bad.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'bad.json is not a valid Grove review document: screening.decisions.2.recordId: no record has id missing-record',
    );
    expect(fs.existsSync(at('bad.grove'))).toBe(false);
  }, 60_000);
});

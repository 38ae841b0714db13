import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../../../../db/src/backend.ts';
import { createExampleReview } from '../../../../db/src/example/create-example.ts';
import { schemaVersion } from '../../../../db/src/migrate.ts';
import { openReviewFile } from '../../../../db/src/review-file.ts';
import { tempDir } from '../../../support/temp.ts';
import { rollBack0010 } from './roll-back.ts';

// Migration 10 adds full texts (PDF blobs in chunks, attachments) and study-link rejections;
// the example review keeps its 8 studies from 11 reports, and the tables refuse what the
// model forbids (an attachment to both a record and a study, or to neither; a blob whose
// hash is not one; a rejected pair out of order).

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function v9File(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = path.join(dir, 'example.grove');
  createExampleReview(file).close();
  const raw = new Database(file);
  rollBack0010(raw);
  expect(raw.pragma('user_version', { simple: true })).toBe(9);
  raw.close();
  return file;
}

describe('migration 0010 full texts and study links', () => {
  it('upgrades a v9 file with empty tables, and the example keeps its 8 studies from 11 reports', async () => {
    const file = v9File();
    const review = openReviewFile(file);
    try {
      const db = review.db;
      expect(schemaVersion(db)).toBe(10);
      for (const t of ['pdf_blob', 'pdf_blob_chunk', 'pdf_attachment', 'study_link_rejection'])
        expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
    } finally {
      review.close();
    }
    const backend = createBackend({ host: 'in-process' });
    backend.openFile(file);
    try {
      const studies = await inProcessClient(backend).call('studyLinks.studies', {});
      expect(studies).toHaveLength(8);
      expect(studies.reduce((n, s) => n + s.reports.length, 0)).toBe(11);
      expect(await inProcessClient(backend).call('studyLinks.suggestions', {})).toEqual([]);
    } finally {
      backend.closeFile();
    }
  });

  it('refuses impossible rows', () => {
    const review = openReviewFile(v9File());
    try {
      const db = review.db;
      const study = (db.prepare('SELECT id FROM study LIMIT 1').get() as { id: string }).id;
      const hash = 'a'.repeat(64);
      const now = '2026-01-01T00:00:00Z';
      const attach = db.prepare(
        'INSERT INTO pdf_attachment (id, sha256, record_id, study_id, file_name, size, attached_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      expect(() => attach.run('a1', hash, null, null, 'x.pdf', 10, now)).toThrow(/CHECK/);
      expect(() => attach.run('a2', hash, null, study, ' ', 10, now)).toThrow(/CHECK/);
      expect(() => attach.run('a3', hash, null, 'no-such-study', 'x.pdf', 10, now)).toThrow(/FOREIGN KEY/);
      attach.run('a4', hash, null, study, 'x.pdf', 10, now);
      const blob = db.prepare('INSERT INTO pdf_blob (sha256, size, created_at) VALUES (?, ?, ?)');
      expect(() => blob.run('ABC', 10, now)).toThrow(/CHECK/);
      expect(() => blob.run('A'.repeat(64), 10, now)).toThrow(/CHECK/);
      blob.run(hash, 10, now);
      expect(() =>
        db.prepare('INSERT INTO pdf_blob_chunk (sha256, n, data) VALUES (?, 0, ?)').run('b'.repeat(64), Buffer.from('x')),
      ).toThrow(/FOREIGN KEY/);
      expect(() =>
        db.prepare("INSERT INTO study_link_rejection (id, record_a, record_b, rejected_at) VALUES ('r', 'b', 'a', ?)").run(now),
      ).toThrow(/CHECK|FOREIGN KEY/);
    } finally {
      review.close();
    }
  });
});

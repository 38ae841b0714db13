import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GROVE_APPLICATION_ID, openConnection } from '../../../db/src/connection.ts';
import { migrate, schemaVersion, NewerFileError } from '../../../db/src/migrate.ts';
import { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from '../../../db/src/migrations/index.ts';
import { createReviewFile, inspectReviewFile, openReviewFile } from '../../../db/src/review-file.ts';
import { useTempDirs } from '../../support/temp.ts';

const dir = useTempDirs();
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('review files', () => {
  it('opens with WAL, foreign keys and a busy timeout', () => {
    const file = path.join(dir(), 'r.grove');
    const review = createReviewFile(file);
    expect(review.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(review.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(review.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(review.db.pragma('application_id', { simple: true })).toBe(GROVE_APPLICATION_ID);
    expect(schemaVersion(review.db)).toBe(LATEST_SCHEMA_VERSION);
    review.close();
    // Closing folds the WAL back in: the .grove file alone is the review.
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('refuses a file from a newer Grove with a clear message and leaves it untouched', () => {
    const file = path.join(dir(), 'future.grove');
    createReviewFile(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 7}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = { hash: sha(file), mtime: fs.statSync(file).mtimeMs, files: fs.readdirSync(path.dirname(file)).sort() };

    expect(() => openReviewFile(file)).toThrow(NewerFileError);
    expect(() => openReviewFile(file)).toThrow(
      new RegExp(
        `${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} was saved by a newer version of Grove \\(review schema v${LATEST_SCHEMA_VERSION + 7}; this Grove reads up to v${LATEST_SCHEMA_VERSION}\\)\\. Update Grove to open it\\. The file has not been changed\\.`,
      ),
    );
    expect(sha(file)).toBe(before.hash);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtime);
    // No WAL, no backup, nothing new beside it.
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(before.files);
  });

  it('backs up an existing file beside it before migrating, and the backup is the old version', () => {
    const file = path.join(dir(), 'old.grove');
    createReviewFile(file, { title: 'Before the upgrade' }).close();
    const next: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'test-add-column',
      migrate: (db) => db.exec("ALTER TABLE study ADD COLUMN acronym TEXT NOT NULL DEFAULT ''"),
    };
    const db = openConnection(file);
    const result = migrate(db, file, LATEST_SCHEMA_VERSION + 1, [...MIGRATIONS, next]);
    db.close();

    expect(result).toMatchObject({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION + 1 });
    expect(result.backup).toBe(path.join(path.dirname(file), `old.pre-v${LATEST_SCHEMA_VERSION + 1}.grove`));
    const backup = new Database(result.backup!, { readonly: true });
    expect(schemaVersion(backup)).toBe(LATEST_SCHEMA_VERSION);
    expect(backup.prepare('SELECT title FROM protocol').get()).toEqual({ title: 'Before the upgrade' });
    backup.close();
    const migrated = new Database(file, { readonly: true });
    expect(schemaVersion(migrated)).toBe(LATEST_SCHEMA_VERSION + 1);
    migrated.close();
  });

  it('never overwrites an earlier backup', () => {
    const d = dir();
    const file = path.join(d, 'r.grove');
    createReviewFile(file).close();
    const v = LATEST_SCHEMA_VERSION + 1;
    fs.writeFileSync(path.join(d, `r.pre-v${v}.grove`), 'an older backup');
    const db = openConnection(file);
    const { backup } = migrate(db, file, v, [...MIGRATIONS, { version: v, name: 'noop', migrate: () => undefined }]);
    db.close();
    expect(backup).toBe(path.join(d, `r.pre-v${v}-2.grove`));
    expect(fs.readFileSync(path.join(d, `r.pre-v${v}.grove`), 'utf8')).toBe('an older backup');
  });

  it('rolls a failed migration back completely', () => {
    const file = path.join(dir(), 'r.grove');
    createReviewFile(file).close();
    const db = openConnection(file);
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken',
      migrate: (d) => {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, file, LATEST_SCHEMA_VERSION + 1, [...MIGRATIONS, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  it.each([
    ['a text file', (f: string) => fs.writeFileSync(f, 'Title: my notes\n'), /is not a Grove review \(it is not an SQLite database\)/],
    ['an empty file', (f: string) => fs.writeFileSync(f, ''), /is empty, not a Grove review/],
    [
      'another application’s SQLite database',
      (f: string) => {
        const db = new Database(f);
        db.exec('CREATE TABLE t (x)');
        db.close();
      },
      /is an SQLite database but not a Grove review/,
    ],
    [
      'a truncated review',
      (f: string) => {
        const full = `${f}.full`;
        createReviewFile(full).close();
        fs.writeFileSync(f, fs.readFileSync(full).subarray(0, 4096));
      },
      /is truncated/,
    ],
  ])('refuses %s, naming the file', (_label, make, message) => {
    const file = path.join(dir(), 'bad.grove');
    make(file);
    expect(() => inspectReviewFile(file)).toThrow(message);
    expect(() => openReviewFile(file)).toThrow(file);
  });

  it('refuses to create over an existing file', () => {
    const file = path.join(dir(), 'r.grove');
    fs.writeFileSync(file, 'precious');
    expect(() => createReviewFile(file)).toThrow(/already exists/);
    expect(fs.readFileSync(file, 'utf8')).toBe('precious');
  });
});

describe('save a copy', () => {
  it('writes a consistent, openable copy including unsaved WAL pages, and refuses to overwrite', async () => {
    const { createBackend } = await import('../../../db/src/backend.ts');
    const d = dir();
    const backend = createBackend({ host: 'in-process' });
    backend.createExample(path.join(d, 'a.grove'));
    const { inProcessClient } = await import('@grove/shared');
    const client = inProcessClient(backend);
    await client.call('protocol.update', { patch: { question: 'Copied question?' } });
    await backend.saveCopy(path.join(d, 'copy.grove'));
    await expect(backend.saveCopy(path.join(d, 'copy.grove'))).rejects.toThrow(/already exists/);
    backend.closeFile();
    const copy = openReviewFile(path.join(d, 'copy.grove'));
    expect(copy.db.prepare('SELECT question FROM protocol').get()).toEqual({ question: 'Copied question?' });
    copy.close();
  });
});

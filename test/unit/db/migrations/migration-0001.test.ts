import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as m0001 from '../../../../db/src/migrations/0001-create-review.ts';
import { migrate, schemaVersion } from '../../../../db/src/migrate.ts';

// Migration 1 creates schema v1 from an empty database.

function tables(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  ).map((r) => r.name);
}

describe('migration 0001 create-review', () => {
  it('creates every v1 table and sets user_version to 1', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, null, 1, [m0001]);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual([
      'audit_entry',
      'change',
      'outcome_domain',
      'planned_analysis',
      'planned_outcome',
      'protocol',
      'report',
      'review',
      'reviewer',
      'search_counts',
      'study',
      'timepoint_category',
    ]);
  });

  it('enforces the model in the schema: enums, singletons, JSON lists, foreign keys', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, null, 1, [m0001]);
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare("INSERT INTO study (id, label, status, created_at, updated_at) VALUES ('s1', 'A 2020', 'included', ?, ?)").run(now, now);
    expect(() =>
      db.prepare("INSERT INTO study (id, label, status, created_at, updated_at) VALUES ('s2', 'B', 'maybe', ?, ?)").run(now, now),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO study (id, label, status, created_at, updated_at) VALUES ('s3', '  ', 'included', ?, ?)").run(now, now),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO protocol (singleton, title) VALUES (2, 'x')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO protocol (singleton, title, search_databases) VALUES (1, 'x', '{}')").run()).toThrow(/CHECK/);
    expect(() =>
      db.prepare("INSERT INTO report (id, study_id, position, created_at, updated_at) VALUES ('r1', 'nope', 0, ?, ?)").run(now, now),
    ).toThrow(/FOREIGN KEY/);
    // Reports go with their study.
    db.prepare("INSERT INTO report (id, study_id, position, created_at, updated_at) VALUES ('r1', 's1', 0, ?, ?)").run(now, now);
    db.prepare("DELETE FROM study WHERE id = 's1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM report').get()).toEqual({ n: 0 });
  });

  it('keeps planned outcomes pointing at a domain (checked at commit)', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, null, 1, [m0001]);
    const tx = db.transaction(() => {
      db.prepare("INSERT INTO planned_outcome (id, domain_id, position, name) VALUES ('o1', 'missing', 0, 'Hope')").run();
    });
    expect(() => tx()).toThrow(/FOREIGN KEY/);
  });
});

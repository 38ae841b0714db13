import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as m0001 from '../../../../db/src/migrations/0001-create-review.ts';
import * as m0002 from '../../../../db/src/migrations/0002-extraction-and-risk-of-bias.ts';
import { GROVE_APPLICATION_ID, openConnection } from '../../../../db/src/connection.ts';
import { migrate, schemaVersion } from '../../../../db/src/migrate.ts';
import { openReviewFile } from '../../../../db/src/review-file.ts';
import { LATEST_SCHEMA_VERSION } from '../../../../db/src/migrations/index.ts';
import { tempDir } from '../../../support/temp.ts';

// Migration 2 adds extraction and risk of bias to a v1 review, keeping its data.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function v1File(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = path.join(dir, 'v1.grove');
  const db = openConnection(file);
  db.pragma(`application_id = ${GROVE_APPLICATION_ID}`);
  migrate(db, null, 1, [m0001]);
  // The v1 singletons, as a v1 Grove wrote them (initialiseReview now also writes v2 tables).
  db.exec(`
    INSERT INTO review (singleton, id, created_at, updated_at) VALUES (1, 'rev-1', 'x', 'x');
    INSERT INTO protocol (singleton, title) VALUES (1, 'A v1 review');
    INSERT INTO search_counts (singleton) VALUES (1);
  `);
  db.prepare("INSERT INTO study (id, label, status, created_at, updated_at) VALUES ('s1', 'Smith 2019', 'included', 'x', 'x')").run();
  db.close();
  return file;
}

describe('migration 0002 extraction-and-risk-of-bias', () => {
  it('upgrades a v1 file after backing it up, keeping its studies, and seeds the RoB settings', () => {
    const file = v1File();
    const review = openReviewFile(file);
    // Opening runs every pending migration (2 and any later ones) after one backup.
    expect(schemaVersion(review.db)).toBe(LATEST_SCHEMA_VERSION);
    const backupName = `v1.pre-v${LATEST_SCHEMA_VERSION}.grove`;
    expect(review.backup).toBe(path.join(path.dirname(file), backupName));
    expect(review.db.prepare('SELECT label FROM study').all()).toEqual([{ label: 'Smith 2019' }]);
    expect(review.db.prepare('SELECT tool, fallback, key_domains, second_reviewer_fraction FROM rob_settings').get()).toEqual({
      tool: 'rob1',
      fallback: 'unclear',
      key_domains: '["sequenceGeneration","allocationConcealment","incompleteOutcomeData","selectiveReporting"]',
      second_reviewer_fraction: 0.1,
    });
    review.close();
    const backup = new Database(path.join(path.dirname(file), backupName), { readonly: true });
    expect(schemaVersion(backup)).toBe(1);
    expect(fs.existsSync(path.join(path.dirname(file), backupName))).toBe(true);
    backup.close();
  });

  it('rejects impossible results and cascades a study’s data with it', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, null, 2, [m0001, m0002]);
    db.exec(`
      INSERT INTO outcome_domain (id, position, name) VALUES ('d', 0, 'Personal recovery');
      INSERT INTO planned_outcome (id, domain_id, position, name) VALUES ('o', 'd', 0, 'Hope');
      INSERT INTO study (id, label, status, created_at, updated_at) VALUES ('s', 'Smith 2019', 'included', 'x', 'x');
      INSERT INTO arm (id, study_id, position, label, role) VALUES ('a', 's', 0, 'Peer group', 'intervention');
      INSERT INTO study_outcome (id, study_id, outcome_id, position, measure, direction, data_type) VALUES ('so', 's', 'o', 0, 'Herth Hope Index', 'higher-better', 'continuous');
      INSERT INTO timepoint (id, study_id, label, weeks_after_treatment) VALUES ('t', 's', 'End of treatment', 0);
    `);
    const insert = (sql: string) => () => db.prepare(sql).run();
    expect(
      insert(
        "INSERT INTO arm_result (id, study_outcome_id, timepoint_id, arm_id, kind, mean, sd, n) VALUES ('r1', 'so', 't', 'a', 'continuous', 1, 0, 10)",
      ),
    ).toThrow(/CHECK/);
    expect(
      insert(
        "INSERT INTO arm_result (id, study_outcome_id, timepoint_id, arm_id, kind, events, n) VALUES ('r2', 'so', 't', 'a', 'dichotomous', 11, 10)",
      ),
    ).toThrow(/CHECK/);
    expect(
      insert(
        "INSERT INTO arm_result (id, study_outcome_id, timepoint_id, arm_id, kind, events, n) VALUES ('r3', 'so', 't', 'a', 'continuous', 3, 10)",
      ),
    ).toThrow(/CHECK/);
    insert(
      "INSERT INTO arm_result (id, study_outcome_id, timepoint_id, arm_id, kind, mean, sd, n) VALUES ('r4', 'so', 't', 'a', 'continuous', 1.5, 0.4, 10)",
    )();
    expect(
      insert("INSERT INTO rob1_judgement (id, study_id, domain, judgement, updated_at) VALUES ('j', 's', 'otherBias', 'fine', 'x')"),
    ).toThrow(/CHECK/);
    db.prepare("DELETE FROM study WHERE id = 's'").run();
    for (const t of ['arm', 'study_outcome', 'timepoint', 'arm_result'])
      expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
  });
});

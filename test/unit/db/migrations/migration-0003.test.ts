import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as m0001 from '../../../../db/src/migrations/0001-create-review.ts';
import * as m0002 from '../../../../db/src/migrations/0002-extraction-and-risk-of-bias.ts';
import * as m0003 from '../../../../db/src/migrations/0003-revman-analyses.ts';
import { GROVE_APPLICATION_ID, openConnection } from '../../../../db/src/connection.ts';
import { migrate, schemaVersion } from '../../../../db/src/migrate.ts';
import { LATEST_SCHEMA_VERSION } from '../../../../db/src/migrations/index.ts';
import { openReviewFile } from '../../../../db/src/review-file.ts';
import { tempDir } from '../../../support/temp.ts';

// Migration 3 adds RevMan-style stored analyses to a v2 review, keeping its data.

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function v2File(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const file = path.join(dir, 'v2.grove');
  const db = openConnection(file);
  db.pragma(`application_id = ${GROVE_APPLICATION_ID}`);
  migrate(db, null, 2, [m0001, m0002]);
  db.exec(`
    INSERT INTO review (singleton, id, created_at, updated_at) VALUES (1, 'rev-1', 'x', 'x');
    INSERT INTO protocol (singleton, title) VALUES (1, 'A v2 review');
    INSERT INTO search_counts (singleton) VALUES (1);
    INSERT INTO study (id, label, status, created_at, updated_at) VALUES ('s1', 'Smith 2019', 'included', 'x', 'x');
  `);
  db.close();
  return file;
}

function v3(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, null, 3, [m0001, m0002, m0003]);
  db.exec(`
    INSERT INTO study (id, label, status, created_at, updated_at) VALUES ('s', 'Smith 2019', 'included', 'x', 'x');
    INSERT INTO comparison (id, position, rm5_id, no, name) VALUES ('c', 0, 'CMP-001', 1, 'Tea vs water');
    INSERT INTO stored_analysis (id, comparison_id, position, rm5_id, no, kind, name, effect_measure, method, random, ci_study, ci_total, totals, subgroups, subgroup_test, swap_events, log_data)
      VALUES ('a', 'c', 0, 'CMP-001.01', 1, 'DICH', 'Deaths', 'RR', 'MH', 1, 95, 95, 'YES', 1, 1, 0, 0);
    INSERT INTO stored_subgroup (id, analysis_id, position, rm5_id, no, name) VALUES ('g', 'a', 0, 'CMP-001.01.01', 1, 'Adults');
    INSERT INTO stored_data_row (id, analysis_id, subgroup_id, position, study_id, kind, events_1, total_1, events_2, total_2) VALUES ('r', 'a', 'g', 0, 's', 'DICH', 1, 10, 2, 10);
  `);
  return db;
}

describe('migration 0003 revman-analyses', () => {
  it('upgrades a v2 file after backing it up, keeping its studies', () => {
    const file = v2File();
    const review = openReviewFile(file);
    expect(schemaVersion(review.db)).toBeGreaterThanOrEqual(3);
    expect(review.backup).toBe(path.join(path.dirname(file), `v2.pre-v${LATEST_SCHEMA_VERSION}.grove`));
    expect(review.db.prepare('SELECT label FROM study').all()).toEqual([{ label: 'Smith 2019' }]);
    expect(review.db.prepare('SELECT count(*) AS n FROM stored_analysis').get()).toEqual({ n: 0 });
    review.close();
  });

  it('rejects impossible rows and settings', () => {
    const db = v3();
    const run = (sql: string) => () => db.prepare(sql).run();
    // Continuous numbers on a dichotomous row; a negative SD; a row of an unknown study.
    expect(
      run("INSERT INTO stored_data_row (id, analysis_id, position, study_id, kind, mean_1) VALUES ('x1', 'a', 1, 's', 'DICH', 3)"),
    ).toThrow(/CHECK/);
    expect(
      run("INSERT INTO stored_data_row (id, analysis_id, position, study_id, kind, sd_1) VALUES ('x2', 'a', 1, 's', 'CONT', -1)"),
    ).toThrow(/CHECK/);
    expect(run("INSERT INTO stored_data_row (id, analysis_id, position, study_id, kind) VALUES ('x3', 'a', 1, 'nobody', 'DICH')")).toThrow(
      /FOREIGN KEY/,
    );
    expect(
      run(
        "INSERT INTO stored_analysis (id, comparison_id, position, rm5_id, kind, name, random, ci_study, ci_total, totals, subgroups, subgroup_test, swap_events, log_data) VALUES ('b', 'c', 1, 'CMP-001.02', 'CONT', 'x', 0, 95, 95, 'ALL', 0, 0, 0, 0)",
      ),
    ).toThrow(/CHECK/);
    expect(
      run(
        "INSERT INTO rob_item (id, position, rm5_id, name, core_item, level, domain) VALUES ('i', 0, 'QIT-01', 'x', 1, 'STUDY', 'madeUp')",
      ),
    ).toThrow(/CHECK/);
    expect(run("INSERT INTO revman_part (key, position, content) VALUES ('attrs:X', 0, 'x')")).not.toThrow();
    db.close();
  });

  it('cascades: deleting a study removes its rows; deleting a comparison removes its analyses, subgroups and rows', () => {
    const db = v3();
    db.prepare("INSERT INTO revman_study (study_id, rm5_id) VALUES ('s', 'STD-Smith-2019')").run();
    db.prepare("DELETE FROM study WHERE id = 's'").run();
    expect(db.prepare('SELECT count(*) AS n FROM stored_data_row').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM revman_study').get()).toEqual({ n: 0 });
    db.prepare("DELETE FROM comparison WHERE id = 'c'").run();
    expect(db.prepare('SELECT count(*) AS n FROM stored_analysis').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM stored_subgroup').get()).toEqual({ n: 0 });
    db.close();
  });
});

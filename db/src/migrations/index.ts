import type { Db } from '../connection.ts';
import * as m0001 from './0001-create-review.ts';
import * as m0002 from './0002-extraction-and-risk-of-bias.ts';
import * as m0003 from './0003-revman-analyses.ts';
import * as m0004 from './0004-review-settings-and-grade.ts';
import * as m0005 from './0005-one-analysis-model.ts';
import * as m0006 from './0006-records-and-search-log.ts';
import * as m0007 from './0007-merge-identity.ts';
import * as m0008 from './0008-outcome-scales.ts';
import * as m0009 from './0009-screening.ts';
import * as m0010 from './0010-full-texts-and-study-links.ts';
import * as m0011 from './0011-sync-state.ts';
import * as m0012 from './0012-change-by-reviewer.ts';
import * as m0013 from './0013-stopping-rule.ts';
import * as m0014 from './0014-conflict-resolution.ts';
import * as m0015 from './0015-reports-not-retrieved.ts';
import * as m0016 from './0016-decision-clock.ts';

// The ordered list of schema migrations. A file's `PRAGMA user_version` is the version
// of the last migration applied to it. Add new migrations at the end, never edit one
// that has shipped, and give each its own test in test/unit/db/migrations/.

export interface Migration {
  readonly version: number;
  readonly name: string;
  migrate(db: Db): void;
}

export const MIGRATIONS: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
];

export const LATEST_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

// Fail at load time, not in a user's file, if someone numbers migrations wrongly.
let expected = 1;
for (const m of MIGRATIONS) {
  if (m.version !== expected) throw new Error(`Migration ${m.name} has version ${m.version}; expected ${expected}`);
  expected++;
}

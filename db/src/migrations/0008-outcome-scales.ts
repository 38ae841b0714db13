import { randomUUID } from 'node:crypto';
import { scalesFromMeasures } from '@grove/shared';
import type { Db } from '../connection.ts';

// Schema v8: the scales each planned outcome is measured on (issue 12 item 2), each with
// its direction and unit. A study's measure is chosen from its outcome's scales, and MD vs
// SMD follows the scales its studies use. Files written before are given the scales their
// studies' free text already names (one per spelling key, see shared/src/model/outcome-scale.ts),
// so their analyses, which compare the same keys, keep their numbers.
// outcome_id has no foreign key: a planned outcome lives in the protocol, which is replaced
// as a whole, and a scale of an outcome no longer planned is simply never listed.

export const version = 8;
export const name = 'outcome-scales';

export function migrate(db: Db): void {
  db.exec(`
    CREATE TABLE outcome_scale (
      id TEXT PRIMARY KEY,
      outcome_id TEXT NOT NULL,
      position INTEGER NOT NULL,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      direction TEXT NOT NULL CHECK (direction IN ('higher-better', 'lower-better')),
      unit TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX outcome_scale_outcome ON outcome_scale (outcome_id, position);
  `);
  const measures = db
    .prepare(
      `SELECT o.outcome_id AS outcomeId, o.measure, o.direction FROM study_outcome o JOIN study s ON s.id = o.study_id
       ORDER BY s.label, s.id, o.position, o.id`,
    )
    .all() as { outcomeId: string; measure: string; direction: 'higher-better' | 'lower-better' }[];
  const insert = db.prepare('INSERT INTO outcome_scale (id, outcome_id, position, name, direction) VALUES (?, ?, ?, ?, ?)');
  const positions = new Map<string, number>();
  for (const s of scalesFromMeasures(measures.filter((m) => m.measure.trim() !== ''))) {
    const position = positions.get(s.outcomeId) ?? 0;
    positions.set(s.outcomeId, position + 1);
    insert.run(randomUUID(), s.outcomeId, position, s.name, s.direction);
  }
}

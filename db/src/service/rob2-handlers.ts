import { randomUUID } from 'node:crypto';
import { ApiError, FINAL_SLOT, type Handlers, type Rob2Record } from '@grove/shared';
import { effectiveRob2Judgement, recomputeRob2Assessment, type Rob2ResultAssessment } from '@grove/shared/rob/rob2-assessment';
import type { Db } from '../connection.ts';
import { recordChange } from '../changes.ts';
import { getStudy } from '../repositories/study-repo.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';

// RoB 2, one assessment per result. Stored as validated JSON; proposals are recomputed
// from the answers on every save (finals are kept, and show "needs review" if the
// proposal moved away from them).

type Rob2Handlers = Pick<Handlers, 'rob2.list' | 'rob2.save' | 'rob2.delete'>;
type DbRow = {
  id: string;
  study_id: string;
  study_outcome_id: string | null;
  result_label: string;
  slot: string;
  assessment: string;
  updated_at: string;
};

function toRecord(db: Db, r: DbRow): Rob2Record {
  const assessment = JSON.parse(r.assessment) as Rob2ResultAssessment;
  return {
    id: r.id,
    studyId: r.study_id,
    studyLabel: getStudy(db, r.study_id)?.label ?? '',
    studyOutcomeId: r.study_outcome_id,
    resultLabel: r.result_label,
    slot: r.slot,
    assessment,
    overall: effectiveRob2Judgement(assessment.overall),
    updatedAt: r.updated_at,
  };
}

export function listRob2(db: Db, slot: string): Rob2Record[] {
  const rows = db.prepare('SELECT * FROM rob2_assessment WHERE slot = ? ORDER BY study_id, result_label').all(slot) as DbRow[];
  return rows.map((r) => toRecord(db, r));
}

export function rob2Handlers(ctx: ServiceContext): Rob2Handlers {
  return {
    'rob2.list': ({ slot }) => listRob2(requireDb(ctx), slot ?? FINAL_SLOT),

    'rob2.save': ({ id, studyId, studyOutcomeId, resultLabel, slot, assessment }) => {
      const db = requireDb(ctx);
      const study = getStudy(db, studyId);
      if (!study) throw new ApiError('NOT_FOUND', `There is no study with id ${studyId}.`);
      if (studyOutcomeId) {
        const o = db.prepare('SELECT study_id FROM study_outcome WHERE id = ?').get(studyOutcomeId) as { study_id: string } | undefined;
        if (!o || o.study_id !== studyId)
          throw new ApiError('VALIDATION', 'studyOutcomeId: not an outcome of this study', [
            { path: 'studyOutcomeId', message: 'not an outcome of this study' },
          ]);
      }
      const s = slot ?? FINAL_SLOT;
      const actor = actorOf(ctx, db);
      const recomputed = recomputeRob2Assessment(assessment);
      const existing = id ? (db.prepare('SELECT * FROM rob2_assessment WHERE id = ?').get(id) as DbRow | undefined) : undefined;
      if (id && !existing) throw new ApiError('NOT_FOUND', `There is no RoB 2 assessment with id ${id}.`);
      const clash = db
        .prepare('SELECT id FROM rob2_assessment WHERE study_id = ? AND result_label = ? AND slot = ?')
        .get(studyId, resultLabel, s) as { id: string } | undefined;
      if (clash && clash.id !== id)
        throw new ApiError('CONFLICT', `"${resultLabel}" of "${study.label}" is already assessed; open that assessment instead.`);
      const rowId = id ?? randomUUID();
      const row = {
        study_id: studyId,
        study_outcome_id: studyOutcomeId,
        result_label: resultLabel,
        slot: s,
        assessment: JSON.stringify(recomputed),
      };
      recordChange(db, actor, `RoB 2 of "${resultLabel}" (${study.label})`, (w) => {
        if (existing)
          w.update(TABLES.rob2Assessment, rowId, row, (f) => `Edited RoB 2 of "${resultLabel}" (${study.label}): ${f.join(', ')}`, {
            updated_at: actor.now,
          });
        else
          w.insert(
            TABLES.rob2Assessment,
            { id: rowId, ...row, updated_at: actor.now },
            `Assessed RoB 2 of "${resultLabel}" (${study.label})`,
          );
      });
      return toRecord(db, db.prepare('SELECT * FROM rob2_assessment WHERE id = ?').get(rowId) as DbRow);
    },

    'rob2.delete': ({ id }) => {
      const db = requireDb(ctx);
      const r = db.prepare('SELECT * FROM rob2_assessment WHERE id = ?').get(id) as DbRow | undefined;
      if (!r) throw new ApiError('NOT_FOUND', `There is no RoB 2 assessment with id ${id}.`);
      recordChange(db, actorOf(ctx, db), `Delete RoB 2 of "${r.result_label}"`, (w) =>
        w.delete(TABLES.rob2Assessment, id, `Deleted RoB 2 of "${r.result_label}"`),
      );
      return { ok: true as const };
    },
  };
}

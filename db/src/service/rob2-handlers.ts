import { randomUUID } from 'node:crypto';
import { ApiError, FINAL_SLOT, type Handlers } from '@grove/shared';
import { recomputeRob2Assessment } from '@grove/shared/rob/rob2-assessment';
import { recordChange } from '../changes.ts';
import { findRob2IdFor, findRob2Row, listRob2, readRob2 } from '../repositories/rob2-repo.ts';
import { studyIdOfOutcome } from '../repositories/study-data-repo.ts';
import { getStudy } from '../repositories/study-repo.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';
import { naturalRowId } from '../merge/row-identity.ts';

// RoB 2, one assessment per result. Stored as validated JSON; proposals are recomputed
// from the answers on every save (finals are kept, and show "needs review" if the
// proposal moved away from them).

type Rob2Handlers = Pick<Handlers, 'rob2.list' | 'rob2.save' | 'rob2.delete'>;

export function rob2Handlers(ctx: ServiceContext): Rob2Handlers {
  return {
    'rob2.list': ({ slot }) => listRob2(requireDb(ctx), slot ?? FINAL_SLOT),

    'rob2.save': ({ id, studyId, studyOutcomeId, resultLabel, slot, assessment }) => {
      const db = requireDb(ctx);
      const study = getStudy(db, studyId);
      if (!study) throw new ApiError('NOT_FOUND', `There is no study with id ${studyId}.`);
      if (studyOutcomeId) {
        if (studyIdOfOutcome(db, studyOutcomeId) !== studyId)
          throw new ApiError('VALIDATION', 'studyOutcomeId: not an outcome of this study', [
            { path: 'studyOutcomeId', message: 'not an outcome of this study' },
          ]);
      }
      const s = slot ?? FINAL_SLOT;
      const actor = actorOf(ctx, db);
      const recomputed = recomputeRob2Assessment(assessment);
      const existing = id ? findRob2Row(db, id) : null;
      if (id && !existing) throw new ApiError('NOT_FOUND', `There is no RoB 2 assessment with id ${id}.`);
      const clash = findRob2IdFor(db, studyId, resultLabel, s);
      if (clash !== null && clash !== id)
        throw new ApiError('CONFLICT', `"${resultLabel}" of "${study.label}" is already assessed; open that assessment instead.`);
      // A renamed assessment keeps its id, so the one its old label would give may be taken.
      const natural = naturalRowId('rob2_assessment', studyId, resultLabel, s);
      const rowId = id ?? (findRob2Row(db, natural) ? randomUUID() : natural);
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
      const saved = readRob2(db, rowId);
      if (!saved) throw new Error(`RoB 2 assessment ${rowId} was not saved`);
      return saved;
    },

    'rob2.delete': ({ id }) => {
      const db = requireDb(ctx);
      const r = findRob2Row(db, id);
      if (!r) throw new ApiError('NOT_FOUND', `There is no RoB 2 assessment with id ${id}.`);
      recordChange(db, actorOf(ctx, db), `Delete RoB 2 of "${r.result_label}"`, (w) =>
        w.delete(TABLES.rob2Assessment, id, `Deleted RoB 2 of "${r.result_label}"`),
      );
      return { ok: true as const };
    },
  };
}

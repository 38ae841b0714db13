import { isDeepStrictEqual } from 'node:util';
import type { CharacteristicComparisonRow, Handlers } from '@grove/shared';
import { compareRob1Assessments } from '@grove/shared/rob/compare-assessments';
import { selectSecondReviewerSample } from '@grove/shared/rob/second-reviewer-sample';
import { listCharacteristics } from '../repositories/characteristic-repo.ts';
import { assembleRob1, readRobSettings, rob1Rows } from '../repositories/rob-repo.ts';
import { listStudies } from '../repositories/study-repo.ts';
import { requireDb, type ServiceContext } from './context.ts';

// Comparing two reviewers' independent work (the seed: a second reviewer assessed a
// random 10% of studies; disagreements were resolved by discussion with a third).

type DoubleHandlers = Pick<Handlers, 'characteristics.compare' | 'rob.double'>;

export function doubleHandlers(ctx: ServiceContext): DoubleHandlers {
  return {
    'characteristics.compare': ({ firstSlot, secondSlot, studyId }) => {
      const values = listCharacteristics(requireDb(ctx), studyId);
      const key = (v: { studyId: string; fieldId: string }) => `${v.studyId}|${v.fieldId}`;
      const rows = new Map<string, CharacteristicComparisonRow>();
      for (const v of values) {
        if (v.slot !== firstSlot && v.slot !== secondSlot && v.slot !== 'final') continue;
        const row = rows.get(key(v)) ?? { studyId: v.studyId, fieldId: v.fieldId, first: null, second: null, final: null, agree: false };
        if (v.slot === firstSlot) row.first = v.content;
        else if (v.slot === secondSlot) row.second = v.content;
        else row.final = v.content;
        rows.set(key(v), row);
      }
      return [...rows.values()]
        .filter((r) => r.first !== null || r.second !== null)
        .map((r) => ({ ...r, agree: r.first !== null && r.second !== null && isDeepStrictEqual(r.first, r.second) }));
    },

    'rob.double': ({ firstSlot, secondSlot }) => {
      const db = requireDb(ctx);
      const settings = readRobSettings(db);
      const included = listStudies(db).filter((s) => s.status === 'included');
      const sample = selectSecondReviewerSample(
        included.map((s) => s.id),
        { fraction: settings.secondReviewerFraction, seed: settings.sampleSeed },
      );
      // Compare every study the second reviewer has judged, sampled or not.
      const judgedBySecond = new Set(rob1Rows(db, secondSlot).map((r) => r.study_id));
      const pairs = included
        .filter((s) => judgedBySecond.has(s.id))
        .map((s) => ({
          studyId: s.id,
          first: assembleRob1(rob1Rows(db, firstSlot, s.id)),
          second: assembleRob1(rob1Rows(db, secondSlot, s.id)),
        }));
      return { sample, comparison: compareRob1Assessments(pairs, settings.overallRule) };
    },
  };
}

import { randomUUID } from 'node:crypto';
import {
  ApiError,
  newStudyOutcomeFields,
  plannedOutcomeDefaults,
  protocolArms,
  randomisedAfterResult,
  timepointInCategory,
  usualTimepoint,
  type Arm,
  type ArmResult,
  type Handlers,
  type PlannedEntry,
  type Protocol,
  type StudyData,
} from '@grove/shared';
import { recordChange } from '../changes.ts';
import type { Db } from '../connection.ts';
import { readProtocol } from '../repositories/protocol-repo.ts';
import { listScales } from '../repositories/scale-repo.ts';
import { listMeasuredOutcomes, nextPosition, readStudyData } from '../repositories/study-data-repo.ts';
import { getStudy } from '../repositories/study-repo.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';
import { writeResult } from './extraction-handlers.ts';

// One-step entry of a study's planned outcomes (issue 12): the defaults come from the rules
// in shared/src/model/planned-entry.ts; what is missing is written with the results, as one
// change (one undo step).

type EntryHandlers = Pick<Handlers, 'entry.planned' | 'entry.enterPlanned'>;

function invalid(path: string, message: string): never {
  throw new ApiError('VALIDATION', `${path}: ${message}`, [{ path, message }]);
}

/** The study's intervention and control arm, when it has exactly those two; [] when it has none; null otherwise. */
function twoArms(data: StudyData): { intervention: Arm; control: Arm } | [] | null {
  if (data.arms.length === 0) return [];
  const intervention = data.arms.filter((a) => a.role === 'intervention');
  const control = data.arms.filter((a) => a.role === 'control');
  return data.arms.length === 2 && intervention.length === 1 && control.length === 1
    ? { intervention: intervention[0]!, control: control[0]! }
    : null;
}

function plannedEntry(db: Db, protocol: Protocol, studyId: string): PlannedEntry {
  const data = readStudyData(db, studyId);
  const arms = twoArms(data);
  return {
    outcomes: plannedOutcomeDefaults(protocol, listMeasuredOutcomes(db), studyId, listScales(db)),
    usualTimepoint: usualTimepoint(protocol.timepointCategories),
    arms:
      arms === null
        ? null
        : Array.isArray(arms)
          ? protocolArms(protocol.pico).map((a) => ({ id: null, ...a, randomised: null }))
          : [arms.intervention, arms.control].map((a) => ({ id: a.id, label: a.label, role: a.role, randomised: a.randomised })),
  };
}

const nOf = (r: ArmResult | null) => r?.n ?? null;

export function entryHandlers(ctx: ServiceContext): EntryHandlers {
  const studyLabel = (db: Db, id: string) => {
    const study = getStudy(db, id);
    if (!study) throw new ApiError('NOT_FOUND', `There is no study with id ${id}; it may have been deleted.`);
    return study.label;
  };

  return {
    'entry.planned': ({ studyId }) => {
      const db = requireDb(ctx);
      studyLabel(db, studyId);
      return plannedEntry(db, readProtocol(db), studyId);
    },

    'entry.enterPlanned': (args) => {
      const db = requireDb(ctx);
      const label = studyLabel(db, args.studyId);
      const protocol = readProtocol(db);
      const planned = protocol.plannedOutcomes.find((o) => o.id === args.outcomeId);
      if (!planned) invalid('outcomeId', 'choose one of the protocol’s planned outcomes');
      const usual = usualTimepoint(protocol.timepointCategories);
      if (!usual) invalid('outcomeId', 'the protocol has no timepoint categories: add one in the Protocol stage first');
      const data = readStudyData(db, args.studyId);
      const arms = twoArms(data);
      if (arms === null) invalid('studyId', `"${label}" has ${data.arms.length} arms: enter its results in the results grid, arm by arm`);
      for (const role of ['intervention', 'control'] as const) {
        const r = args[role];
        if (r && r.kind !== args.dataType) invalid(`${role}.kind`, `the results are entered as ${args.dataType} data`);
      }
      const existing = data.outcomes.find((o) => o.outcomeId === args.outcomeId);
      if (existing && existing.dataType !== 'contrast' && existing.dataType !== args.dataType)
        invalid('dataType', `"${label}" measured ${planned.name} as ${existing.dataType} data`);

      recordChange(db, actorOf(ctx, db), `Enter ${planned.name} for "${label}"`, (w) => {
        // The two arms: the study's own, or the protocol's intervention and comparator.
        const armIds = { intervention: '', control: '' };
        if (Array.isArray(arms)) {
          for (const a of protocolArms(protocol.pico)) {
            const id = randomUUID();
            w.insert(
              TABLES.arm,
              {
                id,
                study_id: args.studyId,
                position: nextPosition(db, 'arm', args.studyId),
                label: a.label,
                role: a.role,
                description: '',
                randomised: randomisedAfterResult(null, nOf(args[a.role])),
              },
              `Added arm "${a.label}" to "${label}"`,
            );
            armIds[a.role] = id;
          }
        } else {
          for (const role of ['intervention', 'control'] as const) {
            const arm = arms[role];
            armIds[role] = arm.id;
            const filled = randomisedAfterResult(arm.randomised, nOf(args[role]));
            if (filled !== arm.randomised)
              w.update(
                TABLES.arm,
                arm.id,
                { randomised: filled },
                () => `Filled N randomised of "${arm.label}" in "${label}" from the results`,
              );
          }
        }

        // How the study measured the outcome: its own, or one with the review's defaults.
        let studyOutcomeId = existing?.id;
        if (!studyOutcomeId) {
          const defaults = plannedOutcomeDefaults(protocol, listMeasuredOutcomes(db), args.studyId, listScales(db)).find(
            (d) => d.outcomeId === planned.id,
          );
          const fields = newStudyOutcomeFields(planned, defaults, args);
          studyOutcomeId = randomUUID();
          w.insert(
            TABLES.studyOutcome,
            {
              id: studyOutcomeId,
              study_id: args.studyId,
              outcome_id: fields.outcomeId,
              position: nextPosition(db, 'study_outcome', args.studyId),
              measure: fields.measure,
              direction: fields.direction,
              data_type: fields.dataType,
              notes: fields.notes,
            },
            `Added outcome "${planned.name}" (${fields.measure}) to "${label}"`,
          );
        }

        // The usual timepoint: the study's own in that category, or a new one.
        let timepointId = timepointInCategory(data.timepoints, protocol.timepointCategories, usual.categoryId)?.id;
        if (!timepointId) {
          timepointId = randomUUID();
          w.insert(
            TABLES.timepoint,
            {
              id: timepointId,
              study_id: args.studyId,
              label: usual.label,
              weeks_after_treatment: usual.weeksAfterTreatment,
              category_override: null,
            },
            `Added timepoint "${usual.label}" to "${label}"`,
          );
        }

        for (const role of ['intervention', 'control'] as const) {
          const result = args[role];
          if (result) writeResult(db, w, { studyOutcomeId, timepointId, armId: armIds[role], result }, `${role}.`);
        }
      });
      return readStudyData(db, args.studyId);
    },
  };
}

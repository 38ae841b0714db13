import { randomUUID } from 'node:crypto';
import {
  ApiError,
  FINAL_SLOT,
  characteristicValueIssue,
  describeIssues,
  extractionFormIssues,
  matchScale,
  resultIssues,
  type ArmResult,
  type ArmResultRow,
  type Handlers,
} from '@grove/shared';
import { recordChange, type ChangeWriter } from '../changes.ts';
import type { Db } from '../connection.ts';
import {
  characteristicRow,
  countStudiesByField,
  findCharacteristic,
  listCharacteristics,
  stripId,
} from '../repositories/characteristic-repo.ts';
import { readForm, updateForm } from '../repositories/form-repo.ts';
import { readProtocol } from '../repositories/protocol-repo.ts';
import { listScales } from '../repositories/scale-repo.ts';
import {
  armResultIdsOf,
  armResultRow,
  findArmResult,
  getRow,
  nextPosition,
  readStudyData,
  toArm,
  toArmResult,
  toStudyOutcome,
  toTimepoint,
} from '../repositories/study-data-repo.ts';
import { getStudy } from '../repositories/study-repo.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';
import { naturalRowId } from '../merge/row-identity.ts';

// Studies & data: the form design, extracted characteristics, arms, outcomes,
// timepoints and the results grid. Every write is one audited, undoable change.

type ExtractionHandlers = Pick<
  Handlers,
  | 'form.get'
  | 'form.update'
  | 'characteristics.list'
  | 'characteristics.set'
  | 'studyData.get'
  | 'arms.create'
  | 'arms.update'
  | 'arms.delete'
  | 'studyOutcomes.create'
  | 'studyOutcomes.update'
  | 'studyOutcomes.delete'
  | 'timepoints.create'
  | 'timepoints.update'
  | 'timepoints.delete'
  | 'results.set'
  | 'results.setMany'
  | 'characteristics.counts'
>;

/** Checks one result cell and writes it through `w`; returns a reader for the saved row. */
export function writeResult(db: Db, w: ChangeWriter, cell: ResultCell, path: string): () => ArmResultRow | null {
  const { studyOutcomeId, timepointId, armId, result } = cell;
  const outcome = toStudyOutcome(getRow(db, 'study_outcome', studyOutcomeId) ?? notFound('study outcome', studyOutcomeId));
  const timepoint = toTimepoint(getRow(db, 'timepoint', timepointId) ?? notFound('timepoint', timepointId));
  const arm = toArm(getRow(db, 'arm', armId) ?? notFound('arm', armId));
  if (timepoint.studyId !== outcome.studyId || arm.studyId !== outcome.studyId)
    invalid(`${path}armId`, 'the arm, outcome and timepoint must belong to the same study');
  if (result) {
    if (outcome.dataType !== 'contrast' && result.kind !== outcome.dataType)
      invalid(`${path}result.kind`, `this outcome holds ${outcome.dataType} data`);
    const issues = resultIssues(result, arm).map((i) => ({ path: `${path}result.${i.field}`, message: i.message }));
    if (issues.length > 0) throw new ApiError('VALIDATION', describeIssues(issues), issues);
  }
  const find = () => findArmResult(db, studyOutcomeId, timepointId, armId);
  const existing = find();
  const where = `"${outcome.measure}", ${timepoint.label}, ${arm.label}`;
  if (!result) {
    if (existing) w.delete(TABLES.armResult, String(existing.id), `Cleared result: ${where}`);
  } else {
    const id = existing ? String(existing.id) : naturalRowId('arm_result', studyOutcomeId, timepointId, armId);
    const row = armResultRow(id, studyOutcomeId, timepointId, armId, result);
    if (existing) w.update(TABLES.armResult, id, row, (f) => `Edited result ${where}: ${f.join(', ')}`);
    else w.insert(TABLES.armResult, row, `Entered result: ${where}`);
  }
  return () => {
    const saved = find();
    return saved ? toArmResult(saved) : null;
  };
}

export interface ResultCell {
  studyOutcomeId: string;
  timepointId: string;
  armId: string;
  result: ArmResult | null;
}

function notFound(what: string, id: string): never {
  throw new ApiError('NOT_FOUND', `There is no ${what} with id ${id}; it may have been deleted.`);
}

function invalid(path: string, message: string): never {
  throw new ApiError('VALIDATION', `${path}: ${message}`, [{ path, message }]);
}

/**
 * A study's measure is one of its outcome's scales (issue 12 item 2): once the outcome has
 * scales, a measure that is none of them is refused with the scale it probably means, so
 * that a new spelling never silently turns an MD analysis into an SMD one. The first
 * measure of an outcome without scales becomes its first scale (scale-upkeep.ts).
 */
function requireScale(db: Db, outcomeId: string, measure: string, path: string): void {
  const scales = listScales(db, outcomeId);
  if (scales.length === 0) return;
  const match = matchScale(measure, scales);
  if (match.kind === 'same') return;
  const listed = scales.map((s) => `"${s.name}"`).join(', ');
  invalid(
    path,
    match.kind === 'similar'
      ? `"${measure.trim()}" is not one of this outcome's scales (${listed}); did you mean "${match.scale.name}"? Choose it, or add "${measure.trim()}" as a new scale first`
      : `"${measure.trim()}" is not one of this outcome's scales (${listed}); choose one, or add it as a new scale first`,
  );
}

export function extractionHandlers(ctx: ServiceContext): ExtractionHandlers {
  const studyLabel = (db: ReturnType<typeof requireDb>, id: string) => (getStudy(db, id) ?? notFound('study', id)).label;

  return {
    'form.get': () => readForm(requireDb(ctx)),

    'form.update': ({ form }) => {
      const db = requireDb(ctx);
      const issues = extractionFormIssues(form).map((i) => ({ ...i, path: `form.${i.path}` }));
      if (issues.length) throw new ApiError('VALIDATION', `The form was not saved: ${issues[0]?.message}`, issues);
      const before = readForm(db);
      // A field whose type or options change must still fit every value already extracted.
      const values = listCharacteristics(db);
      const misfits = form.fields.flatMap((f, i) => {
        const old = before.fields.find((b) => b.id === f.id);
        if (!old || (old.type === f.type && JSON.stringify(old.options) === JSON.stringify(f.options))) return [];
        const bad = values.filter((v) => v.fieldId === f.id && characteristicValueIssue(f, v.content) !== null);
        return bad.length === 0
          ? []
          : [
              {
                path: `form.fields.${i}.type`,
                message: `${bad.length} extracted ${bad.length === 1 ? 'value does' : 'values do'} not fit "${f.label}" as changed; correct or clear them first`,
              },
            ];
      });
      if (misfits.length) throw new ApiError('VALIDATION', `The form was not saved: ${misfits[0]?.message}`, misfits);
      recordChange(db, actorOf(ctx, db), 'Edit extraction form', (w) => updateForm(w, before, form));
      return readForm(db);
    },

    'characteristics.list': ({ studyId }) => listCharacteristics(requireDb(ctx), studyId).map(stripId),

    'characteristics.set': ({ studyId, fieldId, slot, content, sourceNote, comment }) => {
      const db = requireDb(ctx);
      const label = studyLabel(db, studyId);
      const field = readForm(db).fields.find((f) => f.id === fieldId) ?? notFound('form field', fieldId);
      const s = slot ?? FINAL_SLOT;
      if (content) {
        const issue = characteristicValueIssue(field, content);
        if (issue) invalid('content.value', `${field.label} ${issue}`);
      }
      const existing = findCharacteristic(db, studyId, fieldId, s);
      const actor = actorOf(ctx, db);
      recordChange(db, actor, `Extract "${field.label}" for "${label}"`, (w) => {
        if (!content) {
          if (existing) w.delete(TABLES.characteristic, existing.id, `Cleared "${field.label}" of "${label}"`);
          return;
        }
        const value = {
          studyId,
          fieldId,
          slot: s,
          content,
          sourceNote: sourceNote ?? existing?.sourceNote ?? '',
          comment: comment ?? existing?.comment ?? '',
          decidedBy: s === FINAL_SLOT ? actor.reviewerId : null,
        };
        if (existing) {
          const { id: _id, updated_at: _u, ...patch } = characteristicRow(existing.id, value, actor.now);
          w.update(TABLES.characteristic, existing.id, patch, (f) => `Edited "${field.label}" of "${label}": ${f.join(', ')}`, {
            updated_at: actor.now,
          });
        } else {
          w.insert(
            TABLES.characteristic,
            characteristicRow(naturalRowId('characteristic_value', studyId, fieldId, s), value, actor.now),
            `Extracted "${field.label}" for "${label}"`,
          );
        }
      });
      const saved = findCharacteristic(db, studyId, fieldId, s);
      return saved ? stripId(saved) : null;
    },

    'studyData.get': ({ studyId }) => {
      const db = requireDb(ctx);
      studyLabel(db, studyId);
      return readStudyData(db, studyId);
    },

    'arms.create': ({ studyId, arm }) => {
      const db = requireDb(ctx);
      const label = studyLabel(db, studyId);
      const id = randomUUID();
      recordChange(db, actorOf(ctx, db), `Add arm "${arm.label}" to "${label}"`, (w) =>
        w.insert(
          TABLES.arm,
          {
            id,
            study_id: studyId,
            position: nextPosition(db, 'arm', studyId),
            label: arm.label,
            role: arm.role,
            description: arm.description,
            randomised: arm.randomised,
          },
          `Added arm "${arm.label}" to "${label}"`,
        ),
      );
      return toArm(getRow(db, 'arm', id) ?? notFound('arm', id));
    },
    'arms.update': ({ id, patch }) => {
      const db = requireDb(ctx);
      const current = toArm(getRow(db, 'arm', id) ?? notFound('arm', id));
      recordChange(db, actorOf(ctx, db), `Edit arm "${current.label}"`, (w) =>
        w.update(
          TABLES.arm,
          id,
          { ...patch },
          (f) => `Edited arm "${current.label}" of "${studyLabel(db, current.studyId)}": ${f.join(', ')}`,
        ),
      );
      return toArm(getRow(db, 'arm', id) ?? notFound('arm', id));
    },
    'arms.delete': ({ id }) => {
      const db = requireDb(ctx);
      const current = toArm(getRow(db, 'arm', id) ?? notFound('arm', id));
      recordChange(db, actorOf(ctx, db), `Delete arm "${current.label}"`, (w) => {
        for (const r of armResultIdsOf(db, 'arm', id)) w.delete(TABLES.armResult, r, `Deleted a result of arm "${current.label}"`);
        w.delete(TABLES.arm, id, `Deleted arm "${current.label}" of "${studyLabel(db, current.studyId)}"`);
      });
      return { ok: true as const };
    },

    'studyOutcomes.create': ({ studyId, outcome }) => {
      const db = requireDb(ctx);
      const label = studyLabel(db, studyId);
      const planned = readProtocol(db).plannedOutcomes.find((o) => o.id === outcome.outcomeId);
      if (!planned) invalid('outcome.outcomeId', 'choose one of the protocol’s planned outcomes');
      requireScale(db, outcome.outcomeId, outcome.measure, 'outcome.measure');
      const id = randomUUID();
      recordChange(db, actorOf(ctx, db), `Add outcome "${planned.name}" to "${label}"`, (w) =>
        w.insert(
          TABLES.studyOutcome,
          {
            id,
            study_id: studyId,
            outcome_id: outcome.outcomeId,
            position: nextPosition(db, 'study_outcome', studyId),
            measure: outcome.measure,
            direction: outcome.direction,
            data_type: outcome.dataType,
            notes: outcome.notes,
          },
          `Added outcome "${planned.name}" (${outcome.measure}) to "${label}"`,
        ),
      );
      return toStudyOutcome(getRow(db, 'study_outcome', id) ?? notFound('study outcome', id));
    },
    'studyOutcomes.update': ({ id, patch }) => {
      const db = requireDb(ctx);
      const current = toStudyOutcome(getRow(db, 'study_outcome', id) ?? notFound('study outcome', id));
      if (patch.outcomeId && !readProtocol(db).plannedOutcomes.some((o) => o.id === patch.outcomeId)) {
        invalid('patch.outcomeId', 'choose one of the protocol’s planned outcomes');
      }
      if (patch.measure !== undefined || patch.outcomeId !== undefined)
        requireScale(db, patch.outcomeId ?? current.outcomeId, patch.measure ?? current.measure, 'patch.measure');
      const row: Record<string, string> = {};
      if (patch.outcomeId !== undefined) row.outcome_id = patch.outcomeId;
      if (patch.measure !== undefined) row.measure = patch.measure;
      if (patch.direction !== undefined) row.direction = patch.direction;
      if (patch.dataType !== undefined) row.data_type = patch.dataType;
      if (patch.notes !== undefined) row.notes = patch.notes;
      recordChange(db, actorOf(ctx, db), `Edit outcome "${current.measure}"`, (w) =>
        w.update(
          TABLES.studyOutcome,
          id,
          row,
          (f) => `Edited outcome "${current.measure}" of "${studyLabel(db, current.studyId)}": ${f.join(', ')}`,
        ),
      );
      return toStudyOutcome(getRow(db, 'study_outcome', id) ?? notFound('study outcome', id));
    },
    'studyOutcomes.delete': ({ id }) => {
      const db = requireDb(ctx);
      const current = toStudyOutcome(getRow(db, 'study_outcome', id) ?? notFound('study outcome', id));
      recordChange(db, actorOf(ctx, db), `Delete outcome "${current.measure}"`, (w) => {
        for (const r of armResultIdsOf(db, 'study_outcome', id)) w.delete(TABLES.armResult, r, `Deleted a result of "${current.measure}"`);
        w.delete(TABLES.studyOutcome, id, `Deleted outcome "${current.measure}" of "${studyLabel(db, current.studyId)}"`);
      });
      return { ok: true as const };
    },

    'timepoints.create': ({ studyId, timepoint }) => {
      const db = requireDb(ctx);
      const label = studyLabel(db, studyId);
      const id = randomUUID();
      recordChange(db, actorOf(ctx, db), `Add timepoint "${timepoint.label}" to "${label}"`, (w) =>
        w.insert(
          TABLES.timepoint,
          {
            id,
            study_id: studyId,
            label: timepoint.label,
            weeks_after_treatment: timepoint.weeksAfterTreatment,
            category_override: timepoint.categoryOverride,
          },
          `Added timepoint "${timepoint.label}" to "${label}"`,
        ),
      );
      return toTimepoint(getRow(db, 'timepoint', id) ?? notFound('timepoint', id));
    },
    'timepoints.update': ({ id, patch }) => {
      const db = requireDb(ctx);
      const current = toTimepoint(getRow(db, 'timepoint', id) ?? notFound('timepoint', id));
      const row: Record<string, string | number | null> = {};
      if (patch.label !== undefined) row.label = patch.label;
      if (patch.weeksAfterTreatment !== undefined) row.weeks_after_treatment = patch.weeksAfterTreatment;
      if (patch.categoryOverride !== undefined) row.category_override = patch.categoryOverride;
      recordChange(db, actorOf(ctx, db), `Edit timepoint "${current.label}"`, (w) =>
        w.update(
          TABLES.timepoint,
          id,
          row,
          (f) => `Edited timepoint "${current.label}" of "${studyLabel(db, current.studyId)}": ${f.join(', ')}`,
        ),
      );
      return toTimepoint(getRow(db, 'timepoint', id) ?? notFound('timepoint', id));
    },
    'timepoints.delete': ({ id }) => {
      const db = requireDb(ctx);
      const current = toTimepoint(getRow(db, 'timepoint', id) ?? notFound('timepoint', id));
      recordChange(db, actorOf(ctx, db), `Delete timepoint "${current.label}"`, (w) => {
        for (const r of armResultIdsOf(db, 'timepoint', id)) w.delete(TABLES.armResult, r, `Deleted a result at "${current.label}"`);
        w.delete(TABLES.timepoint, id, `Deleted timepoint "${current.label}" of "${studyLabel(db, current.studyId)}"`);
      });
      return { ok: true as const };
    },

    'results.set': (cell) => {
      const db = requireDb(ctx);
      let read: () => ArmResultRow | null = () => null;
      recordChange(db, actorOf(ctx, db), 'Enter result', (w) => {
        read = writeResult(db, w, cell, '');
      });
      return read();
    },

    'results.setMany': ({ cells }) => {
      const db = requireDb(ctx);
      const readers: (() => ArmResultRow | null)[] = [];
      // One change: a pasted block is undone in one step, and a bad cell saves none of them.
      recordChange(db, actorOf(ctx, db), `Enter ${cells.length} results`, (w) => {
        cells.forEach((cell, i) => readers.push(writeResult(db, w, cell, `cells.${i}.`)));
      });
      return readers.map((r) => r());
    },

    'characteristics.counts': () => countStudiesByField(requireDb(ctx)),
  };
}

import { randomUUID } from 'node:crypto';
import {
  ApiError,
  RM5_KIND_OF,
  dataTypeChange,
  dataTypeWords,
  rowValueIssues,
  type DataRow,
  type Handlers,
  type OutcomeDetail,
  type OutcomeSettings,
  type RowValues,
} from '@grove/shared';
import { recordChange } from '../changes.ts';
import type { Db } from '../connection.ts';
import { insertRow, nextRowPosition, readStoredRow, storedRowIdsOf, valueColumns } from '../repositories/data-row-repo.ts';
import { findOutcome, settingsColumns, type OutcomeRecord } from '../repositories/outline-repo.ts';
import { TABLES } from '../tables.ts';
import { findStudyLabel } from '../repositories/study-repo.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';
import { analyseOne, outlineOf, outlineOutcomeOf } from './outcome-model.ts';

// The one analysis model's methods: outline, an outcome with its rows and analysis, its
// settings, and its rows (entered directly, or a derived row detached with a reason).

type OutcomeHandlers = Pick<
  Handlers,
  | 'outcomes.outline'
  | 'outcomes.get'
  | 'outcomes.update'
  | 'outcomes.setDataType'
  | 'outcomes.rows.create'
  | 'outcomes.rows.update'
  | 'outcomes.rows.updateMany'
  | 'outcomes.rows.delete'
  | 'outcomes.rows.detach'
>;

const MEASURES: Readonly<Record<string, readonly string[] | null>> = {
  dichotomous: ['RR', 'OR', 'RD', 'PETO_OR'],
  continuous: ['MD', 'SMD'],
  // A generic outcome's measure is the reviewer's free text ("Hazard Ratio").
  generic: null,
  'oe-variance': null,
  other: null,
};

/** The outcome `id` names, read on its own (an outcome's page and its edits never read the whole model). */
function find(db: Db, id: string): OutcomeRecord {
  const o = findOutcome(db, id);
  if (!o) throw new ApiError('NOT_FOUND', `There is no outcome "${id}" in this review.`);
  return o;
}

function detail(db: Db, id: string): OutcomeDetail {
  const a = analyseOne(db, find(db, id));
  // Rows name their subgroup by its public id, as the outline does (the key stays inside).
  const publicId = new Map(a.record.subgroups.map((s) => [s.key, s.id]));
  const rows = a.analysis.rows.map((r) => (r.subgroupId ? { ...r, subgroupId: publicId.get(r.subgroupId) ?? r.subgroupId } : r));
  return { outcome: outlineOutcomeOf(a), rows, analysis: a.analysis, skipped: a.analysis.skipped ?? null };
}

const label = (o: OutcomeRecord): string => `${o.number} ${o.name}`;

function invalid(path: string, message: string): never {
  throw new ApiError('VALIDATION', `${path}: ${message}`, [{ path, message }]);
}

function checkSettings(dataType: string, s: OutcomeSettings): void {
  const measures = MEASURES[dataType];
  if (measures && s.effectMeasure !== null && !measures.includes(s.effectMeasure))
    invalid('settings.effectMeasure', `a ${dataType} outcome's effect measure is one of ${measures.join(', ')}`);
  if (s.method !== null && dataType !== 'dichotomous' && s.method !== 'IV' && !(dataType === 'oe-variance' && s.method === 'EXP_O_E_VAR'))
    invalid('settings.method', `only dichotomous outcomes are pooled by MH or Peto`);
  if (s.swapEvents && dataType !== 'dichotomous') invalid('settings.swapEvents', 'only dichotomous outcomes have events to swap');
  if (s.logData && dataType !== 'generic') invalid('settings.logData', 'only generic inverse-variance outcomes have log data');
}

function checkValues(dataType: string, v: RowValues, path = 'values'): void {
  if (v.kind !== dataType) invalid(`${path}.kind`, `a ${dataType} outcome takes ${dataType} rows, not ${v.kind}`);
  const issues = rowValueIssues(v).map((i) => ({ ...i, path: i.path.replace(/^values/, path) }));
  if (issues.length > 0) throw new ApiError('VALIDATION', `${issues[0]!.path}: ${issues[0]!.message}`, issues);
}

function studyLabel(db: Db, studyId: string): string {
  const label = findStudyLabel(db, studyId);
  if (label === null) invalid('studyId', `there is no study "${studyId}"`);
  return label;
}

export function outcomeHandlers(ctx: ServiceContext): OutcomeHandlers {
  return {
    'outcomes.outline': () => outlineOf(requireDb(ctx)),

    'outcomes.get': ({ id }) => detail(requireDb(ctx), id),

    'outcomes.update': ({ id, name, settings }) => {
      const db = requireDb(ctx);
      const o = find(db, id);
      const a = analyseOne(db, o).analysis;
      const planned = o.source.kind === 'planned' ? o.source : null;
      // A planned outcome that follows the conventions takes its current effective settings
      // as its own first, so that changing one setting does not move the others.
      const base: OutcomeSettings =
        planned?.followsConventions && settings
          ? { ...o.settings, effectMeasure: a.input?.effectMeasure ?? a.effectMeasure, model: a.input?.model ?? o.settings.model }
          : o.settings;
      const next = { ...base, ...settings };
      checkSettings(a.dataType, next);
      recordChange(db, actorOf(ctx, db), `Edit outcome ${label(o)}`, (w) => {
        w.update(
          TABLES.outcome,
          o.key,
          {
            ...(name !== undefined ? { name } : {}),
            ...(settings ? { ...settingsColumns(next), kind: RM5_KIND_OF[a.dataType], follows_conventions: 0 } : {}),
          },
          (fields) => `Edited outcome ${label(o)}: ${fields.join(', ')}`,
        );
      });
      return detail(db, id);
    },

    'outcomes.setDataType': ({ id, dataType, clearRows }) => {
      const db = requireDb(ctx);
      const o = find(db, id);
      const rowIds = storedRowIdsOf(db, o.key);
      const change = dataTypeChange({
        number: o.number,
        dataType: o.dataType,
        source: o.source,
        settings: o.settings,
        storedRows: rowIds.length,
        to: dataType,
        clearRows: clearRows === true,
      });
      if (change.kind === 'refused') invalid('dataType', change.message);
      if (change.kind === 'needs-clearing') throw new ApiError('CONFLICT', `${change.message} Confirm with clearRows to go on.`);
      if (change.kind === 'unchanged') return detail(db, id);
      const what = `Changed the data type of outcome ${label(o)} from ${dataTypeWords(o.dataType)} to ${dataTypeWords(dataType)}`;
      recordChange(db, actorOf(ctx, db), `Change the data type of ${label(o)}`, (w) => {
        // The rows go first: a row's kind is its outcome's.
        for (const rowId of rowIds) w.delete(TABLES.dataRow, rowId, `Deleted a row of outcome ${label(o)}: its data type changed`);
        w.update(TABLES.outcome, o.key, { ...settingsColumns(change.settings), kind: RM5_KIND_OF[dataType] }, () =>
          change.clears > 0 ? `${what}, deleting its ${change.clears} data row${change.clears === 1 ? '' : 's'}` : what,
        );
      });
      return detail(db, id);
    },

    'outcomes.rows.create': ({ outcomeId, studyId, subgroupId, values, footnote }) => {
      const db = requireDb(ctx);
      const o = find(db, outcomeId);
      const a = analyseOne(db, o).analysis;
      checkValues(a.dataType, values);
      const study = studyLabel(db, studyId);
      const subgroup = subgroupId ? o.subgroups.find((s) => s.id === subgroupId || s.key === subgroupId) : null;
      if (subgroupId && !subgroup) invalid('subgroupId', `outcome ${o.number} has no subgroup "${subgroupId}"`);
      if (!subgroupId && o.subgroups.length > 0) invalid('subgroupId', `outcome ${o.number} has subgroups: choose one`);
      if (a.rows.some((r) => r.studyId === studyId && r.origin === 'derived'))
        throw new ApiError('CONFLICT', `${study} already has a row derived from its extraction in ${label(o)}; detach it to override it.`);
      recordChange(db, actorOf(ctx, db), `Add ${study} to ${label(o)}`, (w) =>
        insertRow(
          w,
          {
            id: randomUUID(),
            outcomeKey: o.key,
            subgroupKey: subgroup?.key ?? null,
            position: nextRowPosition(db, o.key),
            studyId,
            values,
            footnote: footnote ?? null,
          },
          `Added a row for ${study} to outcome ${label(o)}`,
        ),
      );
      return detail(db, outcomeId);
    },

    'outcomes.rows.update': ({ outcomeId, rowId, values, footnote }) => {
      const db = requireDb(ctx);
      const o = find(db, outcomeId);
      const row = readStoredRow(db, rowId);
      if (!row || row.outcomeKey !== o.key)
        throw new ApiError(
          'NOT_FOUND',
          `Outcome ${o.number} has no stored row "${rowId}"${rowId.startsWith('derived:') ? ' (a derived row is changed in the extraction, or detached first)' : ''}.`,
        );
      if (values) checkValues(row.values.kind, values);
      recordChange(db, actorOf(ctx, db), `Edit ${row.studyLabel} in ${label(o)}`, (w) => {
        w.update(
          TABLES.dataRow,
          rowId,
          { ...(values ? valueColumns(values) : {}), ...(footnote !== undefined ? { footnote } : {}) },
          (fields) => `Edited the row of ${row.studyLabel} in outcome ${label(o)}: ${fields.join(', ')}`,
        );
      });
      return detail(db, outcomeId);
    },

    'outcomes.rows.updateMany': ({ outcomeId, rows }) => {
      const db = requireDb(ctx);
      const o = find(db, outcomeId);
      // Every row is checked before anything is written: a pasted block is saved whole or not at all.
      const stored = rows.map(({ rowId, values }, i) => {
        const row = readStoredRow(db, rowId);
        if (!row || row.outcomeKey !== o.key)
          invalid(
            `rows.${i}.rowId`,
            `outcome ${o.number} has no stored row "${rowId}"${rowId.startsWith('derived:') ? ' (a derived row is changed in the extraction, or detached first)' : ''}`,
          );
        checkValues(row.values.kind, values, `rows.${i}.values`);
        return { row, values };
      });
      const what = stored.length === 1 ? stored[0]!.row.studyLabel : `${stored.length} rows`;
      recordChange(db, actorOf(ctx, db), `Edit ${what} in ${label(o)}`, (w) => {
        for (const { row, values } of stored)
          w.update(
            TABLES.dataRow,
            row.id,
            valueColumns(values),
            (fields) => `Edited the row of ${row.studyLabel} in outcome ${label(o)}: ${fields.join(', ')}`,
          );
      });
      return detail(db, outcomeId);
    },

    'outcomes.rows.delete': ({ outcomeId, rowId }) => {
      const db = requireDb(ctx);
      const o = find(db, outcomeId);
      const row = readStoredRow(db, rowId);
      if (!row || row.outcomeKey !== o.key) throw new ApiError('NOT_FOUND', `Outcome ${o.number} has no stored row "${rowId}".`);
      const what = row.origin === 'detached' ? `Reattached the derived row of ${row.studyLabel}` : `Deleted the row of ${row.studyLabel}`;
      recordChange(db, actorOf(ctx, db), `${what} in ${label(o)}`, (w) =>
        w.delete(TABLES.dataRow, rowId, `${what} in outcome ${label(o)}`),
      );
      return detail(db, outcomeId);
    },

    'outcomes.rows.detach': ({ outcomeId, studyId, reason, values }) => {
      const db = requireDb(ctx);
      const o = find(db, outcomeId);
      const a = analyseOne(db, o).analysis;
      const derived = a.rows.find((r): r is Extract<DataRow, { origin: 'derived' }> => r.studyId === studyId && r.origin === 'derived');
      if (!derived) {
        const detached = a.rows.some((r) => r.studyId === studyId && r.origin === 'detached');
        throw new ApiError(
          detached ? 'CONFLICT' : 'NOT_FOUND',
          detached
            ? `The row of this study in ${label(o)} is already detached.`
            : `Outcome ${label(o)} has no derived row for study "${studyId}".`,
        );
      }
      const v = values ?? derived.values;
      checkValues(derived.values.kind, v);
      recordChange(db, actorOf(ctx, db), `Detach ${derived.studyLabel} in ${label(o)}`, (w) =>
        insertRow(
          w,
          {
            id: randomUUID(),
            outcomeKey: o.key,
            subgroupKey: null,
            position: nextRowPosition(db, o.key),
            studyId,
            values: v,
            footnote: null,
            detached: { reason, provenance: derived.provenance },
          },
          `Detached the derived row of ${derived.studyLabel} in outcome ${label(o)} and overrode it: ${reason}`,
        ),
      );
      return detail(db, outcomeId);
    },
  };
}

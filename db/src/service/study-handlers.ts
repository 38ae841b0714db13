import { randomUUID } from 'node:crypto';
import { ApiError } from '@grove/shared';
import type { Handlers } from '@grove/shared';
import { recordChange, type ChangeWriter, type TableSpec } from '../changes.ts';
import type { Db } from '../connection.ts';
import {
  getReport,
  getStudy,
  listStudies,
  nextReportPosition,
  reportPatchRow,
  reportRow,
  studyPatchRow,
  studyRow,
} from '../repositories/study-repo.ts';
import { studyDependentIds, type StudyDependentTable } from '../repositories/study-data-repo.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';

// Studies and reports. Deleting a study deletes its reports explicitly (not by
// cascade) so that each report is in the audit log and comes back on undo.

type StudyHandlers = Pick<
  Handlers,
  | 'studies.list'
  | 'studies.get'
  | 'studies.create'
  | 'studies.update'
  | 'studies.delete'
  | 'studies.dependents'
  | 'reports.create'
  | 'reports.update'
  | 'reports.delete'
>;

/** How each kind of row that hangs off a study is audited. */
const DEPENDENT_SPECS: Readonly<Record<StudyDependentTable, TableSpec>> = {
  arm_result: TABLES.armResult,
  characteristic_value: TABLES.characteristic,
  rob1_judgement: TABLES.rob1Judgement,
  rob2_assessment: TABLES.rob2Assessment,
  timepoint: TABLES.timepoint,
  study_outcome: TABLES.studyOutcome,
  arm: TABLES.arm,
};

/**
 * Deletes what hangs off a study row by row, children before parents, so that each row
 * is in the audit log and undo (which replays in reverse) restores parents first.
 */
function deleteStudyData(db: Db, w: ChangeWriter, studyId: string, label: string): void {
  for (const { table, ids } of studyDependentIds(db, studyId)) {
    const spec = DEPENDENT_SPECS[table];
    for (const id of ids) w.delete(spec, id, `Deleted ${spec.entity} of "${label}"`);
  }
}

function notFound(what: string, id: string): never {
  throw new ApiError('NOT_FOUND', `There is no ${what} with id ${id}; it may have been deleted.`);
}

function reportName(title: string, citation: string): string {
  const t = title.trim() || (citation ? `reference ${citation}` : 'untitled report');
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

export function studyHandlers(ctx: ServiceContext): StudyHandlers {
  return {
    'studies.list': () => listStudies(requireDb(ctx)),

    'studies.get': ({ id }) => getStudy(requireDb(ctx), id) ?? notFound('study', id),

    'studies.create': ({ study, reports }) => {
      const db = requireDb(ctx);
      const actor = actorOf(ctx, db);
      const id = randomUUID();
      recordChange(db, actor, `Add study "${study.label}"`, (w) => {
        w.insert(TABLES.study, studyRow(id, study, actor.now, actor.now), `Added study "${study.label}"`);
        (reports ?? []).forEach((r, i) => {
          w.insert(
            TABLES.report,
            reportRow(randomUUID(), id, i, r, actor.now, actor.now),
            `Added report "${reportName(r.title, r.citation)}" to "${study.label}"`,
          );
        });
      });
      return getStudy(db, id) ?? notFound('study', id);
    },

    'studies.update': ({ id, patch }) => {
      const db = requireDb(ctx);
      const current = getStudy(db, id) ?? notFound('study', id);
      const actor = actorOf(ctx, db);
      recordChange(db, actor, `Edit study "${current.label}"`, (w) => {
        w.update(TABLES.study, id, studyPatchRow(patch), (f) => `Edited study "${patch.label ?? current.label}": ${f.join(', ')}`, {
          updated_at: actor.now,
        });
      });
      return getStudy(db, id) ?? notFound('study', id);
    },

    'studies.delete': ({ id }) => {
      const db = requireDb(ctx);
      const current = getStudy(db, id) ?? notFound('study', id);
      recordChange(db, actorOf(ctx, db), `Delete study "${current.label}"`, (w) => {
        deleteStudyData(db, w, id, current.label);
        for (const r of current.reports)
          w.delete(TABLES.report, r.id, `Deleted report "${reportName(r.title, r.citation)}" of "${current.label}"`);
        w.delete(TABLES.study, id, `Deleted study "${current.label}"`);
      });
      return { ok: true as const };
    },

    'studies.dependents': ({ id }) => {
      const db = requireDb(ctx);
      const study = getStudy(db, id) ?? notFound('study', id);
      const n = new Map(studyDependentIds(db, id).map((d) => [d.table, d.ids.length]));
      const of = (t: StudyDependentTable) => n.get(t) ?? 0;
      return {
        reports: study.reports.length,
        characteristics: of('characteristic_value'),
        outcomes: of('study_outcome'),
        results: of('arm_result'),
        judgements: of('rob1_judgement') + of('rob2_assessment'),
      };
    },

    'reports.create': ({ studyId, report }) => {
      const db = requireDb(ctx);
      const study = getStudy(db, studyId) ?? notFound('study', studyId);
      const actor = actorOf(ctx, db);
      const id = randomUUID();
      recordChange(db, actor, `Add report to "${study.label}"`, (w) => {
        w.insert(
          TABLES.report,
          reportRow(id, studyId, nextReportPosition(db, studyId), report, actor.now, actor.now),
          `Added report "${reportName(report.title, report.citation)}" to "${study.label}"`,
        );
      });
      return getReport(db, id) ?? notFound('report', id);
    },

    'reports.update': ({ id, patch }) => {
      const db = requireDb(ctx);
      const current = getReport(db, id) ?? notFound('report', id);
      const actor = actorOf(ctx, db);
      const name = reportName(patch.title ?? current.title, patch.citation ?? current.citation);
      recordChange(db, actor, `Edit report "${name}"`, (w) => {
        w.update(TABLES.report, id, reportPatchRow(patch), (f) => `Edited report "${name}": ${f.join(', ')}`, { updated_at: actor.now });
      });
      return getReport(db, id) ?? notFound('report', id);
    },

    'reports.delete': ({ id }) => {
      const db = requireDb(ctx);
      const current = getReport(db, id) ?? notFound('report', id);
      recordChange(db, actorOf(ctx, db), `Delete report "${reportName(current.title, current.citation)}"`, (w) => {
        w.delete(TABLES.report, id, `Deleted report "${reportName(current.title, current.citation)}"`);
      });
      return { ok: true as const };
    },
  };
}

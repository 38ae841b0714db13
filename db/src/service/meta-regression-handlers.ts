import { ApiError, type Handlers } from '@grove/shared';
import { outcomeMetaRegression, type ModeratorRow } from '@grove/shared/analysis/outcome-meta-regression';
import type { AnalysisInput } from '@grove/shared/stats/index';
import { listFinalValuesOfField } from '../repositories/characteristic-repo.ts';
import { readForm } from '../repositories/form-repo.ts';
import { findOutcome } from '../repositories/outline-repo.ts';
import { analyseOne } from './outcome-model.ts';
import { requireDb, type ServiceContext } from './context.ts';

// Meta-regression of one outcome on extraction fields (issue 17): the outcome's own analysis
// input, its rows' studies, and those studies' final values of the chosen fields, handed to
// the pure outcomeMetaRegression, which says why it cannot run or runs the core.

type MetaRegressionHandlers = Pick<Handlers, 'analyses.metaRegression'>;

export function metaRegressionHandlers(ctx: ServiceContext): MetaRegressionHandlers {
  return {
    'analyses.metaRegression': ({ outcomeId, subgroupId, moderators, test }) => {
      const db = requireDb(ctx);
      const record = findOutcome(db, outcomeId);
      if (!record) throw new ApiError('NOT_FOUND', `There is no outcome "${outcomeId}" in this review.`);
      const analysed = analyseOne(db, record).analysis;
      let input = analysed.input;
      if (!input) throw new ApiError('VALIDATION', `The outcome "${outcomeId}" has no data to analyse.`);
      if (subgroupId !== undefined) {
        const subgroup = record.subgroups.find((s) => s.id === subgroupId || s.key === subgroupId);
        if (!subgroup) throw new ApiError('NOT_FOUND', `The outcome "${outcomeId}" has no subgroup "${subgroupId}".`);
        input = { ...input, rows: input.rows.filter((r) => r.subgroup === subgroup.name) } as AnalysisInput;
      }

      const form = readForm(db);
      const fields = moderators.map((id) => {
        const f = form.fields.find((x) => x.id === id);
        if (!f) throw new ApiError('NOT_FOUND', `moderators: there is no extraction field "${id}" in this review's form.`);
        return f;
      });
      if (new Set(moderators).size !== moderators.length) throw new ApiError('VALIDATION', 'moderators: a field is chosen twice.');

      // The core's rows are named by study label; the outcome's rows know each label's study.
      const studyOf = new Map<string, string | null>();
      for (const r of analysed.rows) {
        const seen = studyOf.get(r.studyLabel);
        studyOf.set(r.studyLabel, seen === undefined || seen === r.studyId ? r.studyId : null);
      }
      const rows: ModeratorRow[] = input.rows.map((r) => {
        const studyId = studyOf.get(r.study);
        if (!studyId)
          throw new ApiError(
            'VALIDATION',
            `The row "${r.study}" is not linked to one study of the review, so it has no extraction values.`,
          );
        return { studyId, label: r.study };
      });

      const values = new Map(fields.map((f) => [f.id, listFinalValuesOfField(db, f.id)]));
      const out = outcomeMetaRegression({
        outcomeId,
        input,
        rows,
        fields,
        valueOf: (studyId, fieldId) => values.get(fieldId)?.get(studyId),
        test,
      });
      if (!out.ok) throw new ApiError('VALIDATION', out.message);
      return out.value;
    },
  };
}

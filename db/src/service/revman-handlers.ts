import { ApiError, type Handlers, type StoredAnalysisSummary } from '@grove/shared';
import { analyze } from '@grove/shared/stats/analyze';
import { rm5OutcomeToAnalysisInput } from '@grove/shared/rm5/to-analysis-input';
import { sectionOutcomes, type SectionOutcome } from '@grove/shared/rm5/section-outcomes';
import { readRevmanSection } from '../rm5/revman-tables.ts';
import { studyLabels } from '../repositories/study-repo.ts';
import { requireDb, type ServiceContext } from './context.ts';
import type { Db } from '../connection.ts';

// The analyses a review brought in from a RevMan file, recomputed on demand with their own
// settings by the same conversion and core that `grove rm5 analyze` uses.

type RevmanHandlers = Pick<Handlers, 'storedAnalyses.list' | 'storedAnalyses.get'>;

function summaries(db: Db): StoredAnalysisSummary[] {
  const section = readRevmanSection(db);
  if (!section) return [];
  const labels = studyLabels(db);
  const { outcomes, studies } = sectionOutcomes(section, labels);
  const subgroupNames = new Map(section.subgroups.map((s) => [s.id, s.name]));
  return outcomes.map((o: SectionOutcome) => {
    const conv = rm5OutcomeToAnalysisInput(o.outcome, studies);
    const { id, comparisonId: _c, position: _p, rm5Id, name, attributes: _a, extraXml: _x, ...settings } = o.analysis;
    return {
      id,
      rm5Id,
      comparisonId: o.comparison.id,
      comparisonName: o.comparison.name,
      name,
      settings,
      rows: o.rows.map((r) => ({
        id: r.id,
        studyId: r.studyId,
        studyLabel: labels.get(r.studyId) ?? r.studyId,
        subgroup: r.subgroupId ? (subgroupNames.get(r.subgroupId) ?? null) : null,
        footnote: r.footnote,
      })),
      result: conv.ok ? analyze(conv.input) : null,
      skipped: conv.ok ? null : conv.reason,
    };
  });
}

export function revmanHandlers(ctx: ServiceContext): RevmanHandlers {
  return {
    'storedAnalyses.list': () => summaries(requireDb(ctx)),
    'storedAnalyses.get': ({ id }) => {
      const found = summaries(requireDb(ctx)).find((s) => s.id === id || s.rm5Id === id);
      if (!found) throw new ApiError('NOT_FOUND', `No stored analysis has id ${id}.`);
      return found;
    },
  };
}

import type { PrismaFlowReport } from '@grove/shared';
import { buildPrismaFlow, handEnteredConflicts, prismaFlowChecks } from '@grove/shared/prisma/index';
import type { Db } from '../connection.ts';
import { readStudyCounts } from '../repositories/prisma-repo.ts';
import { readSearchCounts } from '../repositories/search-counts-repo.ts';
import { analysedWithData } from './analysis-handlers.ts';
import { readModel } from './outcome-model.ts';

// The PRISMA 2020 flow diagram from what the review holds today: the hand-entered search
// counts, the studies and their reports, and the studies in a meta-analysis of the one
// analysis model. Records (search log, duplicates) and screening decisions are not in the
// review yet: when they are, their counts are read here and passed as `records` and
// `screening`, and the shared builder prefers them to the hand-entered counts.

/** Studies that contribute to at least one analysis pooled as a meta-analysis; null when no analysis has data. */
function studiesInMetaAnalysis(db: Db): number | null {
  const analysed = analysedWithData(readModel(db));
  if (analysed.length === 0) return null;
  const ids = new Set<string>();
  for (const a of analysed)
    if (a.analysis.synthesis === 'meta-analysis') for (const c of a.analysis.contributions) if (c.included) ids.add(c.studyId);
  return ids.size;
}

export function prismaFlowOf(db: Db): PrismaFlowReport {
  const handEntered = readSearchCounts(db);
  const studies = readStudyCounts(db);
  const flow = buildPrismaFlow({
    handEntered,
    records: null,
    screening: null,
    studies: studies.all > 0 ? { included: studies.included, reportsOfIncluded: studies.reportsOfIncluded } : null,
    studiesInMetaAnalysis: studiesInMetaAnalysis(db),
  });
  return { flow, checks: [...prismaFlowChecks(flow), ...handEnteredConflicts(flow, handEntered)] };
}

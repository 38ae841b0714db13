import type { PrismaFlowReport } from '@grove/shared';
import { buildPrismaFlow, handEnteredConflicts, prismaFlowChecks } from '@grove/shared/prisma/index';
import type { Db } from '../connection.ts';
import type { RecordCounts } from '@grove/shared/prisma/index';
import { readStudyCounts } from '../repositories/prisma-repo.ts';
import { recordCounts } from '../repositories/records-repo.ts';
import { listSearchLog } from '../repositories/records-search-log-repo.ts';
import { readSearchCounts } from '../repositories/search-counts-repo.ts';
import { analysedWithData } from './analysis-handlers.ts';
import { readModel } from './outcome-model.ts';
import { screeningCounts } from './screening-prisma.ts';

// The PRISMA 2020 flow diagram from what the review holds: its records (the search log per
// source and the duplicates removed, once any export has been imported), the hand-entered
// search counts for what it does not hold, the studies and their reports, and the studies in a
// meta-analysis of the one analysis model. Once the review holds screening decisions their
// counts are passed as `screening` (screening-prisma.ts), and the shared builder prefers them
// to the hand-entered counts.

/** Records identified per source and removed before screening, once the review holds imported records. */
function recordsOf(db: Db): RecordCounts | null {
  const log = listSearchLog(db);
  // A log of totals typed in by hand only (the example review) has no records behind it:
  // those counts stay hand-entered.
  if (!log.some((e) => e.origin === 'imported')) return null;
  const counts = recordCounts(db);
  return {
    databases: log.filter((e) => e.kind === 'database').map((e) => ({ name: e.source, n: e.identified })),
    registers: [],
    otherSources: log.filter((e) => e.kind === 'other').map((e) => ({ name: e.source, kind: 'other' as const, n: e.identified })),
    duplicates: counts.duplicate,
    otherRemoved: counts.removed,
  };
}

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
    records: recordsOf(db),
    screening: screeningCounts(db),
    studies: studies.all > 0 ? { included: studies.included, reportsOfIncluded: studies.reportsOfIncluded } : null,
    studiesInMetaAnalysis: studiesInMetaAnalysis(db),
  });
  return { flow, checks: [...prismaFlowChecks(flow), ...handEnteredConflicts(flow, handEntered)] };
}

import { computedCertainty, finalCertainty, type GradeAssessment, type GradeRecord } from '@grove/shared';
import type { Db } from '../connection.ts';
import { cached } from '../statements.ts';

// GRADE certainty ratings, one per analysis ("<outcome id>@<timepoint category id>"),
// stored as JSON; the computed and final levels are derived on every read.

type DbRow = Record<string, string | number | null>;

function toGradeRecord(r: DbRow): GradeRecord {
  const assessment = JSON.parse(String(r.assessment)) as GradeAssessment;
  return {
    analysisId: String(r.analysis_id),
    assessment,
    computed: computedCertainty(assessment),
    final: finalCertainty(assessment),
    updatedAt: String(r.updated_at),
  };
}

export function listGrades(db: Db): GradeRecord[] {
  return (cached(db, 'SELECT * FROM grade_assessment ORDER BY analysis_id').all() as DbRow[]).map(toGradeRecord);
}

export function findGrade(db: Db, analysisId: string): GradeRecord | null {
  const r = cached(db, 'SELECT * FROM grade_assessment WHERE analysis_id = ?').get(analysisId) as DbRow | undefined;
  return r ? toGradeRecord(r) : null;
}

import { REVIEW_DOCUMENT_FORMAT, REVIEW_DOCUMENT_VERSION, type ReviewDocument } from '@grove/shared';
import type { Db } from '../connection.ts';
import { allAudit } from '../repositories/audit-repo.ts';
import { readProtocol } from '../repositories/protocol-repo.ts';
import { listReviewers } from '../repositories/reviewer-repo.ts';
import { readSearchCounts } from '../repositories/search-counts-repo.ts';
import { listStudies } from '../repositories/study-repo.ts';
import { readForm } from '../repositories/form-repo.ts';
import { listCharacteristics, stripId } from '../repositories/characteristic-repo.ts';
import { toArm, toArmResult, toStudyOutcome, toTimepoint } from '../repositories/study-data-repo.ts';
import { readRobSettings } from '../repositories/rob-repo.ts';
import { listStudyRob } from '../service/rob-handlers.ts';
import { listRob2 } from '../repositories/rob2-repo.ts';
import { readRevmanSection } from '../rm5/revman-tables.ts';
import { listGrades } from '../repositories/grade-repo.ts';
import { DEFAULT_REVIEW_SETTINGS, readReviewSettings } from '../repositories/review-settings-repo.ts';
import { readSnapshot } from '../read-snapshot.ts';
import { readRecordsSection } from '../repositories/records-document-repo.ts';
import { readFullTextsSection, readScreeningSection, readStudyLinkRejections } from '../repositories/screening-document-repo.ts';

// The whole review as one JSON document (docs/review-json.md). Deterministic: the
// same file always exports to the same bytes, so exports can be diffed and compared.

/** The whole review, read inside one transaction so that every table comes from the same snapshot. */
export function exportReview(db: Db): ReviewDocument {
  return readSnapshot(db, () => readReviewDocument(db));
}

function readReviewDocument(db: Db): ReviewDocument {
  const review = db.prepare('SELECT id, created_at, updated_at FROM review WHERE singleton = 1').get() as {
    id: string;
    created_at: string;
    updated_at: string;
  };
  const revman = readRevmanSection(db);
  const settings = readReviewSettings(db);
  const customSettings = JSON.stringify(settings) !== JSON.stringify(DEFAULT_REVIEW_SETTINGS);
  const grade = listGrades(db).map((g) => ({ analysisId: g.analysisId, assessment: g.assessment, updatedAt: g.updatedAt }));
  const v3 = revman !== undefined || customSettings || grade.length > 0;
  const records = readRecordsSection(db);
  const screening = readScreeningSection(db);
  const fullTexts = readFullTextsSection(db);
  const studyLinkRejections = readStudyLinkRejections(db);
  const v5 = screening !== undefined || fullTexts !== undefined || studyLinkRejections !== undefined;
  return {
    format: REVIEW_DOCUMENT_FORMAT,
    // Version 3 adds sections (RevMan data, review settings, GRADE ratings) that are written
    // only when the review has them: without any, the document is a version 2 document that
    // an older Grove reads completely.
    // Version 4 adds the records section, likewise written only when the review has records;
    // version 5 the screening, full-text (PDFs) and study-link rejection sections.
    formatVersion: v5 ? REVIEW_DOCUMENT_VERSION : records ? 4 : v3 ? 3 : 2,
    review: { id: review.id, createdAt: review.created_at, updatedAt: review.updated_at },
    protocol: readProtocol(db),
    searchCounts: readSearchCounts(db),
    reviewers: listReviewers(db),
    studies: listStudies(db).map((s) => ({ ...s, reports: [...s.reports] })),
    auditLog: allAudit(db),
    extractionForm: readForm(db),
    characteristics: listCharacteristics(db).map(stripId),
    studyData: readAllStudyData(db),
    riskOfBias: { settings: readRobSettings(db), assessments: allRob(db), rob2: allRob2(db) },
    ...(revman ? { revman } : {}),
    ...(customSettings ? { settings } : {}),
    ...(grade.length > 0 ? { grade } : {}),
    ...(records ? { records } : {}),
    ...(screening ? { screening } : {}),
    ...(fullTexts ? { fullTexts } : {}),
    ...(studyLinkRejections ? { studyLinkRejections } : {}),
  };
}

type DbRow = Record<string, string | number | null>;

function readAllStudyData(db: Db): ReviewDocument['studyData'] {
  const all = (sql: string) => db.prepare(sql).all() as DbRow[];
  return {
    arms: all('SELECT * FROM arm ORDER BY study_id, position, rowid').map(toArm),
    outcomes: all('SELECT * FROM study_outcome ORDER BY study_id, position, rowid').map(toStudyOutcome),
    timepoints: all('SELECT * FROM timepoint ORDER BY study_id, weeks_after_treatment, id').map(toTimepoint),
    results: all('SELECT * FROM arm_result ORDER BY study_outcome_id, timepoint_id, arm_id').map(toArmResult),
  };
}

/** RoB of every study for every reviewer slot that judged something, 'final' first. */
function allRob(db: Db): NonNullable<ReviewDocument['riskOfBias']>['assessments'] {
  const slots = (db.prepare("SELECT DISTINCT slot FROM rob1_judgement ORDER BY slot != 'final', slot").all() as { slot: string }[]).map(
    (r) => r.slot,
  );
  if (!slots.includes('final')) slots.unshift('final');
  return slots.flatMap((slot) => listStudyRob(db, slot));
}

function allRob2(db: Db): NonNullable<ReviewDocument['riskOfBias']>['rob2'] {
  const slots = (db.prepare("SELECT DISTINCT slot FROM rob2_assessment ORDER BY slot != 'final', slot").all() as { slot: string }[]).map(
    (r) => r.slot,
  );
  return slots.flatMap((slot) => listRob2(db, slot));
}

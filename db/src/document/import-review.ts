import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  REVIEW_DOCUMENT_FORMAT,
  REVIEW_DOCUMENT_VERSION,
  characteristicValueIssue,
  describeIssues,
  eventsWithinN,
  extractionFormIssues,
  protocolConsistencyIssues,
  reviewDocumentSchema,
  zodIssues,
  type ApiIssue,
  type ReviewDocument,
} from '@grove/shared';
import { duplicateKeyIssues } from '@grove/shared/model/document-keys';
import type { Db } from '../connection.ts';
import { ReviewFileError } from '../connection.ts';
import { createReviewFile, type ReviewFile } from '../review-file.ts';
import { writeProtocol } from '../repositories/protocol-repo.ts';
import { reviewerRow } from '../repositories/reviewer-repo.ts';
import { searchCountsRow } from '../repositories/search-counts-repo.ts';
import { writeEnteredTotals, writeRecordsSection } from '../repositories/records-document-repo.ts';
import { reportRow, studyRow } from '../repositories/study-repo.ts';
import { writeForm } from '../repositories/form-repo.ts';
import { characteristicRow } from '../repositories/characteristic-repo.ts';
import { armResultRow } from '../repositories/study-data-repo.ts';
import { entryRows, writeRobSettings } from '../repositories/rob-repo.ts';
import { revmanSectionIssues, writeRevmanSection } from '../rm5/revman-tables.ts';
import { settingsRow } from '../repositories/review-settings-repo.ts';
import { writeFullTextsSection, writeScreeningSection, writeStudyLinkRejections } from '../repositories/screening-document-repo.ts';
import { screeningDocumentIssues } from './screening-issues.ts';

// `grove new FILE --from REVIEW.json`: the exact inverse of export. The document is
// validated completely before the file is created, and the file is written in one
// transaction; on any failure no review file is left behind.

export class ReviewDocumentError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly ApiIssue[],
  ) {
    super(
      `${source} is not a valid Grove review document: ${describeIssues(issues.slice(0, 5))}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`,
    );
    this.name = 'ReviewDocumentError';
  }
}

export function parseReviewDocument(source: string, value: unknown): ReviewDocument {
  if (typeof value === 'object' && value !== null) {
    const v = value as { format?: unknown; formatVersion?: unknown };
    if (v.format !== REVIEW_DOCUMENT_FORMAT) {
      throw new ReviewDocumentError(source, [{ path: 'format', message: `expected "${REVIEW_DOCUMENT_FORMAT}"` }]);
    }
    if (typeof v.formatVersion === 'number' && v.formatVersion > REVIEW_DOCUMENT_VERSION) {
      throw new ReviewDocumentError(source, [
        {
          path: 'formatVersion',
          message: `version ${v.formatVersion} was written by a newer Grove (this one reads up to ${REVIEW_DOCUMENT_VERSION}); update Grove`,
        },
      ]);
    }
  }
  const parsed = reviewDocumentSchema.safeParse(value);
  if (!parsed.success) throw new ReviewDocumentError(source, zodIssues(parsed.error));
  const doc = parsed.data;
  const issues: ApiIssue[] = protocolConsistencyIssues(doc.protocol).map((i) => ({ ...i, path: `protocol.${i.path}` }));
  issues.push(...duplicateKeyIssues(doc));
  const ids = new Set<string>();
  doc.studies.forEach((s, i) => {
    if (ids.has(s.id)) issues.push({ path: `studies.${i}.id`, message: `duplicate id ${s.id}` });
    ids.add(s.id);
    s.reports.forEach((r, j) => {
      if (r.studyId !== s.id) issues.push({ path: `studies.${i}.reports.${j}.studyId`, message: `must be the study's id ${s.id}` });
      if (ids.has(r.id)) issues.push({ path: `studies.${i}.reports.${j}.id`, message: `duplicate id ${r.id}` });
      ids.add(r.id);
    });
  });
  const studyIds = new Set(doc.studies.map((st) => st.id));
  issues.push(...extractionFormIssues(doc.extractionForm).map((i) => ({ ...i, path: `extractionForm.${i.path}` })));
  doc.characteristics.forEach((c, i) => {
    if (!studyIds.has(c.studyId)) issues.push({ path: `characteristics.${i}.studyId`, message: `no study has id ${c.studyId}` });
    const field = doc.extractionForm.fields.find((f) => f.id === c.fieldId);
    if (!field) issues.push({ path: `characteristics.${i}.fieldId`, message: `no form field has id ${c.fieldId}` });
    else {
      const problem = characteristicValueIssue(field, c.content);
      if (problem) issues.push({ path: `characteristics.${i}.content`, message: `${field.label} ${problem}` });
    }
  });
  const sd = doc.studyData;
  const byId = <T extends { id: string }>(xs: readonly T[]) => new Map(xs.map((x) => [x.id, x]));
  const arms = byId(sd.arms);
  const outcomes = byId(sd.outcomes);
  const timepoints = byId(sd.timepoints);
  const plannedOutcomes = new Set(doc.protocol.plannedOutcomes.map((o) => o.id));
  for (const [name, list] of [
    ['arms', sd.arms],
    ['outcomes', sd.outcomes],
    ['timepoints', sd.timepoints],
  ] as const) {
    list.forEach((x, i) => {
      if (!studyIds.has(x.studyId)) issues.push({ path: `studyData.${name}.${i}.studyId`, message: `no study has id ${x.studyId}` });
    });
  }
  sd.outcomes.forEach((o, i) => {
    if (!plannedOutcomes.has(o.outcomeId))
      issues.push({ path: `studyData.outcomes.${i}.outcomeId`, message: `no planned outcome has id ${o.outcomeId}` });
  });
  sd.results.forEach((r, i) => {
    const o = outcomes.get(r.studyOutcomeId);
    const t = timepoints.get(r.timepointId);
    const a = arms.get(r.armId);
    if (!o || !t || !a) issues.push({ path: `studyData.results.${i}`, message: 'refers to a missing outcome, timepoint or arm' });
    else if (o.studyId !== t.studyId || o.studyId !== a.studyId)
      issues.push({ path: `studyData.results.${i}`, message: 'its outcome, timepoint and arm belong to different studies' });
    // Only events ≤ N: N ≤ randomised is checked when a cell is entered, but an arm's
    // randomised count may be lowered later, and every document Grove exports must import.
    const tooMany = r.result.kind === 'dichotomous' ? eventsWithinN(r.result.events, r.result.n) : null;
    if (tooMany) issues.push({ path: `studyData.results.${i}.result.${tooMany.field}`, message: tooMany.message });
  });
  doc.riskOfBias?.rob2.forEach((r, i) => {
    if (!studyIds.has(r.studyId)) issues.push({ path: `riskOfBias.rob2.${i}.studyId`, message: `no study has id ${r.studyId}` });
    if (r.studyOutcomeId !== null && outcomes.get(r.studyOutcomeId)?.studyId !== r.studyId) {
      issues.push({ path: `riskOfBias.rob2.${i}.studyOutcomeId`, message: 'not an outcome of this study' });
    }
  });
  doc.riskOfBias?.assessments.forEach((a, i) => {
    if (!studyIds.has(a.studyId)) issues.push({ path: `riskOfBias.assessments.${i}.studyId`, message: `no study has id ${a.studyId}` });
  });
  doc.reviewers.forEach((r, i) => {
    if (ids.has(r.id)) issues.push({ path: `reviewers.${i}.id`, message: `duplicate id ${r.id}` });
    ids.add(r.id);
  });
  issues.push(...revmanSectionIssues(doc));
  issues.push(...screeningDocumentIssues(doc));
  if (issues.length > 0) throw new ReviewDocumentError(source, issues);
  return doc;
}

function insert(db: Db, table: string, row: Record<string, string | number | null>): void {
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
    ...cols.map((c) => row[c] ?? null),
  );
}

/** Writes a validated document into an open, freshly initialised review database. */
export function writeReviewDocument(db: Db, doc: ReviewDocument): void {
  db.transaction(() => {
    db.prepare('UPDATE review SET id = ?, created_at = ?, updated_at = ? WHERE singleton = 1').run(
      doc.review.id,
      doc.review.createdAt,
      doc.review.updatedAt,
    );
    writeProtocol(db, doc.protocol);
    const counts = searchCountsRow(doc.searchCounts);
    const cols = Object.keys(counts);
    db.prepare(`UPDATE search_counts SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE singleton = 1`).run(
      ...cols.map((c) => counts[c] ?? null),
    );
    for (const r of doc.reviewers) insert(db, 'reviewer', reviewerRow(r.id, r, r.createdAt));
    for (const s of doc.studies) {
      insert(db, 'study', studyRow(s.id, s, s.createdAt, s.updatedAt));
      s.reports.forEach((r, i) => insert(db, 'report', reportRow(r.id, s.id, i, r, r.createdAt, r.updatedAt)));
    }
    // History comes across as a record, not as something that can be undone: the
    // row snapshots that undo needs are not part of the document.
    const changes = new Map<number, (typeof doc.auditLog)[number]>();
    for (const e of doc.auditLog) if (!changes.has(e.changeId)) changes.set(e.changeId, e);
    for (const [id, e] of [...changes].sort((a, b) => a[0] - b[0])) {
      insert(db, 'change', { id, at: e.at, reviewer_id: e.reviewerId, reviewer_name: e.reviewerName, label: e.summary, undoable: 0 });
    }
    for (const [id, e] of changes) {
      if (e.undoneBy !== null) db.prepare('UPDATE change SET undone_by = ? WHERE id = ?').run(e.undoneBy, id);
    }
    writeForm(db, doc.extractionForm);
    for (const c of doc.characteristics) insert(db, 'characteristic_value', characteristicRow(randomUUID(), c, c.updatedAt));
    const positions = new Map<string, number>();
    const nextPos = (studyId: string, kind: string) => {
      const key = `${kind}:${studyId}`;
      const p = positions.get(key) ?? 0;
      positions.set(key, p + 1);
      return p;
    };
    for (const a of doc.studyData.arms) {
      insert(db, 'arm', {
        id: a.id,
        study_id: a.studyId,
        position: nextPos(a.studyId, 'arm'),
        label: a.label,
        role: a.role,
        description: a.description,
        randomised: a.randomised,
      });
    }
    for (const o of doc.studyData.outcomes) {
      insert(db, 'study_outcome', {
        id: o.id,
        study_id: o.studyId,
        outcome_id: o.outcomeId,
        position: nextPos(o.studyId, 'outcome'),
        measure: o.measure,
        direction: o.direction,
        data_type: o.dataType,
        notes: o.notes,
      });
    }
    for (const t of doc.studyData.timepoints) {
      insert(db, 'timepoint', {
        id: t.id,
        study_id: t.studyId,
        label: t.label,
        weeks_after_treatment: t.weeksAfterTreatment,
        category_override: t.categoryOverride,
      });
    }
    for (const r of doc.studyData.results) insert(db, 'arm_result', armResultRow(r.id, r.studyOutcomeId, r.timepointId, r.armId, r.result));
    if (doc.riskOfBias) {
      writeRobSettings(db, doc.riskOfBias.settings);
      for (const a of doc.riskOfBias.assessments) {
        for (const [domain, entry] of Object.entries(a.assessment)) {
          for (const row of entryRows(entry)) {
            if (row.judgement === null && row.support === '') continue;
            insert(db, 'rob1_judgement', {
              id: randomUUID(),
              study_id: a.studyId,
              domain,
              outcome_group: row.outcomeGroup,
              slot: a.slot,
              judgement: row.judgement,
              support: row.support,
              updated_at: doc.review.updatedAt,
            });
          }
        }
      }
    }
    for (const r of doc.riskOfBias?.rob2 ?? []) {
      insert(db, 'rob2_assessment', {
        id: r.id,
        study_id: r.studyId,
        study_outcome_id: r.studyOutcomeId,
        result_label: r.resultLabel,
        slot: r.slot,
        assessment: JSON.stringify(r.assessment),
        updated_at: r.updatedAt,
      });
    }
    if (doc.revman) writeRevmanSection(db, doc.revman);
    if (doc.settings) {
      const row = settingsRow(doc.settings);
      const cols = Object.keys(row);
      db.prepare(`UPDATE review_settings SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE singleton = 1`).run(
        ...cols.map((c) => row[c] ?? null),
      );
    }
    for (const g of doc.grade ?? [])
      insert(db, 'grade_assessment', { analysis_id: g.analysisId, assessment: JSON.stringify(g.assessment), updated_at: g.updatedAt });
    // The records identified live in the search log: the document's own, or its totals entered by hand.
    if (doc.records) writeRecordsSection(db, doc.records);
    else writeEnteredTotals(db, doc.searchCounts, doc.review.updatedAt);
    // After the records, studies and reviewers they refer to.
    if (doc.screening) writeScreeningSection(db, doc.screening);
    if (doc.fullTexts) writeFullTextsSection(db, doc.fullTexts, doc.review.updatedAt);
    if (doc.studyLinkRejections) writeStudyLinkRejections(db, doc.studyLinkRejections);
    for (const e of doc.auditLog) {
      insert(db, 'audit_entry', {
        id: e.id,
        change_id: e.changeId,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId,
        fields: JSON.stringify(e.fields),
        summary: e.summary,
        table_name: null,
        before_row: null,
        after_row: null,
      });
    }
  })();
}

/** Creates `file` from a document; leaves no file behind when anything fails (it is built beside `file` and renamed into place). */
export function createReviewFromDocument(
  file: string,
  source: string,
  value: unknown,
  options: { nativeBinding?: string; overwrite?: boolean } = {},
): ReviewFile {
  const doc = parseReviewDocument(source, value);
  let written = false;
  try {
    return createReviewFile(file, {
      ...options,
      title: doc.protocol.title,
      build: (db) => {
        writeReviewDocument(db, doc);
        written = true;
      },
    });
  } catch (err) {
    if (written || err instanceof ReviewFileError) throw err;
    const reason = describeWriteFailure(err);
    const abs = path.resolve(file);
    throw new ReviewFileError(abs, `${source} could not be imported into ${abs}: ${reason}. No review file was created.`);
  }
}

/**
 * The last line of defence: a rule of the review file that validation above did not
 * foresee, in words instead of SQLite's "UNIQUE constraint failed: table.column".
 */
function describeWriteFailure(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (typeof e.code !== 'string' || !e.code.startsWith('SQLITE_CONSTRAINT')) return message;
  const what = (/constraint failed: (.*)$/.exec(message)?.[1] ?? '').replace(/[._]/g, ' ').replace(/\s+/g, ' ').trim();
  switch (e.code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return `two records have the same key (${what})`;
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return 'a record refers to another record the document does not contain';
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return `a required value is missing (${what})`;
    case 'SQLITE_CONSTRAINT_CHECK':
      return `a value is outside what a review allows (${what})`;
    default:
      return `a record breaks a rule of the review file (${what || e.code})`;
  }
}

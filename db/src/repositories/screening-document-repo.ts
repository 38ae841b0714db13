import { constants as bufferConstants } from 'node:buffer';
import { createHash } from 'node:crypto';
import { PDF_CHUNK_BYTES, type FullTextsSection, type ScreeningSection, type StudyLinkRejection } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { Row } from '../changes.ts';
import { cached } from '../statements.ts';
import { decisionRow, type DecisionRow } from './screening-decision-repo.ts';
import {
  highlightRow,
  readHighlightTerms,
  readReasons,
  readStageSettings,
  readStoppingRule,
  stageSettingsRow,
  stoppingRuleRow,
} from './screening-settings-repo.ts';
import { attachmentRow, blobChunks, insertBlobUnaudited } from './pdf-repo.ts';
import { insertNotRetrievedUnaudited, readNotRetrieved } from './retrieval-repo.ts';

// The review document's screening, full-text and study-link sections (document version 5):
// read from, and written into, the tables of migrations 0009, 0010 and 0015, row for row (the
// exact inverse of each other). Each is absent (undefined) while the review has nothing in it.

type DbRow = Record<string, string | number | null>;

/** The stopping rule a review starts with (migration 0013's column default), as the column holds it. */
const DEFAULT_STOPPING_RULE_ROW = '{"kind":"hypergeometric","recall":0.95,"confidence":0.95}';

function insert(db: Db, table: string, row: Row): void {
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
    ...cols.map((c) => row[c] ?? null),
  );
}

export function readScreeningSection(db: Db): ScreeningSection | undefined {
  const stages = { 'title-abstract': readStageSettings(db, 'title-abstract'), 'full-text': readStageSettings(db, 'full-text') };
  const highlight = readHighlightTerms(db);
  const reasons = readReasons(db).map((r) => ({ id: r.id, label: r.label }));
  const decisions = (cached(db, 'SELECT * FROM screening_decision ORDER BY record_id, stage, slot').all() as DecisionRow[]).map((d) => ({
    recordId: d.record_id,
    stage: d.stage,
    slot: d.slot,
    reviewerId: d.reviewer_id,
    reviewerName: d.reviewer_name,
    decision: d.decision,
    reasonId: d.reason_id,
    note: d.note,
    labels: JSON.parse(d.labels) as string[],
    decidedAt: d.decided_at,
  }));
  const stoppingRule = readStoppingRule(db);
  const notRetrieved = readNotRetrieved(db).map((m) => ({
    recordId: m.record_id,
    note: m.note,
    reviewerId: m.reviewer_id,
    reviewerName: m.reviewer_name,
    markedAt: m.marked_at,
  }));
  const untouched =
    stoppingRuleRow(stoppingRule).stopping_rule === DEFAULT_STOPPING_RULE_ROW &&
    stages['title-abstract'].mode === 'single' &&
    stages['full-text'].mode === 'single' &&
    highlight.include.length === 0 &&
    highlight.exclude.length === 0 &&
    reasons.length === 0 &&
    decisions.length === 0 &&
    notRetrieved.length === 0;
  // Written only when there are some, so a review without any exports as before.
  return untouched ? undefined : { stages, highlight, reasons, decisions, stoppingRule, ...(notRetrieved.length > 0 ? { notRetrieved } : {}) };
}

/** Writes the section into a review being built from a document (inside its transaction; records already written). */
export function writeScreeningSection(db: Db, section: ScreeningSection): void {
  const stage = db.prepare('UPDATE screening_stage SET mode = ?, sample = ? WHERE stage = ?');
  for (const name of ['title-abstract', 'full-text'] as const) {
    const row = stageSettingsRow(section.stages[name]);
    stage.run(row.mode, row.sample, name);
  }
  const terms = highlightRow(section.highlight);
  db.prepare('UPDATE screening_settings SET include_terms = ?, exclude_terms = ? WHERE singleton = 1').run(
    terms.include_terms,
    terms.exclude_terms,
  );
  if (section.stoppingRule)
    db.prepare('UPDATE screening_settings SET stopping_rule = ? WHERE singleton = 1').run(stoppingRuleRow(section.stoppingRule).stopping_rule);
  section.reasons.forEach((r, position) => insert(db, 'screening_reason', { id: r.id, position, label: r.label }));
  // A document keeps no clock readings: these decisions sort by timestamp, before any made later.
  for (const d of section.decisions) insert(db, 'screening_decision', decisionRow(d, null));
  insertNotRetrievedUnaudited(
    db,
    section.notRetrieved ?? [],
  );
}

export function readFullTextsSection(db: Db): FullTextsSection | undefined {
  const attachments = (cached(db, 'SELECT * FROM pdf_attachment ORDER BY attached_at, id').all() as DbRow[]).map((r) => ({
    id: String(r.id),
    sha256: String(r.sha256),
    recordId: r.record_id === null ? null : String(r.record_id),
    studyId: r.study_id === null ? null : String(r.study_id),
    fileName: String(r.file_name),
    size: Number(r.size),
    attachedAt: String(r.attached_at),
  }));
  if (attachments.length === 0) return undefined;
  // Only the PDFs something is attached to: a blob left for compaction is not part of the review.
  const stored = cached(
    db,
    'SELECT b.sha256 AS sha256, b.size AS size FROM pdf_blob b WHERE EXISTS (SELECT 1 FROM pdf_attachment a WHERE a.sha256 = b.sha256) ORDER BY b.sha256',
  ).all() as { sha256: string; size: number }[];
  // The document is one JavaScript string, whose length V8 caps (about 512 MiB): past it,
  // say so instead of failing with "Invalid string length" halfway through.
  const base64Chars = stored.reduce((n, b) => n + 4 * Math.ceil(b.size / 3), 0);
  if (base64Chars > bufferConstants.MAX_STRING_LENGTH)
    throw new Error(
      `the review's ${stored.length} PDFs (${Math.round(stored.reduce((n, b) => n + b.size, 0) / 2 ** 20)} MiB) are too large for one JSON document; copy or fork the .grove file instead`,
    );
  const blobs = stored.map((b) => ({
    sha256: b.sha256,
    size: b.size,
    contentBase64: Buffer.concat([...blobChunks(db, b.sha256)]).toString('base64'),
  }));
  return { attachments, blobs };
}

/** A document blob's bytes, or what is wrong with them (checked before anything is written). */
export function decodeBlob(blob: FullTextsSection['blobs'][number]): Buffer | string {
  const bytes = Buffer.from(blob.contentBase64, 'base64');
  if (bytes.toString('base64') !== blob.contentBase64) return 'contentBase64 is not valid base64';
  if (bytes.length !== blob.size) return `holds ${bytes.length} bytes, not the size ${blob.size}`;
  const hash = createHash('sha256').update(bytes).digest('hex');
  if (hash !== blob.sha256) return `the bytes' SHA-256 is ${hash}, not ${blob.sha256}`;
  return bytes;
}

export function writeFullTextsSection(db: Db, section: FullTextsSection, now: string): void {
  for (const b of section.blobs) {
    const bytes = decodeBlob(b);
    if (typeof bytes === 'string') throw new Error(`PDF ${b.sha256}: ${bytes}`);
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += PDF_CHUNK_BYTES) chunks.push(bytes.subarray(at, at + PDF_CHUNK_BYTES));
    insertBlobUnaudited(db, b.sha256, b.size, chunks, now);
  }
  for (const a of section.attachments) insert(db, 'pdf_attachment', attachmentRow(a));
}

export function readStudyLinkRejections(db: Db): StudyLinkRejection[] | undefined {
  const rows = cached(db, 'SELECT * FROM study_link_rejection ORDER BY record_a, record_b').all() as DbRow[];
  if (rows.length === 0) return undefined;
  return rows.map((r) => ({
    id: String(r.id),
    recordA: String(r.record_a),
    recordB: String(r.record_b),
    rejectedAt: String(r.rejected_at),
  }));
}

export function writeStudyLinkRejections(db: Db, rejections: readonly StudyLinkRejection[]): void {
  for (const r of rejections)
    insert(db, 'study_link_rejection', { id: r.id, record_a: r.recordA, record_b: r.recordB, rejected_at: r.rejectedAt });
}

import { randomUUID } from 'node:crypto';
import { ApiError, type LinkSuggestionView } from '@grove/shared';
import { assignShortIds, pairKey, sampleSizeOf, suggestLinks } from '@grove/shared/screening/linking/index';
import { recordChange, type Actor, type ChangeWriter, type Row } from '../changes.ts';
import type { Db } from '../connection.ts';
import { naturalRowId } from '../merge/row-identity.ts';
import { nextReportPosition } from '../repositories/study-repo.ts';
import {
  readLinkCandidates,
  readLinkedRecordIds,
  readLinkRecord,
  readRejectedPairs,
  readStudiesWithReports,
  rejectionExists,
  rejectionRow,
  reportIdsOfRecord,
  studyLabelsTaken,
  type LinkRecord,
  type StudyWithReports,
} from '../repositories/study-link-repo.ts';
import { TABLES } from '../tables.ts';
import { fullTextIncludedIds, fullTextRecordIds } from './included-records.ts';

// Records become reports of studies (the existing study/report tables: report.record_id
// names the record). Grove suggests which records are one study (shared/src/screening/
// linking); the reviewer confirms (createStudy / link) or rejects, and a rejection is kept
// so the suggestion does not come back. Each call is one change, undone as one.

/**
 * Suggestions among the records linking is about: those at the full-text stage and those
 * already reports of a study (a record excluded at title/abstract is no study's report).
 */
export function linkSuggestions(db: Db): LinkSuggestionView[] {
  const records = readLinkCandidates(db, [...fullTextRecordIds(db), ...readLinkedRecordIds(db)]);
  const byId = new Map(records.map((r) => [r.id, r]));
  const withSize = records.map((r) => ({ ...r, sampleSize: sampleSizeOf(r.abstract) }));
  const sizes = new Map(withSize.map((r) => [r.id, r.sampleSize]));
  return suggestLinks(withSize, readRejectedPairs(db)).map((s) => ({
    recordIds: [...s.recordIds],
    reasons: s.reasons.map((r) => ({ ...r })),
    studyIds: [...s.studyIds],
    records: s.recordIds.map((id) => {
      const r = byId.get(id)!;
      return {
        id,
        title: r.title,
        authors: r.authors,
        year: r.year,
        journal: r.journal,
        registryIds: r.registryIds,
        sampleSize: sizes.get(id) ?? null,
        studyId: r.studyId,
        studyLabel: r.studyLabel,
      };
    }),
  }));
}

function requireRecords(db: Db, ids: readonly string[]): LinkRecord[] {
  const unique = [...new Set(ids)];
  return unique.map((id) => readLinkRecord(db, id) ?? notFound('record', id));
}

function notFound(what: string, id: string): never {
  throw new ApiError('NOT_FOUND', `There is no ${what} with id ${id}; it may have been deleted.`);
}

const validYear = (y: number | null) => (y !== null && y >= 1800 && y <= 2100 ? y : null);

/** A report row made from a record's bibliographic fields (the report keeps its own copy, edited like any). */
function reportFromRecord(r: LinkRecord, studyId: string, position: number, primary: boolean, now: string): Row {
  return {
    // One id per record: two copies linking the same record meet in a merge (and
    // linking it to two different studies is a conflict on study_id, never two reports).
    id: naturalRowId('report', 'record', r.id),
    study_id: studyId,
    position,
    title: (r.title ?? '').slice(0, 2000),
    authors: r.authors.join('; ').slice(0, 5000),
    journal: (r.journal ?? '').slice(0, 500),
    year: validYear(r.year),
    doi: r.doi && /^10\.\d{4,9}\/\S+$/.test(r.doi) ? r.doi.slice(0, 300) : '',
    pmid: r.pmid && /^\d{1,9}$/.test(r.pmid) ? r.pmid : '',
    citation: '',
    is_primary: primary ? 1 : 0,
    notes: '',
    created_at: now,
    updated_at: now,
    record_id: r.id,
  };
}

/** A new included study; its identifiers are its reports' registry ids. */
function studyRowFor(id: string, label: string, records: readonly LinkRecord[], now: string): Row {
  const identifiers = [...new Set(records.flatMap((r) => r.registryIds))].join('; ').slice(0, 1000);
  return { id, label, status: 'included', identifiers, notes: '', created_at: now, updated_at: now };
}

function recordName(r: LinkRecord): string {
  const t = (r.title ?? '').trim() || r.id;
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

/** Makes each record a report of `studyId` (moving it from another study), within a change. */
function linkInto(db: Db, w: ChangeWriter, records: readonly LinkRecord[], study: { id: string; label: string }, now: string): void {
  let position = nextReportPosition(db, study.id);
  let primary = position === 0;
  for (const r of records) {
    const existing = reportIdsOfRecord(db, r.id);
    if (existing.some((e) => e.studyId === study.id)) continue;
    const [first, ...extra] = existing;
    if (first) {
      w.update(
        TABLES.report,
        first.id,
        { study_id: study.id, position: position++, is_primary: primary ? 1 : 0 },
        () => `Moved report "${recordName(r)}" to "${study.label}"`,
        { updated_at: now },
      );
      for (const e of extra) w.delete(TABLES.report, e.id, `Removed a second report of "${recordName(r)}"`);
    } else {
      w.insert(TABLES.report, reportFromRecord(r, study.id, position++, primary, now), `Linked "${recordName(r)}" to "${study.label}"`);
    }
    primary = false;
  }
}

export function createStudyFromRecords(db: Db, actor: Actor, recordIds: readonly string[], label?: string): StudyWithReports {
  const records = requireRecords(db, recordIds);
  const first = records[0]!;
  const name = label ?? assignShortIds([{ firstAuthor: first.authors[0] ?? null, year: first.year }], studyLabelsTaken(db))[0]!;
  const id = randomUUID();
  recordChange(db, actor, `Add study "${name}" from ${records.length === 1 ? 'a record' : `${records.length} records`}`, (w) => {
    w.insert(TABLES.study, studyRowFor(id, name, records, actor.now), `Added study "${name}"`);
    linkInto(db, w, records, { id, label: name }, actor.now);
  });
  return readStudiesWithReports(db, id)[0]!;
}

export function linkRecords(db: Db, actor: Actor, recordIds: readonly string[], studyId: string): StudyWithReports {
  const study = readStudiesWithReports(db, studyId)[0] ?? notFound('study', studyId);
  const records = requireRecords(db, recordIds);
  recordChange(db, actor, `Link ${records.length === 1 ? 'a record' : `${records.length} records`} to "${study.label}"`, (w) => {
    linkInto(db, w, records, study, actor.now);
  });
  return readStudiesWithReports(db, studyId)[0]!;
}

export function unlinkRecord(db: Db, actor: Actor, recordId: string): void {
  const record = readLinkRecord(db, recordId) ?? notFound('record', recordId);
  const reports = reportIdsOfRecord(db, recordId);
  if (reports.length === 0) throw new ApiError('CONFLICT', `"${recordName(record)}" is not a report of any study.`);
  recordChange(db, actor, `Unlink "${recordName(record)}" from "${record.studyLabel ?? 'its study'}"`, (w) => {
    for (const r of reports) w.delete(TABLES.report, r.id, `Unlinked "${recordName(record)}" from its study`);
  });
}

export function rejectLinks(db: Db, actor: Actor, recordIds: readonly string[]): void {
  const records = requireRecords(db, recordIds);
  if (records.length < 2) throw new ApiError('VALIDATION', 'Name at least two different records that are not one study.');
  recordChange(db, actor, `Not one study: ${records.length} records`, (w) => {
    for (let i = 0; i < records.length; i++)
      for (let j = i + 1; j < records.length; j++) {
        const a = records[i]!.id;
        const b = records[j]!.id;
        const [x, y] = pairKey(a, b).split('\u0000') as [string, string];
        const id = naturalRowId('study_link_rejection', x, y);
        if (rejectionExists(db, id)) continue;
        w.insert(TABLES.studyLinkRejection, rejectionRow(id, x, y, actor.now), `Records ${x} and ${y} are not one study`);
      }
  });
}

export function studiesWithReports(db: Db): StudyWithReports[] {
  return readStudiesWithReports(db);
}

/** Records included at full text that are not yet a report of any study. */
export function includedNotInStudy(db: Db): LinkRecord[] {
  return fullTextIncludedIds(db)
    .map((id) => readLinkRecord(db, id))
    .filter((r): r is LinkRecord => r !== null && r.studyId === null);
}

/**
 * Included records flow into the Studies stage: each included record not yet a report of a
 * study becomes a study of its own (short IDs given together, so two of one author and year
 * are "a" and "b"), as one change. Records the reviewer linked first stay in their studies.
 */
export function addIncludedAsStudies(db: Db, actor: Actor): StudyWithReports[] {
  const records = includedNotInStudy(db);
  if (records.length === 0) return [];
  const labels = assignShortIds(
    records.map((r) => ({ firstAuthor: r.authors[0] ?? null, year: r.year })),
    studyLabelsTaken(db),
  );
  const ids = records.map(() => randomUUID());
  recordChange(db, actor, `Add ${records.length === 1 ? 'an included record' : `${records.length} included records`} as studies`, (w) => {
    records.forEach((r, i) => {
      const label = labels[i]!;
      w.insert(TABLES.study, studyRowFor(ids[i]!, label, [r], actor.now), `Added study "${label}"`);
      linkInto(db, w, [r], { id: ids[i]!, label }, actor.now);
    });
  });
  return ids.map((id) => readStudiesWithReports(db, id)[0]!);
}

import { FINAL_SLOT, type ApiIssue, type ReviewDocument } from '@grove/shared';
import { decodeBlob } from '../repositories/screening-document-repo.ts';

// What the schema cannot check in a document's screening, full-text and study-link sections
// (version 5): every decision, attachment and rejection refers to a record, study, reviewer,
// exclusion reason or PDF the document holds, and every PDF's bytes match its hash and size.
// Checked before the file is created, so a bad document writes nothing.

export function screeningDocumentIssues(doc: ReviewDocument): ApiIssue[] {
  const issues: ApiIssue[] = [];
  const records = new Set((doc.records?.records ?? []).map((r) => r.id));
  const noRecord = (id: string) =>
    doc.records ? `no record has id ${id}` : `no record has id ${id} (the document has no records section)`;
  const studies = new Set(doc.studies.map((s) => s.id));
  const reviewers = new Set(doc.reviewers.map((r) => r.id));
  const reasons = new Set((doc.screening?.reasons ?? []).map((r) => r.id));

  doc.screening?.decisions.forEach((d, i) => {
    const at = `screening.decisions.${i}`;
    if (!records.has(d.recordId)) issues.push({ path: `${at}.recordId`, message: noRecord(d.recordId) });
    if (!reviewers.has(d.reviewerId)) issues.push({ path: `${at}.reviewerId`, message: `no reviewer has id ${d.reviewerId}` });
    if (d.slot !== FINAL_SLOT && d.slot !== d.reviewerId)
      issues.push({ path: `${at}.slot`, message: `must be the reviewer's id ${d.reviewerId} or "${FINAL_SLOT}" for a resolution` });
    if (d.reasonId !== null) {
      if (!reasons.has(d.reasonId)) issues.push({ path: `${at}.reasonId`, message: `no exclusion reason has id ${d.reasonId}` });
      else if (d.stage !== 'full-text' || d.decision !== 'exclude')
        issues.push({ path: `${at}.reasonId`, message: 'only a full-text exclusion gives a reason' });
    }
  });

  doc.screening?.notRetrieved?.forEach((m, i) => {
    const at = `screening.notRetrieved.${i}`;
    if (!records.has(m.recordId)) issues.push({ path: `${at}.recordId`, message: noRecord(m.recordId) });
    if (!reviewers.has(m.reviewerId)) issues.push({ path: `${at}.reviewerId`, message: `no reviewer has id ${m.reviewerId}` });
  });

  const blobs = new Map<string, number>();
  doc.fullTexts?.blobs.forEach((b, i) => {
    const bytes = decodeBlob(b);
    if (typeof bytes === 'string') issues.push({ path: `fullTexts.blobs.${i}.contentBase64`, message: `PDF ${b.sha256}: ${bytes}` });
    blobs.set(b.sha256, b.size);
  });
  const attached = new Set<string>();
  doc.fullTexts?.attachments.forEach((a, i) => {
    const at = `fullTexts.attachments.${i}`;
    attached.add(a.sha256);
    if ((a.recordId === null) === (a.studyId === null))
      issues.push({ path: at, message: `"${a.fileName}" must be attached to exactly one record or study` });
    if (a.recordId !== null && !records.has(a.recordId)) issues.push({ path: `${at}.recordId`, message: noRecord(a.recordId) });
    if (a.studyId !== null && !studies.has(a.studyId)) issues.push({ path: `${at}.studyId`, message: `no study has id ${a.studyId}` });
    const size = blobs.get(a.sha256);
    if (size !== undefined && size !== a.size)
      issues.push({ path: `${at}.size`, message: `"${a.fileName}" is ${a.size} bytes but its PDF ${a.sha256} is ${size}` });
  });
  doc.fullTexts?.blobs.forEach((b, i) => {
    if (!attached.has(b.sha256)) issues.push({ path: `fullTexts.blobs.${i}.sha256`, message: `no attachment refers to PDF ${b.sha256}` });
  });

  doc.studyLinkRejections?.forEach((r, i) => {
    const at = `studyLinkRejections.${i}`;
    if (!records.has(r.recordA)) issues.push({ path: `${at}.recordA`, message: noRecord(r.recordA) });
    if (!records.has(r.recordB)) issues.push({ path: `${at}.recordB`, message: noRecord(r.recordB) });
    if (!(r.recordA < r.recordB)) issues.push({ path: at, message: 'recordA must sort before recordB' });
  });
  return issues;
}

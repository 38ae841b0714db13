import PDFDocument from 'pdfkit';
import type { ApiClient } from '@grove/shared';

// Small real PDFs (made by pdfkit, as Grove's figures are) and a review with records to
// attach them to and link into studies, for the full-text tests.

/** A one-page PDF whose text is `text`. */
export function makePdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A5', info: { Title: text }, compress: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text(text);
    doc.end();
  });
}

/** Four records: two reports of one trial (same NCT id), a third by the same author and year (same n), one other. */
export const LINKING_RIS = [
  'TY  - JOUR',
  'ID  - trial-main',
  'TI  - Group peer support for adults with psychosis: a randomised controlled trial',
  'AU  - Cook, Deborah',
  'AU  - Lee, Anna',
  'PY  - 2012',
  'JO  - Psychiatric Services',
  'AB  - We randomised 120 adults (trial registration NCT01234567) to group peer support or usual care.',
  'ER  - ',
  '',
  'TY  - CONF',
  'ID  - trial-abstract',
  'TI  - Peer support groups in psychosis: first results',
  'AU  - Lee, Anna',
  'PY  - 2011',
  'AB  - Conference abstract. ClinicalTrials.gov NCT01234567.',
  'ER  - ',
  '',
  'TY  - JOUR',
  'ID  - trial-followup',
  'TI  - Group peer support for psychosis: two-year follow-up',
  'AU  - Cook, D',
  'PY  - 2012',
  'JO  - Schizophrenia Bulletin',
  'AB  - Follow-up of 120 participants of a trial of peer support.',
  'ER  - ',
  '',
  'TY  - JOUR',
  'ID  - other',
  'TI  - Recovery colleges and wellbeing',
  'AU  - Øvretveit, John',
  'PY  - 2019',
  'JO  - Mental Health Review',
  'ER  - ',
  '',
].join('\n');

/** Imports LINKING_RIS; returns the stored record ids by the file's own id. */
export async function importLinkingRecords(client: ApiClient): Promise<Record<string, string>> {
  await client.call('records.import', {
    fileName: 'linking.ris',
    contentBase64: Buffer.from(LINKING_RIS).toString('base64'),
    search: { source: 'MEDLINE', searchedOn: '2024-01-15' },
  });
  const page = await client.call('records.page', { limit: 500 });
  return Object.fromEntries(page.rows.map((r) => [r.sourceId, r.id]));
}

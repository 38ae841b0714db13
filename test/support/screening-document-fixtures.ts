import type { ApiClient } from '@grove/shared';
import { blobStats } from '../../db/src/repositories/pdf-repo.ts';
import { readStudyLinkRejections } from '../../db/src/repositories/screening-document-repo.ts';
import { openReviewFile } from '../../db/src/review-file.ts';
import { screeningReview } from './screening-fixtures.ts';
import { makePdf } from './fulltext-fixtures.ts';

// A review with everything issue 14 stores (dual-screened decisions, a resolution, an
// exclusion reason, highlight terms, a PDF and a rejected study link), and what the
// workbench shows of it, for the tests that carry it through the review document.

export async function readBack(client: ApiClient, id: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let n = 0; ; n++) {
    const piece = await client.call('fullText.chunk', { id, n });
    parts.push(Buffer.from(piece.contentBase64, 'base64'));
    if (piece.last) return Buffer.concat(parts);
  }
}

/** Dual screening by Ana and Ben with a conflict Cy resolves, a full-text exclusion with a reason, a PDF on a record and a study, a rejected link. */
export async function screenedReview() {
  const r = await screeningReview(6, ['Ana', 'Ben', 'Cy']);
  const { client, ids } = r;
  await r.as('Cy');
  const settings = await client.call('screening.settings.update', {
    patch: {
      stages: {
        'title-abstract': { mode: 'dual', sample: { kind: 'first-percent', percent: 50 } },
        'full-text': { mode: 'single' },
      },
      highlight: { include: ['peer support', 'randomised'], exclude: ['rats'] },
      exclusionReasons: [{ label: 'Wrong population' }, { label: 'Not randomised' }],
    },
  });
  const reason = settings.exclusionReasons.find((x) => x.label === 'Not randomised')!.id;
  await r.as('Ana');
  await client.call('screening.decide', {
    stage: 'title-abstract',
    recordId: ids[0]!,
    decision: 'include',
    note: 'RCT',
    labels: ['adults'],
  });
  await client.call('screening.decide', { stage: 'title-abstract', recordId: ids[1]!, decision: 'exclude' });
  await client.call('screening.decide', { stage: 'title-abstract', recordId: ids[2]!, decision: 'include' });
  await client.call('screening.decide', { stage: 'title-abstract', recordId: ids[3]!, decision: 'maybe' });
  await r.as('Ben');
  await client.call('screening.decide', { stage: 'title-abstract', recordId: ids[0]!, decision: 'exclude', note: 'not peer' });
  await client.call('screening.decide', { stage: 'title-abstract', recordId: ids[1]!, decision: 'exclude' });
  await client.call('screening.decide', { stage: 'title-abstract', recordId: ids[2]!, decision: 'include' });
  await r.as('Cy');
  await client.call('screening.resolve', { stage: 'title-abstract', recordId: ids[0]!, decision: 'include', note: 'peer-led groups' });
  await r.as('Ana');
  await client.call('screening.decide', { stage: 'full-text', recordId: ids[2]!, decision: 'exclude', reasonId: reason, note: 'quasi' });
  const pdf = await makePdf('Trial 1 of peer support: full text');
  await client.call('fullText.attach', { target: { recordId: ids[0]! }, fileName: 'Trial 1.pdf', contentBase64: pdf.toString('base64') });
  const study = await client.call('studies.create', { study: { label: 'Author1 2001', status: 'included', identifiers: '', notes: '' } });
  await client.call('fullText.attach', { target: { studyId: study.id }, fileName: 'same.pdf', contentBase64: pdf.toString('base64') });
  await client.call('studyLinks.reject', { recordIds: [ids[2]!, ids[0]!] });
  return { ...r, pdf, reason, studyId: study.id };
}

/** What the screening, full-text and linking views show of a review. */
export async function observed(client: ApiClient, recordId: string, studyId: string) {
  const stages = ['title-abstract', 'full-text'] as const;
  const attachments = [...(await client.call('fullText.list', { recordId })), ...(await client.call('fullText.list', { studyId }))];
  return {
    status: await client.call('screening.status', {}),
    settings: await client.call('screening.settings.get', {}),
    conflicts: await Promise.all(stages.map((stage) => client.call('screening.conflicts', { stage, include: 'all' }))),
    agreement: await client.call('screening.agreement', {}),
    attachments,
    bytes: await Promise.all(attachments.map((a) => readBack(client, a.id))),
  };
}

export function rejectionsAndBlobs(file: string) {
  const review = openReviewFile(file, { readOnly: true });
  try {
    return { rejections: readStudyLinkRejections(review.db), blobs: blobStats(review.db) };
  } finally {
    review.close();
  }
}

import type { ApiClient } from '@grove/shared';
import { freshBackend } from './review-fixtures.ts';

// A review with N imported records (one RIS export, file order = 1..N) and named reviewers,
// for the screening tests. Records are titled "Trial N" so a test can name them.

export function risOf(n: number, prefix = 'Trial'): string {
  const lines: string[] = [];
  for (let i = 1; i <= n; i++)
    lines.push(
      'TY  - JOUR',
      `TI  - ${prefix} ${i} of peer support`,
      `AU  - Author${i}, A.`,
      `PY  - ${2000 + (i % 20)}`,
      `AB  - Abstract ${i}.`,
      'ER  - ',
      '',
    );
  return lines.join('\n');
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export async function importRecords(client: ApiClient, n: number, fileName = 'search.ris', prefix = 'Trial'): Promise<string[]> {
  await client.call('records.import', {
    fileName,
    contentBase64: b64(risOf(n, prefix)),
    search: { source: 'MEDLINE', searchedOn: '2024-03-01', hitsReported: null },
  });
  const page = await client.call('records.page', { status: 'remaining', sort: 'source', limit: 500 });
  return page.rows.filter((r) => r.fileName === fileName).map((r) => r.id);
}

export async function screeningReview(records: number, reviewers: readonly string[]) {
  const f = freshBackend('empty');
  const ids = await importRecords(f.client, records);
  const people = new Map<string, string>();
  for (const name of reviewers) {
    const r = await f.client.call('reviewers.create', { reviewer: { name, initials: name.slice(0, 2), email: '' } });
    people.set(name, r.id);
  }
  /** Acts as the named reviewer (null: nobody). */
  const as = async (name: string | null) => {
    await f.client.call('session.setReviewer', { reviewerId: name === null ? null : people.get(name)! });
  };
  return { ...f, ids, people, as };
}

// Benchmark (issue 16 step 2): push and pull of 100k change events through a team server
// (a private PostgreSQL, test/support/postgres.ts), goal < 10 s each. A co-reviewer's copy
// holds 100k edits (4,000 studies' notes, 25 edits each) that the server lacks; `push` is
// its whole `grove sync` (read its events, ask the server what it lacks, insert them under
// the per-review lock); `pull` is the original's whole `grove sync` (receive them, back
// up, apply through the merge code as one change, record the position). Skipped, with the
// reason, where PostgreSQL is not installed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchFigure } from './run.ts';
import { createReviewFile, openReviewFile } from '../db/src/review-file.ts';
import { recordChange, type Actor } from '../db/src/changes.ts';
import { TABLES } from '../db/src/tables.ts';
import { forkReview } from '../db/src/merge/fork.ts';
import { initTeamServer } from '../db/src/team/team-admin.ts';
import { syncReview } from '../db/src/team/sync-review.ts';
import { startPostgres } from '../test/support/postgres.ts';

const EVENTS = Number(process.env.GROVE_BENCH_SYNC_EVENTS ?? 100_000);
const STUDIES = Math.min(4_000, Math.max(1, Math.floor(EVENTS / 25)));

const actor = (name: string): Actor => ({ reviewerId: null, reviewerName: name, now: new Date().toISOString() });

export default async function run(): Promise<BenchFigure[]> {
  const started = await startPostgres();
  if (!started.ok) {
    process.stdout.write(`  team-sync skipped: ${started.reason}\n`);
    return [];
  }
  const server = started.server;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grove-sync-bench-'));
  try {
    await server.createRole('admin', 'admin-pw');
    await server.createRole('ann', 'ann-pw');
    await server.createDatabase('team', 'admin');
    const env = (pw: string) => ({ ...process.env, PGPASSWORD: pw });
    await initTeamServer(server.url('admin', 'team'), env('admin-pw'));
    const url = server.url('ann', 'team');

    const target = path.join(dir, 'target.grove');
    const other = path.join(dir, 'other.grove');
    const ids: string[] = [];
    const created = createReviewFile(target, { title: 'Sync benchmark' });
    try {
      created.db.transaction(() => {
        for (let i = 0; i < STUDIES; i++) {
          const id = `bench-study-${i}`;
          ids.push(id);
          recordChange(created.db, actor('Ann'), 'Add study', (w) =>
            w.insert(
              TABLES.study,
              { id, label: `Study ${i}`, status: 'included', identifiers: '', notes: '', created_at: 'x', updated_at: 'x' },
              'added',
            ),
          );
        }
      })();
    } finally {
      created.close();
    }
    await syncReview(target, url, { env: env('ann-pw') });
    forkReview(target, other, 'Bea');
    const copy = openReviewFile(other);
    try {
      copy.db.transaction(() => {
        for (let e = 0; e < EVENTS; e++) {
          const id = ids[e % STUDIES] ?? '';
          recordChange(copy.db, actor('Bea'), 'Edit notes', (w) => w.update(TABLES.study, id, { notes: `edit ${e}` }, () => 'notes'));
        }
      })();
    } finally {
      copy.close();
    }

    const t0 = performance.now();
    const pushed = await syncReview(other, url, { env: env('ann-pw') });
    const pushMs = performance.now() - t0;
    const t1 = performance.now();
    const pulled = await syncReview(target, url, { env: env('ann-pw') });
    const pullMs = performance.now() - t1;
    const t2 = performance.now();
    const idle = await syncReview(target, url, { env: env('ann-pw') });
    const idleMs = performance.now() - t2;
    const stored = await server.admin<{ bytes: string }>("SELECT pg_total_relation_size('grove.event')::text AS bytes", [], 'team');
    return [
      { name: `push ${pushed.pushed} change events (grove sync of the copy)`, value: pushMs, unit: 'ms', target: 10_000 },
      {
        name: `pull ${pulled.pulled} change events (grove sync of the original)`,
        value: pullMs,
        unit: 'ms',
        target: 10_000,
        note: `${pulled.applied} rows applied, ${pulled.conflicts.length} conflicts`,
      },
      { name: 'sync with nothing new (after the pull)', value: idleMs, unit: 'ms', note: `${idle.pulled} pulled, ${idle.pushed} pushed` },
      { name: 'server storage of the events', value: Number(stored[0]?.bytes ?? 0) / 1e6, unit: 'MB' },
    ];
  } finally {
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

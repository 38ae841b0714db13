// Benchmark (issue 16 step 2): push and pull of 100k change events through a team server
// (a private PostgreSQL, test/support/postgres.ts), goal < 10 s each. A co-reviewer's copy
// holds 100k edits (4,000 studies' notes, 25 edits each) that the server lacks; `push` is
// its whole `grove sync` (read its events, ask the server what it lacks, insert them under
// the per-review lock); `pull` is the original's whole `grove sync` (receive them, back
// up, apply through the merge code as one change, record the position). Skipped, with the
// reason, where PostgreSQL is not installed.
//
// The machine is shared: beside each wall time the note gives events per second, the CPU
// time of this Node process (process.cpuUsage: the client, all of grove sync but the server)
// and of the PostgreSQL server (its postmaster and every backend, from /proc), and the load
// average when the sync ended. `GROVE_BENCH_SYNC_EVENTS` sets the number of events.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchFigure } from './run.ts';
import { loadAverage } from './support/cpu-meter.ts';
import { parentPid, processTreeCpu } from './support/process-tree-cpu.ts';
import { openReviewFile } from '../db/src/review-file.ts';
import { recordChange, type Actor } from '../db/src/changes.ts';
import { TABLES } from '../db/src/tables.ts';
import { forkReview } from '../db/src/merge/fork.ts';
import { initTeamServer } from '../db/src/team/team-admin.ts';
import { syncReview } from '../db/src/team/sync-review.ts';
import { startPostgres } from '../test/support/postgres.ts';
import { createLoadReview } from '../test/support/merge-load.ts';

const EVENTS = Number(process.env.GROVE_BENCH_SYNC_EVENTS ?? 100_000);
const STUDIES = Math.min(4_000, Math.max(1, Math.floor(EVENTS / 25)));

const nodeCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface Measured<T> {
  result: T;
  wallMs: number;
  nodeCpuMs: number;
  serverCpuMs: number;
  load: string;
}

async function measure<T>(postmaster: number | null, work: () => Promise<T>): Promise<Measured<T>> {
  const serverCpu = () => (postmaster === null ? NaN : processTreeCpu(postmaster));
  const [n0, s0, t0] = [nodeCpuMs(), serverCpu(), performance.now()];
  const result = await work();
  const wallMs = performance.now() - t0;
  const n1 = nodeCpuMs();
  // The sync's backend exits when its connection closes: its time reaches the postmaster's
  // cutime when the postmaster reaps it, a moment later.
  await new Promise((r) => setTimeout(r, 1000));
  return { result, wallMs, nodeCpuMs: n1 - n0, serverCpuMs: serverCpu() - s0, load: loadAverage() };
}

const seconds = (ms: number) => (Number.isNaN(ms) ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);
function note(m: Measured<unknown>, events: number): string {
  return `${Math.round(events / (m.wallMs / 1000))} events/s; CPU: node ${seconds(m.nodeCpuMs)}, postgres ${seconds(m.serverCpuMs)}; ${m.load}`;
}

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
    const ids = Array.from({ length: STUDIES }, (_, i) => `bench-study-${i}`);
    createLoadReview(target, 'Sync benchmark', ids);
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

    // The checkpointer lives as long as the server: its parent is the postmaster.
    const checkpointer = await server.admin<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'");
    const postmaster = checkpointer[0] ? parentPid(checkpointer[0].pid) : null;
    const push = await measure(postmaster, () => syncReview(other, url, { env: env('ann-pw') }));
    const pushed = push.result;
    const pull = await measure(postmaster, () => syncReview(target, url, { env: env('ann-pw') }));
    const pulled = pull.result;
    const t2 = performance.now();
    const idle = await syncReview(target, url, { env: env('ann-pw') });
    const idleMs = performance.now() - t2;
    const stored = await server.admin<{ bytes: string }>("SELECT pg_total_relation_size('grove.event')::text AS bytes", [], 'team');
    return [
      {
        name: `push ${pushed.pushed} change events (grove sync of the copy)`,
        value: push.wallMs,
        unit: 'ms',
        target: 10_000,
        note: note(push, pushed.pushed),
      },
      {
        name: `pull ${pulled.pulled} change events (grove sync of the original)`,
        value: pull.wallMs,
        unit: 'ms',
        target: 10_000,
        note: `${pulled.applied} rows applied, ${pulled.conflicts.length} conflicts; ${note(pull, pulled.pulled)}`,
      },
      { name: 'sync with nothing new (after the pull)', value: idleMs, unit: 'ms', note: `${idle.pulled} pulled, ${idle.pushed} pushed` },
      { name: 'server storage of the events', value: Number(stored[0]?.bytes ?? 0) / 1e6, unit: 'MB' },
    ];
  } finally {
    server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

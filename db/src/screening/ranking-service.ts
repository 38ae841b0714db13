import { Worker } from 'node:worker_threads';
import { DEFAULT_MODEL, type ModelName } from '@grove/shared/screening/models';
import { addChangeObserver } from '../changes.ts';
import type { Db } from '../connection.ts';
import type { ReviewFile } from '../review-file.ts';
import { rankingWorkerEntry } from './worker-entry.ts';
import type { FromWorker, ToWorker, WorkerData, WorkerPhase } from './worker-protocol.ts';

// The backend's side of priority screening: one ranking worker per open review, started on
// first use. It is told (nudged) after every change that writes records or decisions, and
// answers with a new ranking when enough has changed; the backend keeps the latest one and
// reads the order from it without waiting, so a request never waits for a retrain.

/** Tables whose changes can change the records ranked or the decisions learnt from. */
const INPUTS = ['record', 'record_merge', 'search_log', 'screening_decision', 'screening_stage'];

export const DEFAULT_RETRAIN_EVERY = 3;

export type RankingStatus =
  { state: 'starting' } | { state: 'busy'; phase: WorkerPhase } | { state: 'ready' } | { state: 'failed'; message: string };

export interface Ranked {
  /** Every title/abstract record id, in the order to offer them (see LiveRanking.train). */
  readonly ids: readonly string[];
  /** Position of each id in `ids`. */
  readonly index: ReadonlyMap<string, number>;
  readonly includes: number;
  readonly excludes: number;
  readonly trainedAt: string;
  readonly seconds: number;
}

/**
 * Each record's position in a ranking, read through the record list's own index (built once
 * per record set) and the worker's inverse permutation: no map of 100,000 ids is built on
 * the backend's thread when a ranking arrives.
 */
class RankIndex implements ReadonlyMap<string, number> {
  constructor(
    private readonly fileIndex: ReadonlyMap<string, number>,
    private readonly rankOf: Int32Array,
  ) {}
  get size(): number {
    return this.fileIndex.size;
  }
  get(id: string): number | undefined {
    const i = this.fileIndex.get(id);
    return i === undefined ? undefined : this.rankOf[i];
  }
  has(id: string): boolean {
    return this.fileIndex.has(id);
  }
  *entries(): MapIterator<[string, number]> {
    for (const [id, i] of this.fileIndex) yield [id, this.rankOf[i]!];
  }
  *keys(): MapIterator<string> {
    yield* this.fileIndex.keys();
  }
  *values(): MapIterator<number> {
    for (const i of this.fileIndex.values()) yield this.rankOf[i]!;
  }
  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
  forEach(fn: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (const [id, rank] of this.entries()) fn(rank, id, this);
  }
}

export interface RankingServiceOptions {
  model?: ModelName;
  retrainEvery?: number;
}

export class RankingService {
  private readonly worker: Worker;
  private recordIds: readonly string[] = [];
  /** Each record's position in `recordIds` (file order), built once per record set. */
  private fileIndex: ReadonlyMap<string, number> = new Map();
  private latest: Ranked | null = null;
  private state: RankingStatus = { state: 'starting' };
  private closed = false;
  private retrainEvery: number;
  /** Resolvers waiting for the worker's next answer (tests and benchmarks). */
  private waiters: Array<() => void> = [];

  constructor(
    readonly file: ReviewFile,
    options: RankingServiceOptions = {},
  ) {
    this.retrainEvery = options.retrainEvery ?? DEFAULT_RETRAIN_EVERY;
    const entry = rankingWorkerEntry();
    const workerData: WorkerData = {
      file: file.reader.file,
      nativeBinding: file.reader.nativeBinding,
      model: options.model ?? DEFAULT_MODEL,
      retrainEvery: this.retrainEvery,
    };
    this.worker = entry.kind === 'file' ? new Worker(entry.file, { workerData }) : new Worker(entry.script, { eval: true, workerData });
    this.worker.on('message', (m: FromWorker) => this.receive(m));
    this.worker.on('error', (err) => this.fail(err.message));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.fail(`The ranking worker stopped (exit code ${code}).`);
    });
    // A ranking is never a reason to keep a process alive (after the listeners: adding one refs the worker again).
    this.worker.unref();
    addChangeObserver(file.db, (touched) => {
      if (!this.closed && touched.some((t) => INPUTS.includes(t.table))) this.send({ type: 'nudge' });
    });
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private fail(message: string): void {
    this.state = { state: 'failed', message };
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    if (waiters.length > 0 && !this.closed) this.worker.unref();
    for (const w of waiters) w();
  }

  private receive(m: FromWorker): void {
    if (m.type === 'busy') {
      this.state = { state: 'busy', phase: m.phase };
      return;
    }
    if (m.type === 'failed') return this.fail(m.message);
    if (m.ids) {
      this.recordIds = m.ids;
      this.fileIndex = new Map(m.ids.map((id, i) => [id, i]));
    }
    if (m.type === 'ranking') {
      const ids = Array.from(m.order, (i) => this.recordIds[i]!);
      const rankOf = new Int32Array(m.order.length);
      m.order.forEach((row, rank) => (rankOf[row] = rank));
      this.latest = {
        ids,
        index: new RankIndex(this.fileIndex, rankOf),
        includes: m.includes,
        excludes: m.excludes,
        trainedAt: m.trainedAt,
        seconds: m.seconds,
      };
    } else if (m.includes === 0 || m.excludes === 0 || m.ids) {
      // Nothing left to learn from (decisions undone), or a new record set the old ranking does not cover.
      this.latest = null;
    }
    this.state = { state: 'ready' };
    this.wake();
  }

  /** The latest ranking, or null before the first (no include and exclude to learn from yet). */
  ranked(): Ranked | null {
    return this.latest;
  }

  status(): RankingStatus {
    return this.state;
  }

  get retrainAfter(): number {
    return this.retrainEvery;
  }

  configure(retrainEvery: number): void {
    this.retrainEvery = retrainEvery;
    this.send({ type: 'configure', retrainEvery });
  }

  /** Asks the worker to read again now (the change observer does this after every relevant change). */
  nudge(): void {
    this.send({ type: 'nudge' });
  }

  /** Resolves at the worker's next answer (a ranking, an idle report or a failure). */
  nextAnswer(): Promise<void> {
    if (this.closed) return Promise.resolve();
    // Someone waits for the answer: the process must not end before it comes.
    this.worker.ref();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake();
    await this.worker.terminate();
  }
}

// One service per open review file, started by the first ranking call. A service whose
// file has been closed (another review opened, the window gone) is stopped at the next call.
const services = new WeakMap<ReviewFile, RankingService>();
const byDb = new WeakMap<Db, RankingService>();
const live = new Set<RankingService>();

export function rankingServiceFor(file: ReviewFile, options: RankingServiceOptions = {}): RankingService {
  for (const s of live) {
    if (!s.file.db.open) {
      live.delete(s);
      void s.close();
    }
  }
  let service = services.get(file);
  if (!service) {
    service = new RankingService(file, options);
    services.set(file, service);
    byDb.set(file.db, service);
    live.add(service);
  }
  return service;
}

/** The running service of the review open on `db`, if one was started. */
export function rankingServiceOf(db: Db): RankingService | null {
  return byDb.get(db) ?? null;
}

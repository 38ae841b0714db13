import * as z from 'zod';

// Progress of a long backend operation (importing a large export, deduplicating a review,
// merging a co-reviewer's copy, syncing with the team server: pulling, merging, pushing),
// reported by the backend as it works and shown by each host: a progress bar in the
// workbench (pushed over the HTTP host's /progress stream or Electron's progress channel),
// a line on standard error for the CLI on a terminal. Within one operation the events come
// in order: phases in their listed order, `done` never going back within a phase, and the
// last event of each phase has `done === total`.

export const PROGRESS_PHASES = ['reading', 'importing', 'comparing', 'storing', 'pulling', 'merging', 'pushing'] as const;
export type ProgressPhase = (typeof PROGRESS_PHASES)[number];

export const progressEventSchema = z.object({
  /** What is running, as the user would name it ("Importing medline.ris", "Removing duplicates"). */
  operation: z.string(),
  phase: z.enum(PROGRESS_PHASES),
  /** Units done and the total, in the phase's unit (bytes read, records written, pairs compared, changes received, merged or sent). */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type ProgressEvent = z.infer<typeof progressEventSchema>;

export type ProgressListener = (event: ProgressEvent) => void;

/** The phase's words for a progress bar's label. */
export const PROGRESS_PHASE_LABELS: Record<ProgressPhase, string> = {
  reading: 'Reading the file',
  importing: 'Writing the records',
  comparing: 'Comparing records',
  storing: 'Storing the merges and the queue',
  pulling: 'Receiving changes from the server',
  merging: 'Bringing in the changes',
  pushing: 'Sending changes to the server',
};

/** One line for a person: "Writing the records 45% (4,500 of 10,000)", bytes read in MB. */
export function describeProgress(e: ProgressEvent): string {
  const percent = e.total === 0 ? 100 : Math.floor((e.done / e.total) * 100);
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  const count =
    e.phase === 'reading' ? `${mb(e.done)} of ${mb(e.total)}` : `${e.done.toLocaleString('en')} of ${e.total.toLocaleString('en')}`;
  return `${PROGRESS_PHASE_LABELS[e.phase]} ${percent}% (${count})`;
}

/**
 * Reports one operation's progress to `listener`, at most one event per `step` of the total
 * (1% by default) within a phase, so a million-row loop costs a hundred events; the first
 * and the last (`done === total`) event of every phase are always sent.
 */
export class ProgressReporter {
  private phase: ProgressPhase | null = null;
  private total = 0;
  private lastSent = -1;
  private nextAt = 0;

  constructor(
    private readonly operation: string,
    private readonly listener: ProgressListener | undefined,
    private readonly steps = 100,
  ) {}

  /** Starts a phase of `total` units (reported at 0). */
  start(phase: ProgressPhase, total: number): void {
    this.phase = phase;
    this.total = Math.max(0, Math.floor(total));
    this.lastSent = -1;
    this.nextAt = 0;
    this.send(0);
  }

  /** `done` units of the current phase are done (calls with less than already sent are ignored). */
  update(done: number): void {
    const d = Math.min(this.total, Math.max(0, Math.floor(done)));
    if (d < this.nextAt || d <= this.lastSent) return;
    this.send(d);
  }

  /** The current phase is complete. */
  finish(): void {
    if (this.lastSent < this.total) this.send(this.total);
  }

  private send(done: number): void {
    if (!this.listener || this.phase === null) return;
    this.lastSent = done;
    this.nextAt = done + Math.max(1, Math.ceil(this.total / this.steps));
    this.listener({ operation: this.operation, phase: this.phase, done, total: this.total });
  }
}

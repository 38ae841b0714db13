import path from 'node:path';
import { ReviewFileError } from '../connection.ts';

// Long work on the open review that outlives the call's first turn of the event loop: a
// merge on its worker thread (its own connection writes the file), a sync waiting on the
// team server. While it runs, the review must stay open: closing it would release its lock
// and checkpoint it under the merge worker's writes, and a sync would come back to a closed
// connection. The backend asks this before closing or switching reviews and refuses, saying
// what runs; a host that must close (quitting, stopping `grove serve`) waits with whenIdle().

/** Closing or switching reviews was refused: long work on the open review is still running. */
export class ReviewBusyError extends ReviewFileError {
  constructor(file: string, message: string) {
    super(file, message);
    this.name = 'ReviewBusyError';
  }
}

export class ReviewWork {
  private readonly running = new Map<number, string>();
  private next = 0;
  private waiting: Array<() => void> = [];

  /** Runs `work` as long work on the open review, `what` saying what it is ("merging bob.grove"). */
  async run<T>(what: string, work: () => Promise<T>): Promise<T> {
    const id = this.next++;
    this.running.set(id, what);
    try {
      return await work();
    } finally {
      this.running.delete(id);
      if (this.running.size === 0) for (const wake of this.waiting.splice(0)) wake();
    }
  }

  /** What runs now (the earliest still running), or null. */
  current(): string | null {
    for (const what of this.running.values()) return what;
    return null;
  }

  /** Settles once nothing runs (at once when nothing does). */
  whenIdle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Throws ReviewBusyError, naming what runs, when the review at `file` may not be closed now. */
  refuseWhileBusy(file: string, doing: 'close' | 'switch'): void {
    const what = this.current();
    if (what === null) return;
    const action = doing === 'close' ? 'closing it' : 'opening another review';
    throw new ReviewBusyError(
      file,
      `${path.basename(file)} is still ${what}: wait for it to finish before ${action}. The review stays open and nothing was changed.`,
    );
  }
}

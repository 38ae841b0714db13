import { describe, expect, it } from 'vitest';
import { ReviewBusyError, ReviewWork } from '../../../db/src/service/review-work.ts';

// The backend's record of long work on the open review (a merge's worker, a sync): closing
// or switching is refused, naming the work, while any runs — a failed one included until it
// has settled — and whenIdle settles once none does.

describe('long work on the open review', () => {
  it('refuses closing and switching while work runs, names the earliest, and settles whenIdle after the last', async () => {
    const work = new ReviewWork();
    expect(work.current()).toBeNull();
    expect(() => work.refuseWhileBusy('/r/review.grove', 'close')).not.toThrow();
    await work.whenIdle();

    let endMerge!: () => void;
    let failSync!: (err: Error) => void;
    const merge = work.run('merging bob.grove', () => new Promise<string>((resolve) => (endMerge = () => resolve('merged'))));
    const sync = work.run('syncing with its team server', () => new Promise<never>((_, reject) => (failSync = reject)));
    expect(work.current()).toBe('merging bob.grove');
    expect(() => work.refuseWhileBusy('/r/review.grove', 'close')).toThrow(ReviewBusyError);
    expect(() => work.refuseWhileBusy('/r/review.grove', 'close')).toThrow(
      'review.grove is still merging bob.grove: wait for it to finish before closing it. The review stays open and nothing was changed.',
    );
    expect(() => work.refuseWhileBusy('/r/review.grove', 'switch')).toThrow(/before opening another review/);

    let idle = false;
    const idleNow = work.whenIdle().then(() => (idle = true));
    endMerge();
    expect(await merge).toBe('merged');
    expect(work.current()).toBe('syncing with its team server');
    expect(idle).toBe(false);
    failSync(new Error('offline'));
    await expect(sync).rejects.toThrow('offline');
    await idleNow;
    expect(idle).toBe(true);
    expect(work.current()).toBeNull();
    expect(() => work.refuseWhileBusy('/r/review.grove', 'switch')).not.toThrow();
  });
});

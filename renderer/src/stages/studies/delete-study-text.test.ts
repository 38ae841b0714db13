import { describe, expect, it } from 'vitest';
import { deleteStudyText } from './delete-study-text.ts';

describe('what the delete-study dialog says goes with the study', () => {
  it('names and counts each kind of data, leaving out what there is none of', () => {
    expect(deleteStudyText({ reports: 2, characteristics: 0, outcomes: 1, results: 4, judgements: 7 })).toBe(
      'The study will be removed from the review with its 2 reports, 1 outcome measured, 4 outcome results and 7 risk-of-bias judgements. You can undo this straight afterwards.',
    );
  });

  it('never says "its 0 reports"', () => {
    const none = deleteStudyText({ reports: 0, characteristics: 0, outcomes: 0, results: 0, judgements: 0 });
    expect(none).toBe(
      'The study will be removed from the review; nothing else was recorded for it. You can undo this straight afterwards.',
    );
    expect(deleteStudyText(null)).toContain('everything recorded for it');
  });
});

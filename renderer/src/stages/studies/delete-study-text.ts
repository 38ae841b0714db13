import { countsInProse, NOUNS, type StudyDependents } from '@grove/shared';

// What the delete-study dialog says will go with the study, counted, so that a reviewer
// does not delete a study's outcome data or judgements without knowing it.

export function deleteStudyText(d: StudyDependents | null): string {
  const undo = 'You can undo this straight afterwards.';
  if (!d) return `The study and everything recorded for it will be removed from the review. ${undo}`;
  const also = countsInProse([
    [d.reports, NOUNS.report],
    [d.characteristics, { one: 'extracted characteristic', many: 'extracted characteristics' }],
    [d.outcomes, { one: 'outcome measured', many: 'outcomes measured' }],
    [d.results, { one: 'outcome result', many: 'outcome results' }],
    [d.judgements, { one: 'risk-of-bias judgement', many: 'risk-of-bias judgements' }],
  ]);
  return also
    ? `The study will be removed from the review with its ${also}. ${undo}`
    : `The study will be removed from the review; nothing else was recorded for it. ${undo}`;
}

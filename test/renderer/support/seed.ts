import {
  emptyReportFields,
  emptyStudyFields,
  type ApiClient,
  type ReportFields,
  type Reviewer,
  type Study,
  type StudyFields,
} from '@grove/shared';
import { emptyRob1Assessment, type Rob1Assessment } from '@grove/shared/rob/index';

// What renderer tests set up before the app is mounted, through the client's own methods
// (never SQL): the backend fills in ids and times, and checks every value as it would the
// app's.

/** A study with its reports (the first is the primary one), included unless `study` says otherwise. */
export function addStudy(
  client: ApiClient,
  label: string,
  reports: Partial<ReportFields>[] = [],
  study: Partial<StudyFields> = {},
): Promise<Study> {
  return client.call('studies.create', {
    study: { ...emptyStudyFields(label), status: 'included', ...study },
    reports: reports.map((r, i) => ({ ...emptyReportFields(), isPrimary: i === 0, ...r })),
  });
}

export function addReviewer(client: ApiClient, name: string, initials: string): Promise<Reviewer> {
  return client.call('reviewers.create', { reviewer: { name, initials, email: '' } });
}

/** A reviewer who is also the one this session records changes as. */
export async function signInAs(client: ApiClient, name: string, initials: string): Promise<Reviewer> {
  const reviewer = await addReviewer(client, name, initials);
  await client.call('session.setReviewer', { reviewerId: reviewer.id });
  return reviewer;
}

/** Every RoB 1 domain at study level with one judgement. */
export function judgedAll(judgement: 'low' | 'high' | 'unclear'): Rob1Assessment {
  const a = emptyRob1Assessment();
  for (const k of Object.keys(a) as (keyof Rob1Assessment)[]) a[k] = { level: 'study', judgement, support: '' };
  return a;
}

/** Judges every domain of a study as `assessment` says, in the final slot or a reviewer's own. */
export async function judgeRob1(client: ApiClient, studyId: string, assessment: Rob1Assessment, slot?: string): Promise<void> {
  for (const [domain, entry] of Object.entries(assessment) as [keyof Rob1Assessment, Rob1Assessment[keyof Rob1Assessment]][])
    await client.call('rob.setDomain', { studyId, domain, entry, ...(slot ? { slot } : {}) });
}

// The stages of a review, in the order a team works through them. `available` is false
// for stages whose feature has not landed: the nav says so and the panel says so.

export type StageId = 'protocol' | 'records' | 'screening' | 'studies' | 'risk-of-bias' | 'analyses' | 'reports';

export interface StageDef {
  readonly id: StageId;
  readonly label: string;
  /** Alt+<key> switches to the stage. */
  readonly key: string;
  readonly available: boolean;
  /** The label reads as a plural ("Analyses arrive ..."). */
  readonly plural?: boolean;
  /** One line for the nav tooltip and the placeholder panel. */
  readonly purpose: string;
  /** What the stage will do, for stages that are not available yet. */
  readonly plans?: readonly string[];
}

export const STAGES: readonly StageDef[] = [
  {
    id: 'protocol',
    label: 'Protocol',
    key: '1',
    available: true,
    purpose: 'The question, eligibility criteria, searches, outcomes and planned analyses, fixed before you look at results.',
  },
  {
    id: 'records',
    label: 'Records',
    plural: true,
    key: '2',
    available: true,
    purpose: 'Import the records of your database searches, log the searches and remove duplicates.',
  },
  {
    id: 'screening',
    label: 'Screening',
    key: '3',
    available: true,
    purpose: 'Title/abstract and full-text screening against the eligibility criteria, alone or in pairs, with conflicts resolved and agreement measured.',
  },
  {
    id: 'studies',
    label: 'Studies & data',
    key: '4',
    available: true,
    purpose: 'The studies in the review, their reports, and the data extracted from them: characteristics and outcome results.',
  },
  {
    id: 'risk-of-bias',
    label: 'Risk of bias',
    key: '5',
    available: true,
    purpose: 'Risk-of-bias judgements per study, domain by domain, with the support for each, and the summary figures.',
  },
  {
    id: 'analyses',
    label: 'Analyses',
    plural: true,
    key: '6',
    available: true,
    purpose: 'Meta-analyses of every outcome and timepoint with data: forest plots, subgroups, sensitivity analyses and funnel plots.',
  },
  {
    id: 'reports',
    label: 'Reports',
    plural: true,
    key: '7',
    available: true,
    purpose: 'Tables and text ready for the review manuscript: characteristics of studies, results of the analyses, draft results text.',
  },
];

export function stageById(id: StageId): StageDef {
  const s = STAGES.find((x) => x.id === id);
  if (!s) throw new Error(`unknown stage ${id}`);
  return s;
}

import * as z from 'zod';

// The seven standard RoB 1 domains (Cochrane Handbook 5.1 ch. 8; reference
// rob2-algorithms.md §B.1) with the item names and descriptions RevMan 5.1+ writes (§B.2),
// so an .rm5 import/export can map items by name.

export const ROB1_DOMAIN_IDS = [
  'sequenceGeneration',
  'allocationConcealment',
  'blindingParticipantsPersonnel',
  'blindingOutcomeAssessment',
  'incompleteOutcomeData',
  'selectiveReporting',
  'otherBias',
] as const;
export type Rob1DomainId = (typeof ROB1_DOMAIN_IDS)[number];
export const rob1DomainIdSchema = z.enum(ROB1_DOMAIN_IDS);

/**
 * The domains RevMan lets a review judge per outcome group (`LEVEL="GROUP"`, §B.1 "Level"
 * column): performance, detection and attrition bias. The others are study-level only.
 */
export const ROB1_GROUPABLE_DOMAIN_IDS = [
  'blindingParticipantsPersonnel',
  'blindingOutcomeAssessment',
  'incompleteOutcomeData',
] as const satisfies readonly Rob1DomainId[];
export type Rob1GroupableDomainId = (typeof ROB1_GROUPABLE_DOMAIN_IDS)[number];
export type Rob1StudyLevelDomainId = Exclude<Rob1DomainId, Rob1GroupableDomainId>;

export function isRob1GroupableDomain(id: Rob1DomainId): id is Rob1GroupableDomainId {
  return (ROB1_GROUPABLE_DOMAIN_IDS as readonly string[]).includes(id);
}

export interface Rob1DomainDefinition {
  id: Rob1DomainId;
  /** Figure key, as robvis numbers them: D1…D7 in Handbook order. */
  key: string;
  /** Handbook / RevMan 5.1+ item name. */
  label: string;
  /** Short name for narrow table headers. */
  shortLabel: string;
  biasType: 'selection' | 'performance' | 'detection' | 'attrition' | 'reporting' | 'other';
  /** Whether the domain may be judged per outcome group. */
  groupable: boolean;
  /** RevMan 5 item description. */
  description: string;
  /** RevMan 5.0 question wording, for importing old files (§B.2). Null where 5.0 had no item. */
  revman50Name: string | null;
}

export const ROB1_DOMAINS: readonly Rob1DomainDefinition[] = [
  {
    id: 'sequenceGeneration',
    key: 'D1',
    label: 'Random sequence generation (selection bias)',
    shortLabel: 'Sequence generation',
    biasType: 'selection',
    groupable: false,
    description: 'Selection bias (biased allocation to interventions) due to inadequate generation of a randomised sequence',
    revman50Name: 'Adequate sequence generation?',
  },
  {
    id: 'allocationConcealment',
    key: 'D2',
    label: 'Allocation concealment (selection bias)',
    shortLabel: 'Allocation concealment',
    biasType: 'selection',
    groupable: false,
    description: 'Selection bias (biased allocation to interventions) due to inadequate concealment of allocations prior to assignment',
    revman50Name: 'Allocation concealment?',
  },
  {
    id: 'blindingParticipantsPersonnel',
    key: 'D3',
    label: 'Blinding of participants and personnel (performance bias)',
    shortLabel: 'Blinding of participants and personnel',
    biasType: 'performance',
    groupable: true,
    description: 'Performance bias due to knowledge of the allocated interventions by participants and personnel during the study',
    revman50Name: null,
  },
  {
    id: 'blindingOutcomeAssessment',
    key: 'D4',
    label: 'Blinding of outcome assessment (detection bias)',
    shortLabel: 'Blinding of outcome assessment',
    biasType: 'detection',
    groupable: true,
    description: 'Detection bias due to knowledge of the allocated interventions by outcome assessors',
    revman50Name: null,
  },
  {
    id: 'incompleteOutcomeData',
    key: 'D5',
    label: 'Incomplete outcome data (attrition bias)',
    shortLabel: 'Incomplete outcome data',
    biasType: 'attrition',
    groupable: true,
    description: 'Attrition bias due to amount, nature or handling of incomplete outcome data',
    revman50Name: 'Incomplete outcome data addressed?',
  },
  {
    id: 'selectiveReporting',
    key: 'D6',
    label: 'Selective reporting (reporting bias)',
    shortLabel: 'Selective reporting',
    biasType: 'reporting',
    groupable: false,
    description: 'Reporting bias due to selective outcome reporting',
    revman50Name: 'Free of selective reporting?',
  },
  {
    id: 'otherBias',
    key: 'D7',
    label: 'Other bias',
    shortLabel: 'Other bias',
    biasType: 'other',
    groupable: false,
    description: 'Bias due to problems not covered elsewhere in the table',
    revman50Name: 'Free of other bias?',
  },
];

export function rob1Domain(id: Rob1DomainId): Rob1DomainDefinition {
  const d = ROB1_DOMAINS.find((x) => x.id === id);
  if (!d) throw new Error(`unknown RoB 1 domain ${id}`);
  return d;
}

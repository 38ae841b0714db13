import { type StudyData } from '@grove/shared';

// Labels of an arm's role, an outcome's direction and data type.

export const ROLE_LABELS = { intervention: 'Intervention', control: 'Control' } as const;

export const DIRECTION_LABELS = { 'higher-better': 'Higher is better', 'lower-better': 'Lower is better' } as const;

export const TYPE_LABELS = { continuous: 'Continuous', dichotomous: 'Dichotomous', contrast: 'Contrast (per arm, for now)' } as const;

export type Timepoint = StudyData['timepoints'][number];

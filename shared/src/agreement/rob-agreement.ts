import type { AssessmentComparison } from '../rob/compare-assessments.ts';
import type { Rob1Judgement } from '../rob/judgements.ts';
import { ROB1_DOMAINS, type Rob1DomainId } from '../rob/rob1-domains.ts';
import type { AgreementItem } from './extraction-agreement.ts';

// The rows of the agreement report for a double risk-of-bias assessment (RoB 1): all domain
// judgements pooled, the overall judgements, then domain by domain.
export function rob1AgreementItems(c: AssessmentComparison<Rob1DomainId, Rob1Judgement>): AgreementItem[] {
  return [
    { label: 'All domain judgements', agreement: c.agreement, kappaApplies: true },
    { label: 'Overall judgements', agreement: c.overall, kappaApplies: true },
    ...ROB1_DOMAINS.map((d) => ({ label: d.shortLabel, agreement: c.byDomain[d.id], kappaApplies: true })),
  ];
}

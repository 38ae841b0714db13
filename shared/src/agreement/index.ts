// Public API of inter-rater agreement (import as '@grove/shared/agreement/index'): percent
// agreement, Cohen's κ with its 95% CI (Fleiss, Cohen & Everitt 1969) and PABAK, for any
// pair of reviewers' categorical judgements (screening, dual extraction, risk of bias).

export * from './agreement.ts';
export { kappaStandardError, kappaConfidenceInterval, Z_95 } from './kappa-se.ts';
export { pabak } from './pabak.ts';
export { formatPercent, formatKappa, formatKappaCi, kappaText, agreementSentence } from './wording.ts';
export { extractionAgreement, type AgreementItem, type ExtractionPair } from './extraction-agreement.ts';
export { agreementTable, AGREEMENT_COLUMNS, type AgreementSection } from './agreement-table.ts';
export { rob1AgreementItems } from './rob-agreement.ts';

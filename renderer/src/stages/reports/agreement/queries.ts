import { useMemo } from 'react';
import { extractionAgreement, rob1AgreementItems, type AgreementSection } from '@grove/shared/agreement/index';
import { firstError, useApiQuery, useForm, useReviewerList } from '../../../data/queries.ts';
import { queryKeys } from '../../../data/query-keys.ts';
import { useDualExtraction, useRobDouble } from '../../../store/review-prefs.ts';

// The data of the agreement report: the two reviewers the review names for dual extraction
// and for risk of bias (review settings), their comparisons (the same queries, and cache
// entries, as the Studies and Risk of bias stages), turned into the report's sections.

export interface AgreementReportData {
  readonly sections: readonly AgreementSection[];
  /** Why a stage has no section (not set up for two reviewers). */
  readonly missing: readonly string[];
  readonly loading: boolean;
  readonly error: unknown;
}

export function useAgreementReport(): AgreementReportData {
  const reviewers = useReviewerList();
  const [dual] = useDualExtraction();
  const [rob] = useRobDouble();
  const extractionOn = dual.enabled && dual.first !== null && dual.second !== null && dual.first !== dual.second;
  const robOn = rob.second !== null && rob.second !== rob.first;

  const formQuery = useForm();
  const cmpQuery = useApiQuery(
    queryKeys.characteristicsCompare('all studies', dual.first ?? '', dual.second ?? ''),
    'characteristics.compare',
    { firstSlot: dual.first ?? '-', secondSlot: dual.second ?? '-' },
    { enabled: extractionOn },
  );
  const robQuery = useApiQuery(
    [...queryKeys.robDouble, rob.first, rob.second],
    'rob.double',
    { firstSlot: rob.first, secondSlot: rob.second ?? '-' },
    { enabled: robOn },
  );

  const form = formQuery.data;
  const cmp = cmpQuery.data;
  const double = robQuery.data;
  const sections = useMemo(() => {
    const name = (slot: string) =>
      slot === 'final' ? 'the main judgements' : (reviewers.find((r) => r.id === slot)?.name ?? 'a former reviewer');
    const out: AgreementSection[] = [];
    if (extractionOn && form && cmp)
      out.push({
        heading: `Dual extraction of study characteristics: ${name(dual.first!)} and ${name(dual.second!)}`,
        items: extractionAgreement(form, cmp),
      });
    if (robOn && double)
      out.push({
        heading: `Risk of bias (RoB 1): ${name(rob.first)} and ${name(rob.second!)}, ${double.sample.length} ${double.sample.length === 1 ? 'study' : 'studies'} sampled for the second reviewer`,
        items: rob1AgreementItems(double.comparison),
      });
    return out;
  }, [extractionOn, robOn, form, cmp, double, reviewers, dual.first, dual.second, rob.first, rob.second]);

  const missing: string[] = [];
  if (!extractionOn) missing.push('Dual extraction is not set up (Studies & data: two extractors).');
  if (!robOn) missing.push('No second risk-of-bias reviewer is chosen (Risk of bias: second reviewer).');
  return {
    sections,
    missing,
    loading: (extractionOn && (!form || !cmp)) || (robOn && !double),
    error: firstError(formQuery, cmpQuery, robQuery),
  };
}

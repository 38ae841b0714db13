import type { CharacteristicContent } from '../model/characteristic.ts';
import { YES_NO_UNCLEAR } from '../model/characteristic.ts';
import type { ExtractionForm, FormField } from '../model/extraction-form.ts';
import { agreement, type Agreement } from './agreement.ts';

// Agreement between two reviewers' independent extractions. Percent agreement is over every
// value both extracted (identical content, "not reported" included). Cohen's κ needs
// categories, so it is computed per categorical field (single choice, yes/no/unclear) with
// the field's own options (plus "not reported") as the categories; for free text and
// numbers κ does not apply and only percent agreement is reported.

export interface ExtractionPair {
  readonly fieldId: string;
  readonly first: CharacteristicContent | null;
  readonly second: CharacteristicContent | null;
}

export interface AgreementItem {
  readonly label: string;
  readonly agreement: Agreement;
  /** False for comparisons where κ is meaningless (free text, numbers, mixed fields). */
  readonly kappaApplies: boolean;
}

const NOT_REPORTED = 'not reported';

/** Content as a comparable category: the value itself (JSON for lists), or "not reported". */
function category(c: CharacteristicContent): string {
  if (c.status === 'not-reported') return NOT_REPORTED;
  return typeof c.value === 'string' ? c.value : JSON.stringify(c.value);
}

function categoriesOf(field: FormField): string[] | null {
  if (field.type === 'yesNoUnclear') return [...YES_NO_UNCLEAR, NOT_REPORTED];
  if (field.type === 'singleChoice') return [...field.options.map((o) => o.id), NOT_REPORTED];
  return null;
}

export function extractionAgreement(form: ExtractionForm, pairs: readonly ExtractionPair[]): AgreementItem[] {
  const both = pairs.map((p) => [p.first === null ? null : category(p.first), p.second === null ? null : category(p.second)] as const);
  // Pooled over fields, only percent agreement (identical values) means anything.
  const all = agreement(both);
  const items: AgreementItem[] = [{ label: 'All extracted values', agreement: all, kappaApplies: false }];
  for (const field of form.fields) {
    const cats = categoriesOf(field);
    if (!cats) continue;
    const mine = pairs.filter((p) => p.fieldId === field.id);
    if (mine.length === 0) continue;
    items.push({
      label: field.label,
      agreement: agreement(
        mine.map((p) => [p.first === null ? null : category(p.first), p.second === null ? null : category(p.second)] as const),
        cats,
      ),
      kappaApplies: true,
    });
  }
  return items;
}

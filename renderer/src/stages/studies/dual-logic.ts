import { type CharacteristicContent, type FormField, type Reviewer } from '@grove/shared';

// How dual extraction names a reviewer and reads a value (pure).

export const YNU: Record<string, string> = { yes: 'Yes', no: 'No', unclear: 'Unclear' };

export function reviewerName(reviewers: readonly Reviewer[], id: string | null | undefined): string {
  if (!id) return 'nobody';
  return reviewers.find((r) => r.id === id)?.name ?? 'a former reviewer';
}

/** How a value reads in the compare view: option labels, N/R, or an em dash for "not extracted". */
export function displayContent(field: FormField, c: CharacteristicContent | null): string {
  if (!c) return '—';
  if (c.status === 'not-reported') return 'N/R';
  const label = (id: string) => field.options.find((o) => o.id === id)?.label ?? YNU[id] ?? id;
  if (Array.isArray(c.value)) return c.value.map(label).join(', ');
  if (field.type === 'singleChoice' || field.type === 'yesNoUnclear') return label(String(c.value));
  if (field.type === 'percentage') return `${c.value}%`;
  return `${c.value}${field.unit ? ` ${field.unit}` : ''}`;
}

import * as z from 'zod';
import type { FormField } from './extraction-form.ts';

// One extracted value of one form field for one study. "Not reported" (N/R) is a value
// of its own, different from "not yet extracted" (no row at all). Every value can say
// where it came from (report, page, table) and carry a comment.

export const YES_NO_UNCLEAR = ['yes', 'no', 'unclear'] as const;

export const characteristicContentSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('value'), value: z.union([z.string(), z.number(), z.array(z.string())]) }),
  z.object({ status: z.literal('not-reported') }),
]);
export type CharacteristicContent = z.infer<typeof characteristicContentSchema>;

export const characteristicValueSchema = z.object({
  studyId: z.string(),
  fieldId: z.string(),
  /** 'final' is the value the review uses; a reviewer id is that reviewer's independent extraction. */
  slot: z.string(),
  content: characteristicContentSchema,
  sourceNote: z.string().max(2000),
  comment: z.string().max(5000),
  /** For a consensus ('final') value reached from two extractions: who decided. */
  decidedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type CharacteristicValue = z.infer<typeof characteristicValueSchema>;

export const FINAL_SLOT = 'final';

/** Checks a value against its field's type; returns a message for the cell, or null. */
export function characteristicValueIssue(field: FormField, content: CharacteristicContent): string | null {
  if (content.status === 'not-reported') return null;
  const v = content.value;
  switch (field.type) {
    case 'text':
    case 'longText':
      return typeof v === 'string' ? null : 'must be text';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'must be a number';
    case 'percentage':
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a number';
      return v < 0 || v > 100 ? 'a percentage must be between 0 and 100' : null;
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) ? null : 'must be a whole number';
    case 'date':
      return typeof v === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v.length === 4 ? `${v}-01-01` : v))
        ? null
        : 'must be a date (YYYY, YYYY-MM or YYYY-MM-DD)';
    case 'singleChoice':
      return typeof v === 'string' && field.options.some((o) => o.id === v) ? null : 'choose one of the options';
    case 'multiChoice':
      if (!Array.isArray(v)) return 'choose any of the options';
      return v.every((id) => field.options.some((o) => o.id === id)) && new Set(v).size === v.length ? null : 'choose any of the options';
    case 'yesNoUnclear':
      return typeof v === 'string' && (YES_NO_UNCLEAR as readonly string[]).includes(v) ? null : 'choose yes, no or unclear';
  }
}

/** Parses what a person typed into a cell, for the field's type. */
export function parseCharacteristicInput(
  field: FormField,
  text: string,
): { ok: true; content: CharacteristicContent } | { ok: false; message: string } {
  const t = text.trim();
  if (/^n\/?r$/i.test(t) || /^not reported$/i.test(t)) return { ok: true, content: { status: 'not-reported' } };
  if (field.type === 'number' || field.type === 'percentage' || field.type === 'integer') {
    const cleaned = field.type === 'percentage' ? t.replace(/%$/, '').trim() : t;
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) return { ok: false, message: `"${t}" is not a number` };
    const content: CharacteristicContent = { status: 'value', value: Number(cleaned) };
    const issue = characteristicValueIssue(field, content);
    return issue ? { ok: false, message: issue } : { ok: true, content };
  }
  const content: CharacteristicContent = { status: 'value', value: t };
  const issue = characteristicValueIssue(field, content);
  return issue ? { ok: false, message: issue } : { ok: true, content };
}

import type * as z from 'zod';
import { STUDY_STATUSES, type ReportFields, type StudyFields, type StudyStatus } from '@grove/shared';
import { CheckboxField, NumberField, SelectField, TextField } from '../../components/fields.tsx';
import { schemaIssues } from '../protocol/validate.ts';

export const STATUS_LABELS: Readonly<Record<StudyStatus, string>> = {
  included: 'Included',
  excluded: 'Excluded',
  'awaiting-classification': 'Awaiting classification',
  ongoing: 'Ongoing',
};

export type Errors = Readonly<Record<string, string>>;

export function errorsOf(schema: z.ZodType, value: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of schemaIssues(schema, value, '__')) {
    const path = i.path.replace(/^__\.?/, '');
    const key = prefix ? (path ? `${prefix}.${path}` : prefix) : path;
    out[key] ??= i.message;
  }
  return out;
}

/** Put focus on the first field that shows an error (after React has rendered it). */
export function focusFirstInvalid(container: HTMLElement | null) {
  requestAnimationFrame(() => container?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

export function StudyFieldsForm(props: { value: StudyFields; onChange: (v: StudyFields) => void; errors: Errors; autoFocus?: boolean }) {
  const { value: s, onChange, errors } = props;
  return (
    <div className="grid-2">
      <TextField
        label="Study name"
        hint="First author and year, as the review cites it, e.g. “Smith 2019a”."
        value={s.label}
        onChange={(v) => onChange({ ...s, label: v })}
        error={errors.label}
        required
        autoFocus={props.autoFocus}
      />
      <SelectField
        label="Status"
        value={s.status}
        options={STUDY_STATUSES.map((v) => ({ value: v, label: STATUS_LABELS[v] }))}
        onChange={(v) => onChange({ ...s, status: v })}
        error={errors.status}
      />
      <TextField
        label="Identifiers"
        hint="Trial registration numbers and other identifiers."
        className="span-2"
        value={s.identifiers}
        onChange={(v) => onChange({ ...s, identifiers: v })}
        error={errors.identifiers}
      />
      <TextField
        label="Notes"
        className="span-2"
        multiline
        rows={3}
        value={s.notes}
        onChange={(v) => onChange({ ...s, notes: v })}
        error={errors.notes}
      />
    </div>
  );
}

export function ReportFieldsForm(props: {
  value: ReportFields;
  onChange: (v: ReportFields) => void;
  errors: Errors;
  /** Prefix of this report's error paths, e.g. `reports.1`. */
  prefix?: string;
  autoFocus?: boolean;
}) {
  const { value: r, onChange } = props;
  const e = (k: keyof ReportFields) => props.errors[props.prefix ? `${props.prefix}.${k}` : k];
  return (
    <div className="grid-2">
      <TextField
        label="Title"
        className="span-2"
        multiline
        rows={2}
        value={r.title}
        onChange={(v) => onChange({ ...r, title: v })}
        error={e('title')}
        autoFocus={props.autoFocus}
      />
      <TextField label="Authors" className="span-2" value={r.authors} onChange={(v) => onChange({ ...r, authors: v })} error={e('authors')} />
      <TextField label="Journal or source" value={r.journal} onChange={(v) => onChange({ ...r, journal: v })} error={e('journal')} />
      <NumberField label="Year" nullable integer value={r.year} onChange={(v) => onChange({ ...r, year: v })} error={e('year')} />
      <TextField label="DOI" placeholder="10.1000/xyz123" value={r.doi} onChange={(v) => onChange({ ...r, doi: v.trim() })} error={e('doi')} />
      <TextField label="PubMed ID" value={r.pmid} onChange={(v) => onChange({ ...r, pmid: v.trim() })} error={e('pmid')} />
      <TextField
        label="Citation in the review"
        hint="e.g. the reference number in the published review."
        value={r.citation}
        onChange={(v) => onChange({ ...r, citation: v })}
        error={e('citation')}
      />
      <CheckboxField
        label="Primary report of the study"
        checked={r.isPrimary}
        onChange={(v) => onChange({ ...r, isPrimary: v })}
        error={e('isPrimary')}
      />
      <TextField
        label="Notes"
        className="span-2"
        multiline
        rows={2}
        value={r.notes}
        onChange={(v) => onChange({ ...r, notes: v })}
        error={e('notes')}
      />
    </div>
  );
}

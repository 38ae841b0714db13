import { useEffect, useMemo, useState } from 'react';
import {
  extractionFormIssues,
  extractionFormSchema,
  FIELD_TYPE_LABELS,
  FIELD_TYPES,
  type ChoiceOption,
  type ExtractionForm,
  type FieldType,
  type FormField,
  type FormSection,
} from '@grove/shared';
import { errorMessage } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.tsx';
import { LinesField, SelectField, TextField } from '../../components/fields.tsx';
import { ItemList } from '../../components/ItemList.tsx';
import { firstError, useApiQuery, useForm } from '../../data/queries.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { useDebouncedSave } from '../../data/useDebouncedSave.ts';
import { useAppStore } from '../../store/app.ts';
import { schemaIssues } from '../protocol/validate.ts';

// The extraction form designer: sections of typed fields. The whole form is one value,
// validated with the shared schema on every edit and sent with form.update a moment after
// the last valid edit (or when focus leaves the designer). An invalid form is held back
// and the message shows at the field; nothing is lost while it is being fixed.

const SAVE_DELAY_MS = 600;
const NEW_SECTION = 'New section';
const NEW_FIELD = 'New field';
/** The status bar's entry for a design the server refused (one held back as invalid is the save's own). */
const REFUSED_KEY = 'form-refused:design';

export function isChoice(type: FieldType): boolean {
  return type === 'singleChoice' || type === 'multiChoice';
}

export function formIssues(form: ExtractionForm): { path: string; message: string }[] {
  const issues = schemaIssues(extractionFormSchema, form, '__').map((i) => ({ ...i, path: i.path.replace(/^__\.?/, '') }));
  for (const i of extractionFormIssues(form)) if (!issues.some((x) => x.path === i.path)) issues.push(i);
  return issues;
}

/** New option list from edited lines, keeping the ids of options kept or renamed in place. */
export function optionsFromLines(previous: readonly ChoiceOption[], lines: readonly string[]): ChoiceOption[] {
  const used = new Set<string>();
  const byLabel = new Map(previous.map((o) => [o.label.trim().toLowerCase(), o]));
  const labels = new Set(lines.map((l) => l.trim().toLowerCase()));
  return lines.map((label, i) => {
    const same = byLabel.get(label.trim().toLowerCase());
    if (same && !used.has(same.id)) {
      used.add(same.id);
      return { id: same.id, label };
    }
    const inPlace = previous[i];
    if (inPlace && !used.has(inPlace.id) && !labels.has(inPlace.label.trim().toLowerCase())) {
      used.add(inPlace.id);
      return { id: inPlace.id, label };
    }
    return { id: crypto.randomUUID(), label };
  });
}

function fieldLabel(f: FormField): string {
  return f.label.trim() || 'Untitled field';
}

export function FormDesigner() {
  const store = useAppStore();
  const confirm = useConfirm();
  const formQuery = useForm();
  // How many studies have a value per field (any slot): the delete warnings need only the counts.
  const countsQuery = useApiQuery(queryKeys.characteristicsCounts, 'characteristics.counts', {});
  const failure = firstError(formQuery, countsQuery);
  const loadError = failure ? errorMessage(failure) : null;
  const [form, setForm] = useState<ExtractionForm | null>(null);
  const [issues, setIssues] = useState<{ path: string; message: string }[]>([]);
  const byField = countsQuery.data;
  const valueCounts = useMemo(() => new Map(Object.entries(byField ?? {})), [byField]);
  const KEY = 'design';

  const saves = useDebouncedSave<ExtractionForm>({
    scope: 'form',
    delayMs: SAVE_DELAY_MS,
    lostTitle: 'A form change was not saved',
    describeKey: () => 'Extraction form',
    check: (_key, next) => {
      const first = formIssues(next)[0];
      return first ? `${describePath(next, first.path)}: ${first.message}` : null;
    },
    save: async (_key, snapshot) => {
      try {
        await store.getState().mutate((c) => c.call('form.update', { form: snapshot }), {
          updates: [{ key: queryKeys.form, apply: (_cached, saved) => saved }],
        });
        store.getState().setInvalid(REFUSED_KEY, null);
      } catch (err) {
        const server = issuesOfForm(err);
        if (server.length) {
          // e.g. a type or option change that would leave extracted values that no longer fit:
          // the message shows at the field, and the change is kept until it is undone or fixed.
          setIssues(server);
          const first = server[0]!;
          store.getState().setInvalid(REFUSED_KEY, `Extraction form: ${describePath(snapshot, first.path)}: ${first.message}`);
        }
        store.getState().pushToast({ title: 'The form was not saved', description: errorMessage(err), tone: 'error' });
        throw err;
      }
    },
  });
  useEffect(() => () => store.getState().setInvalid(REFUSED_KEY, null), [store]);

  // The server's form whenever it changes (first load, undo): shown unless an edit is pending.
  const server = formQuery.data;
  useEffect(() => {
    if (!server || saves.isPending(KEY)) return;
    setForm(server);
    setIssues([]);
    store.getState().setInvalid(REFUSED_KEY, null);
  }, [server, store, saves]);

  const send = () => saves.flush(KEY);

  const update = (next: ExtractionForm) => {
    setForm(next);
    setIssues(formIssues(next));
    saves.edit(KEY, next);
  };

  if (loadError) {
    return (
      <p className="notice notice--error" role="alert">
        The extraction form could not be loaded: {loadError}
      </p>
    );
  }
  if (!form) {
    return (
      <p className="muted" role="status">
        Loading the extraction form…
      </p>
    );
  }

  const issueAt = (path: string) => issues.find((i) => i.path === path)?.message;
  const optionsIssue = (k: number) =>
    issueAt(`fields.${k}.options`) ?? issues.find((i) => i.path.startsWith(`fields.${k}.options.`))?.message;
  const globalIndex = (id: string) => form.fields.findIndex((f) => f.id === id);

  const setSectionFields = (sectionId: string, fields: FormField[]) => {
    // Keep the section order of the whole list: this section's fields replace its old ones in place.
    const out: FormField[] = [];
    let inserted = false;
    for (const f of form.fields) {
      if (f.sectionId === sectionId) {
        if (!inserted) out.push(...fields);
        inserted = true;
      } else out.push(f);
    }
    if (!inserted) out.push(...fields);
    update({ ...form, fields: out });
  };

  const patchField = (id: string, patch: Partial<FormField>) => {
    update({ ...form, fields: form.fields.map((f) => (f.id === id ? { ...f, ...patch } : f)) });
  };

  const confirmFieldRemoval = async (f: FormField) => {
    const n = valueCounts.get(f.id) ?? 0;
    if (n === 0) return true;
    return confirm({
      title: `Delete the field “${fieldLabel(f)}”?`,
      description: (
        <p>
          {n === 1 ? 'One study has a value' : `${n} studies have values`} for this field. They are deleted with it. You can undo this
          straight afterwards.
        </p>
      ),
      confirmLabel: 'Delete field',
    });
  };

  return (
    <section
      className="form-designer"
      aria-labelledby="form-designer-h"
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) void send();
      }}
      onFocusCapture={(e) => {
        const t = e.target;
        if (t instanceof HTMLInputElement && (t.value === NEW_FIELD || t.value === NEW_SECTION)) t.select();
      }}
    >
      <div className="card">
        <h2 id="form-designer-h" className="card__title">
          Extraction form
        </h2>
        <p className="card__intro">
          The fields every study’s characteristics are extracted into (Table 1 of the review), in sections. Changes are saved as you go; a
          field with a problem is held back until it is fixed.
        </p>
        {form.sections.length > 1 ? (
          <nav className="form-toc" aria-label="Sections of the form">
            <span className="muted">Go to:</span>
            {form.sections.map((s, i) => {
              const n = form.fields.filter((f) => f.sectionId === s.id).length;
              return (
                <button
                  key={s.id}
                  type="button"
                  className="button button--small button--ghost"
                  onClick={() => {
                    const el = document.querySelector<HTMLElement>(`[data-item-id="${s.id.replace(/["\\]/g, '\\$&')}"]`);
                    el?.scrollIntoView({ block: 'start' });
                    el?.querySelector<HTMLElement>('input')?.focus({ preventScroll: true });
                  }}
                >
                  {i + 1}. {s.title.trim() || 'untitled'} <span className="muted">({n})</span>
                </button>
              );
            })}
          </nav>
        ) : null}
        <ItemList<FormSection>
          items={form.sections}
          onChange={(sections) => update({ ...form, sections })}
          create={() => ({ id: crypto.randomUUID(), title: NEW_SECTION, description: '' })}
          itemLabel={(s, i) => `Section ${i + 1}: ${s.title.trim() || 'untitled'}`}
          addLabel="Add section"
          emptyText="No sections yet. Add one (e.g. “Participants”), then add its fields."
          confirmRemove={async (s) => {
            const fields = form.fields.filter((f) => f.sectionId === s.id);
            const values = fields.reduce((n, f) => n + (valueCounts.get(f.id) ?? 0), 0);
            if (fields.length === 0) return true;
            return confirm({
              title: `Delete the section “${s.title}”?`,
              description: (
                <p>
                  Its {fields.length === 1 ? 'field' : `${fields.length} fields`}
                  {values ? ` and ${values} extracted ${values === 1 ? 'value' : 'values'}` : ''} are deleted with it. You can undo this
                  straight afterwards.
                </p>
              ),
              confirmLabel: 'Delete section',
            });
          }}
          onRemove={(s) =>
            update({ sections: form.sections.filter((x) => x.id !== s.id), fields: form.fields.filter((f) => f.sectionId !== s.id) })
          }
          render={(section, i, patch) => {
            const fields = form.fields.filter((f) => f.sectionId === section.id);
            return (
              <div className="form-section-editor">
                <div className="grid-2">
                  <TextField
                    label="Section title"
                    value={section.title}
                    onChange={(v) => patch({ title: v })}
                    error={issueAt(`sections.${i}.title`)}
                  />
                  <TextField
                    label="Description"
                    value={section.description}
                    onChange={(v) => patch({ description: v })}
                    error={issueAt(`sections.${i}.description`)}
                  />
                </div>
                <h3 className="form-section-editor__fields">Fields of “{section.title.trim() || 'untitled'}”</h3>
                <ItemList<FormField>
                  items={fields}
                  onChange={(fs) => setSectionFields(section.id, fs)}
                  create={() => ({
                    id: crypto.randomUUID(),
                    sectionId: section.id,
                    label: NEW_FIELD,
                    type: 'text',
                    unit: '',
                    options: [],
                    help: '',
                  })}
                  itemLabel={(f) => `${fieldLabel(f)} · ${FIELD_TYPE_LABELS[f.type].toLowerCase()}`}
                  addLabel="Add field"
                  emptyText="No fields in this section yet."
                  confirmRemove={(f) => confirmFieldRemoval(f)}
                  render={(field) => (
                    <FieldEditor
                      field={field}
                      sections={form.sections}
                      index={globalIndex(field.id)}
                      issueAt={issueAt}
                      optionsIssue={optionsIssue}
                      onPatch={(p) => patchField(field.id, p)}
                    />
                  )}
                />
              </div>
            );
          }}
        />
      </div>
    </section>
  );
}

function FieldEditor(props: {
  field: FormField;
  sections: readonly FormSection[];
  index: number;
  issueAt: (path: string) => string | undefined;
  optionsIssue: (k: number) => string | undefined;
  onPatch: (p: Partial<FormField>) => void;
}) {
  const { field: f, index: k } = props;
  const numeric = f.type === 'number' || f.type === 'integer';
  return (
    <div className="field-editor">
      <TextField label="Label" value={f.label} onChange={(v) => props.onPatch({ label: v })} error={props.issueAt(`fields.${k}.label`)} />
      <SelectField<FieldType>
        label="Type"
        value={f.type}
        options={FIELD_TYPES.map((t) => ({ value: t, label: FIELD_TYPE_LABELS[t] }))}
        onChange={(type) =>
          props.onPatch({
            type,
            options: isChoice(type) ? f.options : [],
            unit: type === 'number' || type === 'integer' ? f.unit : '',
          })
        }
        error={props.issueAt(`fields.${k}.type`)}
      />
      {numeric ? (
        <TextField
          label="Unit"
          placeholder="e.g. years"
          value={f.unit}
          onChange={(v) => props.onPatch({ unit: v })}
          error={props.issueAt(`fields.${k}.unit`)}
        />
      ) : (
        <div aria-hidden="true" />
      )}
      {props.sections.length > 1 ? (
        <SelectField
          label="Section"
          value={f.sectionId}
          options={props.sections.map((s) => ({ value: s.id, label: s.title.trim() || 'untitled' }))}
          onChange={(sectionId) => props.onPatch({ sectionId })}
          error={props.issueAt(`fields.${k}.sectionId`)}
        />
      ) : (
        <div aria-hidden="true" />
      )}
      {isChoice(f.type) ? (
        <LinesField
          label="Options"
          hint="One option per line, in the order they are offered."
          className="span-all"
          rows={Math.min(8, Math.max(3, f.options.length + 1))}
          value={f.options.map((o) => o.label)}
          onChange={(lines) => props.onPatch({ options: optionsFromLines(f.options, lines) })}
          error={props.optionsIssue(k)}
        />
      ) : null}
      <TextField
        label="Help for extractors"
        className="span-all"
        value={f.help}
        onChange={(v) => props.onPatch({ help: v })}
        error={props.issueAt(`fields.${k}.help`)}
      />
    </div>
  );
}

function issuesOfForm(err: unknown): { path: string; message: string }[] {
  const e = err as { code?: string; issues?: { path: string; message: string }[] };
  if (e?.code !== 'VALIDATION' || !e.issues) return [];
  return e.issues.map((i) => ({ ...i, path: i.path.replace(/^form\./, '') }));
}

function describePath(form: ExtractionForm, path: string): string {
  const m = /^(sections|fields)\.(\d+)/.exec(path);
  if (!m) return 'form';
  const i = Number(m[2]);
  if (m[1] === 'sections') return `section ${i + 1}`;
  const f = form.fields[i];
  return f ? `field “${fieldLabel(f)}”` : 'a field';
}

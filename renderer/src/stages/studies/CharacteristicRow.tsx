import { useEffect, useId, useRef, useState } from 'react';
import {
  parseCharacteristicInput,
  YES_NO_UNCLEAR,
  type CharacteristicContent,
  type CharacteristicValue,
  type FormField,
} from '@grove/shared';
import { errorMessage, issuesOf } from '../../api/client.ts';
import { useAppStore } from '../../store/app.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { useDebouncedSave } from '../../data/useDebouncedSave.ts';
import { Select } from '../../components/fields.tsx';

// One characteristic of a study in the extraction: its input by field type, N/R, and its
// debounced save.

export const SAVE_DELAY_MS = 500;

export const NR = '__not-reported__';

export const YNU_LABELS: Record<(typeof YES_NO_UNCLEAR)[number], string> = { yes: 'Yes', no: 'No', unclear: 'Unclear' };

export function isNrShortcut(e: React.KeyboardEvent): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN';
}

export function contentText(field: FormField, c: CharacteristicContent | null): string {
  if (!c) return '';
  if (c.status === 'not-reported') return 'N/R';
  if (field.type === 'percentage' && typeof c.value === 'number') return String(c.value);
  return Array.isArray(c.value) ? c.value.join(', ') : String(c.value);
}

export function usesText(field: FormField): boolean {
  return !['singleChoice', 'multiChoice', 'yesNoUnclear'].includes(field.type);
}

export interface Draft {
  content: CharacteristicContent | null;
  sourceNote: string;
  comment: string;
}

export function CharacteristicRow(props: {
  slot: string;
  studyId: string;
  studyLabel: string;
  field: FormField;
  value: CharacteristicValue | null;
}) {
  const { field } = props;
  const store = useAppStore();
  const ids = `c${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const statusKey = `chars:${props.studyId}:${field.id}`;
  const [text, setText] = useState(() => contentText(field, props.value?.content ?? null));
  const [content, setContent] = useState<CharacteristicContent | null>(props.value?.content ?? null);
  const [sourceNote, setSourceNote] = useState(props.value?.sourceNote ?? '');
  const [comment, setComment] = useState(props.value?.comment ?? '');
  const [error, setError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const saved = useRef<Draft>({
    content: props.value?.content ?? null,
    sourceNote: props.value?.sourceNote ?? '',
    comment: props.value?.comment ?? '',
  });

  /** The row's one key in its debounced save (one field of one study, in one slot). */
  const KEY = 'value';
  const saves = useDebouncedSave<Draft & { problem: string | null }>({
    scope: statusKey,
    delayMs: SAVE_DELAY_MS,
    describeKey: () => `${props.studyLabel}, ${field.label}`,
    lostTitle: 'An entry was not saved',
    check: (_key, next) => next.problem,
    save: async (_key, draft) => {
      const same =
        JSON.stringify(draft.content) === JSON.stringify(saved.current.content) &&
        draft.sourceNote === saved.current.sourceNote &&
        draft.comment === saved.current.comment;
      if (same) return;
      setSaving(true);
      try {
        const slot = props.slot;
        const result = await store.getState().mutate(
          (c) =>
            c.call('characteristics.set', {
              studyId: props.studyId,
              fieldId: field.id,
              ...(slot !== 'final' ? { slot } : {}),
              content: draft.content,
              ...(draft.content ? { sourceNote: draft.sourceNote, comment: draft.comment } : {}),
            }),
          {
            updates: [
              {
                key: queryKeys.characteristics(props.studyId, null),
                apply: (cached, row) => {
                  const rest = (cached as CharacteristicValue[]).filter((v) => !(v.fieldId === field.id && v.slot === slot));
                  return row ? [...rest, row] : rest;
                },
              },
            ],
          },
        );
        saved.current = { content: result?.content ?? null, sourceNote: result?.sourceNote ?? '', comment: result?.comment ?? '' };
      } catch (err) {
        const issue = issuesOf(err)[0];
        setError(issue ? issue.message : `Not saved: ${errorMessage(err)}`);
        throw err;
      } finally {
        setSaving(false);
      }
    },
  });
  const flush = () => saves.flush();

  // The server's value changed (undo, the other view): show it, unless an edit is pending.
  useEffect(() => {
    const v = props.value;
    const server: Draft = { content: v?.content ?? null, sourceNote: v?.sourceNote ?? '', comment: v?.comment ?? '' };
    if (JSON.stringify(server) === JSON.stringify(saved.current)) return;
    if (saves.isPending(KEY)) return;
    saved.current = server;
    setText(contentText(field, server.content));
    setContent(server.content);
    setSourceNote(server.sourceNote);
    setComment(server.comment);
    setError(null);
    setNoteError(null);
  }, [props.value, field, saves]);

  /** Check the whole draft; queue it when valid, hold it back (with a message) when not. */
  const stage = (next: Draft, valueError: string | null, immediate: boolean) => {
    setError(valueError);
    const needsValue = !next.content && (next.sourceNote.trim() !== '' || next.comment.trim() !== '');
    const nErr = needsValue ? 'A source or comment is kept with a value: enter the value or mark it N/R.' : null;
    setNoteError(nErr);
    saves.edit(KEY, { ...next, problem: valueError ?? nErr }, { immediate });
  };

  const onText = (t: string) => {
    setText(t);
    if (t.trim() === '') {
      setContent(null);
      stage({ content: null, sourceNote, comment }, null, false);
      return;
    }
    const parsed = parseCharacteristicInput(field, t);
    if (!parsed.ok) {
      stage({ content, sourceNote, comment }, parsed.message, false);
      return;
    }
    setContent(parsed.content);
    stage({ content: parsed.content, sourceNote, comment }, null, false);
  };

  const setValue = (c: CharacteristicContent | null, immediate = true) => {
    setContent(c);
    setText(contentText(field, c));
    stage({ content: c, sourceNote, comment }, null, immediate);
  };

  const toggleNr = () => setValue(content?.status === 'not-reported' ? null : { status: 'not-reported' });

  const nr = content?.status === 'not-reported';
  const hintId = `${ids}-hint`;
  const errorId = `${ids}-error`;
  const describedBy = [field.help ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const labelText = `${field.label}${field.unit ? ` (${field.unit})` : field.type === 'percentage' ? ' (%)' : ''}`;

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (isNrShortcut(e)) {
      e.preventDefault();
      toggleNr();
    }
  };

  let control: React.ReactNode;
  if (field.type === 'longText') {
    control = (
      <textarea
        id={`${ids}-v`}
        rows={2}
        value={text}
        placeholder="Not yet extracted"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onText(e.target.value)}
        onBlur={() => void flush()}
        onKeyDown={onKeyDown}
      />
    );
  } else if (usesText(field)) {
    control = (
      <span className="number-input">
        <input
          id={`${ids}-v`}
          type="text"
          inputMode={field.type === 'number' || field.type === 'percentage' ? 'decimal' : field.type === 'integer' ? 'numeric' : undefined}
          value={text}
          placeholder={field.type === 'date' ? 'YYYY-MM-DD' : 'Not yet extracted'}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onText(e.target.value)}
          onBlur={() => void flush()}
          onKeyDown={onKeyDown}
        />
        {field.unit || field.type === 'percentage' ? <span className="number-input__suffix">{field.unit || '%'}</span> : null}
      </span>
    );
  } else if (field.type === 'multiChoice') {
    const chosen = content?.status === 'value' && Array.isArray(content.value) ? content.value : [];
    control = (
      <fieldset className="char-multi" aria-describedby={describedBy} onKeyDown={onKeyDown} id={`${ids}-v`}>
        <legend className="visually-hidden">{labelText}</legend>
        {field.options.map((o) => (
          <label key={o.id} className="radio">
            <input
              type="checkbox"
              checked={chosen.includes(o.id)}
              onChange={(e) => {
                const next = e.target.checked
                  ? field.options.map((x) => x.id).filter((id) => id === o.id || chosen.includes(id))
                  : chosen.filter((id) => id !== o.id);
                setValue(next.length ? { status: 'value', value: next } : null);
              }}
            />
            {o.label}
          </label>
        ))}
      </fieldset>
    );
  } else {
    const options = field.type === 'yesNoUnclear' ? YES_NO_UNCLEAR.map((v) => ({ id: v, label: YNU_LABELS[v] })) : field.options;
    const current = !content ? '' : content.status === 'not-reported' ? NR : String(content.value);
    control = (
      <Select
        id={`${ids}-v`}
        value={current}
        invalid={!!error}
        aria-describedby={describedBy}
        onKeyDown={onKeyDown}
        onChange={(v) => setValue(v === '' ? null : v === NR ? { status: 'not-reported' } : { status: 'value', value: v })}
        options={[{ value: '', label: '— not yet extracted —' }, ...options.map((o) => ({ value: o.id, label: o.label }))]}
        after={[{ value: NR, label: 'Not reported (N/R)' }]}
      />
    );
  }

  return (
    <div className={`char-row${error ? ' char-row--invalid' : ''}${nr ? ' char-row--nr' : ''}`} role="row" data-field-id={field.id}>
      <div role="cell" className="char-row__label">
        <label htmlFor={`${ids}-v`} className="field__label">
          {labelText}
        </label>
        {nr ? <span className="badge badge--nr">Not reported</span> : !content ? <span className="badge badge--empty">Empty</span> : null}
        {field.help ? (
          <p id={hintId} className="field__hint">
            {field.help}
          </p>
        ) : null}
      </div>
      <div role="cell" className={`char-row__value field${error ? ' field--invalid' : ''}`}>
        <div className="char-row__control">
          {control}
          <button
            type="button"
            className={`button button--small nr-toggle${nr ? ' is-on' : ''}`}
            aria-pressed={nr}
            aria-label={`${field.label}: not reported`}
            title="Mark as not reported (Alt+Shift+N)"
            onClick={toggleNr}
          >
            N/R
          </button>
        </div>
        {error ? (
          <p id={errorId} className="field__error" role="alert">
            {error}
          </p>
        ) : null}
        {saving ? <span className="visually-hidden">Saving</span> : null}
      </div>
      <div role="cell" className={`char-row__note field${noteError ? ' field--invalid' : ''}`}>
        <input
          type="text"
          aria-label={`${field.label}: source`}
          placeholder="e.g. Report 1, p. 4, Table 2"
          title={sourceNote || undefined}
          value={sourceNote}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? `${ids}-note-error` : undefined}
          onChange={(e) => {
            setSourceNote(e.target.value);
            stage({ content, sourceNote: e.target.value, comment }, error, false);
          }}
          onBlur={() => void flush()}
          onKeyDown={onKeyDown}
        />
        {noteError ? (
          <p id={`${ids}-note-error`} className="field__error">
            {noteError}
          </p>
        ) : null}
      </div>
      <div role="cell" className="char-row__note field">
        <input
          type="text"
          aria-label={`${field.label}: comment`}
          value={comment}
          onChange={(e) => {
            setComment(e.target.value);
            stage({ content, sourceNote, comment: e.target.value }, error, false);
          }}
          onBlur={() => void flush()}
          onKeyDown={onKeyDown}
        />
      </div>
    </div>
  );
}

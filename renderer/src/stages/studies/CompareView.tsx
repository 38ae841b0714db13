import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  parseCharacteristicInput,
  YES_NO_UNCLEAR,
  type CharacteristicComparisonRow,
  type CharacteristicContent,
  type CharacteristicValue,
  type ExtractionForm,
  type FormField,
  type Study,
} from '@grove/shared';
import { errorMessage, issuesOf } from '../../api/client.ts';
import { isTextEntry } from '../../keyboard.ts';
import { useAppStore } from '../../store/app.ts';
import { firstError, useApiQuery, useReviewerList } from '../../data/queries.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { YNU, reviewerName, displayContent } from './dual-logic.ts';
import { Select } from '../../components/fields.tsx';

// Two reviewers' extraction of one study side by side: where they agree, differ or one is
// missing, and the decision that makes the final value.

export type RowStatus = 'agree' | 'disagree' | 'resolved' | 'one' | 'none';

export interface CompareRow {
  field: FormField;
  first: CharacteristicContent | null;
  second: CharacteristicContent | null;
  final: CharacteristicValue | null;
  status: RowStatus;
}

export const STATUS_TEXT: Record<RowStatus, string> = {
  agree: 'Agree',
  disagree: 'Disagree',
  resolved: 'Resolved',
  one: 'Only one extracted',
  none: 'Neither extracted',
};

export function same(a: CharacteristicContent | null, b: CharacteristicContent | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** One study, field by field: A's value, B's value, the consensus and who decided. */
export function CompareView(props: { study: Study; form: ExtractionForm; first: string; second: string }) {
  const store = useAppStore();
  const reviewers = useReviewerList();
  const [onlyDisagreements, setOnlyDisagreements] = useState(false);
  const [showUnextracted, setShowUnextracted] = useState(false);
  const [other, setOther] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const tableRef = useRef<HTMLTableElement>(null);
  const { study, form, first, second } = props;
  const nameA = reviewerName(reviewers, first);
  const nameB = reviewerName(reviewers, second);

  const cmpQuery = useApiQuery(queryKeys.characteristicsCompare(study.id, first, second), 'characteristics.compare', {
    firstSlot: first,
    secondSlot: second,
    studyId: study.id,
  });
  const valuesQuery = useApiQuery(queryKeys.characteristics(study.id, null), 'characteristics.list', { studyId: study.id });
  const failure = firstError(cmpQuery, valuesQuery);
  const loadError = failure ? errorMessage(failure) : null;
  const cmp = cmpQuery.data;
  const values = valuesQuery.data;
  const rows = useMemo<CompareRow[] | null>(() => {
    if (!cmp || !values) return null;
    const byField = new Map<string, CharacteristicComparisonRow>(cmp.map((r) => [r.fieldId, r]));
    const slotValue = (fieldId: string, slot: string) => values.find((v) => v.fieldId === fieldId && v.slot === slot) ?? null;
    return form.fields.map((field) => {
      const c = byField.get(field.id);
      const a = slotValue(field.id, first);
      const b = slotValue(field.id, second);
      const final = slotValue(field.id, 'final');
      const firstC = c?.first ?? null;
      const secondC = c?.second ?? null;
      // Resolved: a consensus recorded after both reviewers' latest extraction.
      const decidedAfter = !!final && !!a && !!b && final.updatedAt >= a.updatedAt && final.updatedAt >= b.updatedAt;
      let status: RowStatus;
      if (firstC && secondC) status = c?.agree ? 'agree' : decidedAfter ? 'resolved' : 'disagree';
      else status = firstC || secondC ? 'one' : 'none';
      return { field, first: firstC, second: secondC, final, status };
    });
  }, [cmp, values, form, first, second]);

  // J/K (or Alt+↓/↑) work from anywhere in the page while the compare view is open, except
  // while typing or in a dialog.
  const moveRef = useRef<(dir: 1 | -1) => void>(() => undefined);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.isComposing) return;
      if (document.querySelector('[role="dialog"][data-state="open"], [role="alertdialog"][data-state="open"]')) return;
      const typing = isTextEntry(e.target) || e.target instanceof HTMLSelectElement;
      const down = (e.altKey && e.key === 'ArrowDown') || (!typing && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'j');
      const up = (e.altKey && e.key === 'ArrowUp') || (!typing && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k');
      if (!down && !up) return;
      e.preventDefault();
      moveRef.current(down ? 1 : -1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const decide = async (row: CompareRow, content: CharacteristicContent, how: string) => {
    try {
      await store.getState().mutate((c) =>
        c.call('characteristics.set', {
          studyId: study.id,
          fieldId: row.field.id,
          content,
          ...(row.final ? { sourceNote: row.final.sourceNote, comment: row.final.comment } : {}),
        }),
      );
      setAnnounce(`${row.field.label}: consensus ${displayContent(row.field, content)} (${how}).`);
      setOther(null);
    } catch (err) {
      const issue = issuesOf(err)[0];
      store.getState().pushToast({
        title: 'The consensus was not saved',
        description: issue ? issue.message : errorMessage(err),
        tone: 'error',
      });
    }
  };

  if (loadError)
    return (
      <p className="notice notice--error" role="alert">
        The two extractions could not be compared: {loadError}
      </p>
    );
  if (!rows)
    return (
      <p className="muted" role="status">
        Comparing the two extractions…
      </p>
    );

  const count = (s: RowStatus) => rows.filter((r) => r.status === s).length;
  // Fields neither reviewer extracted are hidden unless asked for: the view is about the two extractions.
  const shown = rows.filter((r) =>
    onlyDisagreements ? r.status === 'disagree' || r.status === 'one' : showUnextracted || r.status !== 'none',
  );
  const targets = () => [...(tableRef.current?.querySelectorAll<HTMLElement>('tr[data-open="true"]') ?? [])];

  const move = (dir: 1 | -1) => {
    const list = targets();
    if (list.length === 0) {
      setAnnounce('No open disagreements.');
      return;
    }
    const current = list.findIndex((el) => el.contains(document.activeElement));
    const all = [...(tableRef.current?.querySelectorAll<HTMLElement>('tbody tr') ?? [])];
    let next: HTMLElement | undefined;
    if (current >= 0) next = list[(current + dir + list.length) % list.length];
    else {
      // From wherever focus is, the next open row below (or above).
      const at = all.findIndex((el) => el.contains(document.activeElement));
      next =
        dir === 1
          ? (list.find((el) => all.indexOf(el) > at) ?? list[0])
          : ([...list].reverse().find((el) => all.indexOf(el) < at || at < 0) ?? list.at(-1));
    }
    next?.focus();
    next?.scrollIntoView?.({ block: 'nearest' });
  };

  moveRef.current = move;

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const typing = isTextEntry(e.target) || e.target instanceof HTMLSelectElement;
    if (typing) return;
    const tr = (e.target as HTMLElement).closest<HTMLElement>('tr[data-field-id]');
    const row = tr ? rows.find((r) => r.field.id === tr.dataset.fieldId) : undefined;
    if (!row || e.target !== tr) return;
    const key = e.key.toLowerCase();
    if ((key === 'a' || key === '1') && row.first) {
      e.preventDefault();
      void decide(row, row.first, `${nameA}’s value`);
    } else if ((key === 'b' || key === '2') && row.second) {
      e.preventDefault();
      void decide(row, row.second, `${nameB}’s value`);
    } else if (key === 'o' || key === 'enter') {
      e.preventDefault();
      setOther(row.field.id);
    }
  };

  return (
    <div className="compare" onKeyDown={onKeyDown}>
      <div className="compare__head">
        <p className="compare__summary">
          <strong>{count('disagree')}</strong> {count('disagree') === 1 ? 'disagreement' : 'disagreements'} to resolve
          {count('resolved') ? `, ${count('resolved')} resolved` : ''}, {count('agree')} agreed, {count('one')} extracted by one reviewer
          only, {count('none')} by neither.
        </p>
        <span className="compare__filters">
          <label className="radio">
            <input type="checkbox" checked={onlyDisagreements} onChange={(e) => setOnlyDisagreements(e.target.checked)} />
            Only what needs a decision
          </label>
          {count('none') && !onlyDisagreements ? (
            <label className="radio">
              <input type="checkbox" checked={showUnextracted} onChange={(e) => setShowUnextracted(e.target.checked)} />
              Also the {count('none')} {count('none') === 1 ? 'field' : 'fields'} neither reviewer extracted
            </label>
          ) : null}
        </span>
      </div>
      <p className="muted compare__keys">
        <kbd>J</kbd>/<kbd>K</kbd> (or <kbd>Alt+↓</kbd>/<kbd>Alt+↑</kbd>) next/previous open disagreement; on a row, <kbd>A</kbd> takes{' '}
        {nameA}’s value, <kbd>B</kbd> takes {nameB}’s, <kbd>O</kbd> types another.
      </p>
      <table className="compare__table" ref={tableRef} aria-label={`${study.label}: ${nameA} (A) and ${nameB} (B) compared`}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">A: {nameA}</th>
            <th scope="col">B: {nameB}</th>
            <th scope="col">Consensus (used in the review)</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => {
            const open = row.status === 'disagree' || row.status === 'one';
            const finalText = row.final ? displayContent(row.field, row.final.content) : null;
            return (
              <tr
                key={row.field.id}
                data-field-id={row.field.id}
                data-open={open ? 'true' : undefined}
                tabIndex={-1}
                className={`compare__row compare__row--${row.status}`}
                aria-label={`${row.field.label}: ${STATUS_TEXT[row.status]}. A ${displayContent(row.field, row.first)}, B ${displayContent(row.field, row.second)}${finalText ? `, consensus ${finalText}` : ''}`}
              >
                <th scope="row">
                  <span className="compare__field">{row.field.label}</span>
                  <span className={`compare__status compare__status--${row.status}`}>{STATUS_TEXT[row.status]}</span>
                </th>
                <td className={row.status === 'disagree' ? 'compare__val is-diff' : 'compare__val'}>
                  <span>{displayContent(row.field, row.first)}</span>
                  {row.first ? (
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Use ${nameA}’s value for ${row.field.label}`}
                      aria-pressed={row.final ? same(row.final.content, row.first) : false}
                      onClick={() => void decide(row, row.first!, `${nameA}’s value`)}
                    >
                      {row.status === 'agree' ? 'Accept' : 'Use A'}
                    </button>
                  ) : null}
                </td>
                <td className={row.status === 'disagree' ? 'compare__val is-diff' : 'compare__val'}>
                  <span>{displayContent(row.field, row.second)}</span>
                  {row.second && row.status !== 'agree' ? (
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Use ${nameB}’s value for ${row.field.label}`}
                      aria-pressed={row.final ? same(row.final.content, row.second) : false}
                      onClick={() => void decide(row, row.second!, `${nameB}’s value`)}
                    >
                      Use B
                    </button>
                  ) : null}
                </td>
                <td className="compare__final">
                  {other === row.field.id ? (
                    <OtherValue
                      field={row.field}
                      onCancel={() => {
                        setOther(null);
                        requestAnimationFrame(() =>
                          tableRef.current?.querySelector<HTMLElement>(`tr[data-field-id="${row.field.id}"]`)?.focus(),
                        );
                      }}
                      onSave={(content) => void decide(row, content, 'typed')}
                    />
                  ) : (
                    <>
                      {finalText ? (
                        <span className="compare__consensus">
                          {finalText}
                          <span className="compare__who">
                            {row.final?.decidedBy
                              ? `decided by ${reviewerName(reviewers, row.final.decidedBy)}`
                              : 'entered directly, not by comparison'}
                          </span>
                        </span>
                      ) : (
                        <span className="muted">not decided</span>
                      )}
                      <button
                        type="button"
                        className="button button--small button--ghost"
                        aria-label={`Type another consensus value for ${row.field.label}`}
                        onClick={() => setOther(row.field.id)}
                      >
                        Other…
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {shown.length === 0 ? <p className="empty">Nothing needs a decision for this study.</p> : null}
      <span className="visually-hidden" role="status">
        {announce}
      </span>
    </div>
  );
}

export function OtherValue(props: { field: FormField; onSave: (c: CharacteristicContent) => void; onCancel: () => void }) {
  const { field } = props;
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = `ov${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const choice = field.type === 'singleChoice' || field.type === 'yesNoUnclear';
  const options = field.type === 'yesNoUnclear' ? YES_NO_UNCLEAR.map((v) => ({ id: v, label: YNU[v]! })) : field.options;
  const save = () => {
    if (choice) {
      if (!text) return setError('choose a value');
      return props.onSave(text === '__nr' ? { status: 'not-reported' } : { status: 'value', value: text });
    }
    if (field.type === 'multiChoice' && !/^\s*(n\/?r|not reported)\s*$/i.test(text)) {
      const labels = text
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean);
      const ids = labels.map((l) => field.options.find((o) => o.label.trim().toLowerCase() === l)?.id);
      if (ids.length === 0 || ids.some((x) => !x)) return setError(`choose from: ${field.options.map((o) => o.label).join(', ')}`);
      return props.onSave({ status: 'value', value: ids as string[] });
    }
    const parsed = parseCharacteristicInput(field, text);
    if (!parsed.ok) return setError(parsed.message);
    props.onSave(parsed.content);
  };
  return (
    <span
      className="compare__other field"
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          e.stopPropagation();
          save();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          props.onCancel();
        }
      }}
    >
      <label className="visually-hidden" htmlFor={id}>
        Consensus value for {field.label}
      </label>
      {choice ? (
        <Select
          id={id}
          autoFocus
          value={text}
          onChange={setText}
          options={[
            { value: '', label: '— choose —' },
            ...options.map((o) => ({ value: o.id, label: o.label })),
            { value: '__nr', label: 'Not reported (N/R)' },
          ]}
        />
      ) : (
        <input
          id={id}
          type="text"
          autoFocus
          value={text}
          placeholder={field.type === 'multiChoice' ? 'options, comma-separated' : 'value or N/R'}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-e` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
        />
      )}
      <button type="button" className="button button--small button--primary" onClick={save}>
        Save
      </button>
      <button type="button" className="button button--small" onClick={props.onCancel}>
        Cancel
      </button>
      {error ? (
        <span id={`${id}-e`} className="field__error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

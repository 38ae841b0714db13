import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArmResult, StudyData, StudyOutcome } from '@grove/shared';
import { queryKeys } from '../../data/query-keys.ts';
import { errorMessage, issuesOf } from '../../api/client.ts';
import { useDebouncedSave } from '../../data/useDebouncedSave.ts';
import { useAppStore } from '../../store/app.ts';
import { Calculator, type CalcUpdate } from './Calculator.tsx';
import { CellDetails, GridHead, GridHelp } from './ResultsGridParts.tsx';
import {
  checkResult,
  derivedFields,
  FIELD_LABELS,
  fieldsFor,
  formatNumber,
  kindOf,
  parsePasteBlock,
  sameResult,
  textsOf,
  type CellField,
  type CellTexts,
} from './grid-logic.ts';
import { derivOf, groupKey, pasteBlock, stepFrom, withResults, type DerivState, type Pos, type Row } from './grid-state.ts';

// The results grid of one study: rows = outcome × timepoint, columns = arms (mean/SD/N or
// events/N each). It works like a spreadsheet: ↑/↓ and Enter move down, ←/→ move at the
// edge of the text, Tab moves right, a pasted block fills cells from the active one. Each
// arm result is checked as a whole as you type; an invalid one shows its message next to
// the cell and is never sent. Derived numbers are marked, and the active cell's derivation
// (formula, inputs, reference) shows under the grid.

const SAVE_DELAY_MS = 700;

/** What waits to be saved for one arm result: its cells' texts and the derivation they came from. */
interface GroupDraft {
  readonly texts: CellTexts;
  readonly deriv: DerivState | undefined;
}

export function ResultsGrid(props: {
  data: StudyData;
  outcomeName: (o: StudyOutcome) => string;
  categoryName: (id: string | null) => string | null;
}) {
  const { data } = props;
  const studyId = data.studyId;
  const store = useAppStore();
  const arms = data.arms;
  const rows: Row[] = useMemo(() => {
    const tps = [...data.timepoints].sort((a, b) => a.weeksAfterTreatment - b.weeksAfterTreatment);
    return data.outcomes.flatMap((o) => tps.map((t) => ({ outcome: o, timepoint: t, kind: kindOf(o.dataType) })));
  }, [data]);

  const savedInit = useMemo(() => {
    const m = new Map<string, ArmResult>();
    for (const r of data.results) m.set(groupKey(r.studyOutcomeId, r.timepointId, r.armId), r.result);
    return m;
  }, [data]);

  const saved = useRef(new Map<string, ArmResult>());
  const [drafts, setDrafts] = useState<Map<string, CellTexts>>(new Map());
  const [derivs, setDerivs] = useState<Map<string, DerivState>>(new Map());
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map());
  const [active, setActive] = useState<Pos | null>(null);
  const [calc, setCalc] = useState<{ r: number; a: number } | null>(null);
  const [announce, setAnnounce] = useState('');
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;
  const derivsRef = useRef(derivs);
  derivsRef.current = derivs;
  const tableRef = useRef<HTMLDivElement>(null);

  const rowOfKey = useCallback(
    (key: string) => {
      const [o, t, a] = key.split('|');
      const row = rows.find((r) => r.outcome.id === o && r.timepoint.id === t);
      const arm = arms.find((x) => x.id === a);
      return row && arm ? { row, arm } : null;
    },
    [rows, arms],
  );

  const check = useCallback(
    (key: string, texts: CellTexts | undefined = draftsRef.current.get(key), dv: DerivState | undefined = derivsRef.current.get(key)) => {
      const where = rowOfKey(key);
      if (!where) return null;
      return checkResult(where.row.kind, texts ?? {}, where.arm, dv?.derivation ?? null, dv?.values ?? {});
    },
    [rowOfKey],
  );

  const clearServerErrors = (keys: readonly string[]) =>
    setServerErrors((prev) => {
      if (!keys.some((k) => prev.has(k))) return prev;
      const next = new Map(prev);
      for (const k of keys) next.delete(k);
      return next;
    });

  /** The cells of these groups whose checked result differs from the saved one. */
  const changedCells = (entries: readonly (readonly [string, GroupDraft])[]) =>
    entries.flatMap(([key, v]) => {
      const checked = check(key, v.texts, v.deriv);
      const where = rowOfKey(key);
      if (!checked || !where || Object.keys(checked.errors).length) return [];
      if (sameResult(saved.current.get(key) ?? null, checked.result)) return [];
      return [
        { key, studyOutcomeId: where.row.outcome.id, timepointId: where.row.timepoint.id, armId: where.arm.id, result: checked.result },
      ];
    });

  // One arm result (a group of cells) is the unit of saving: results.set for one, and
  // results.setMany for a pasted block or the calculator writing both arms, which is all or
  // nothing and one undo step. A refused save shows its message at the cell.
  const saves = useDebouncedSave<GroupDraft>({
    scope: 'results',
    delayMs: SAVE_DELAY_MS,
    lostTitle: 'A result was not saved',
    check: (key, v) => {
      const first = Object.values(check(key, v.texts, v.deriv)?.errors ?? {})[0];
      return first ?? null;
    },
    describeKey: (key) => {
      const where = rowOfKey(key);
      return where ? `${props.outcomeName(where.row.outcome)}, ${where.row.timepoint.label}, ${where.arm.label}` : key;
    },
    save: (key, v) => saveCells(changedCells([[key, v]])),
    saveMany: (entries) => saveCells(changedCells(entries)),
  });

  async function saveCells(cells: ReturnType<typeof changedCells>): Promise<void> {
    if (cells.length === 0) return;
    const sent = cells.map(({ key: _k, ...cell }) => cell);
    const [one] = sent;
    try {
      const rows =
        sent.length === 1 && one
          ? [
              await store.getState().mutate((c) => c.call('results.set', one), {
                updates: [{ key: queryKeys.studyData(studyId), apply: (cached, row) => withResults(cached as StudyData, sent, [row]) }],
              }),
            ]
          : await store.getState().mutate((c) => c.call('results.setMany', { cells: sent }), {
              updates: [{ key: queryKeys.studyData(studyId), apply: (cached, rows) => withResults(cached as StudyData, sent, rows) }],
            });
      cells.forEach((cell, i) => {
        const row = rows[i];
        if (row) saved.current.set(cell.key, row.result);
        else saved.current.delete(cell.key);
      });
      clearServerErrors(cells.map((c) => c.key));
    } catch (err) {
      // Shown at the cell, not kept for another try: the user fixes the value. In a block
      // nothing was saved: the message goes to the cell it names (cells.<i>.…), else to every cell.
      const issue = issuesOf(err)[0];
      const m = issue && cells.length > 1 ? /^cells\.(\d+)\./.exec(issue.path) : null;
      const target = m ? cells[Number(m[1])] : cells.length === 1 ? cells[0] : undefined;
      const message = issue ? issue.message : `Not saved: ${errorMessage(err)}`;
      setServerErrors((prev) => {
        const next = new Map(prev);
        for (const c of target ? [target] : cells)
          next.set(c.key, target ? message : `Not saved (the block is saved as a whole): ${message}`);
        return next;
      });
    }
  }

  // (Re)load: texts and derivations from the saved results.
  useEffect(() => {
    saved.current = new Map(savedInit);
    const d = new Map<string, CellTexts>();
    const dv = new Map<string, DerivState>();
    for (const row of rows) {
      for (const arm of arms) {
        const key = groupKey(row.outcome.id, row.timepoint.id, arm.id);
        const res = savedInit.get(key) ?? null;
        // An entry held back as invalid, or not yet saved, survives a reload (e.g. after an
        // arm was renamed, or the reply to the previous cell's save).
        const held = draftsRef.current.get(key);
        d.set(key, held && saves.isPending(key) ? held : textsOf(res, row.kind));
        const ds = derivOf(res);
        if (ds) dv.set(key, ds);
      }
    }
    setDrafts(d);
    setDerivs(dv);
    setServerErrors(new Map());
    // `saves` is one object for the component's life.
  }, [savedInit, rows, arms, saves]);

  /** Apply new texts (and derivations) to groups; `immediate` sends them at once as one change. */
  const apply = (changes: Map<string, CellTexts>, newDerivs: Map<string, DerivState | null> = new Map(), immediate = false) => {
    const nextDrafts = new Map(draftsRef.current);
    for (const [k, t] of changes) nextDrafts.set(k, t);
    const nextDerivs = new Map(derivsRef.current);
    for (const [k, d] of newDerivs) {
      if (d) nextDerivs.set(k, d);
      else nextDerivs.delete(k);
    }
    draftsRef.current = nextDrafts;
    derivsRef.current = nextDerivs;
    setDrafts(nextDrafts);
    setDerivs(nextDerivs);
    const keys = [...new Set([...changes.keys(), ...newDerivs.keys()])].filter((k) => rowOfKey(k));
    saves.editMany(
      keys.map((k) => [k, { texts: nextDrafts.get(k) ?? {}, deriv: nextDerivs.get(k) }] as const),
      { immediate },
    );
  };

  const cellId = (p: Pos) => `rg-${p.r}-${p.a}-${p.f}`;
  const focusCell = (p: Pos) => {
    const el = tableRef.current?.querySelector<HTMLInputElement>(`#${cellId(p)}`);
    if (el) {
      el.focus();
      el.select();
    }
  };

  const step = (p: Pos, dr: number, dc: number) => stepFrom(rows, arms.length, p, dr, dc);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>, p: Pos) => {
    const input = e.currentTarget;
    let to: Pos | null = null;
    if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.shiftKey)) to = step(p, 1, 0);
    else if (e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey)) to = step(p, -1, 0);
    else if (e.key === 'ArrowLeft' && input.selectionStart === 0 && !e.shiftKey) to = step(p, 0, -1);
    else if (e.key === 'ArrowRight' && input.selectionEnd === input.value.length && !e.shiftKey) to = step(p, 0, 1);
    else if (e.key === '=' || (e.altKey && e.code === 'KeyC')) {
      e.preventDefault();
      setCalc({ r: p.r, a: p.a });
      return;
    } else if (e.key === 'Escape') {
      const row = rows[p.r];
      const arm = arms[p.a];
      if (!row || !arm) return;
      const key = groupKey(row.outcome.id, row.timepoint.id, arm.id);
      const res = saved.current.get(key) ?? null;
      e.preventDefault();
      apply(new Map([[key, textsOf(res, row.kind)]]), new Map([[key, derivOf(res)]]));
      return;
    } else return;
    if (e.key === 'Enter' || e.key.startsWith('Arrow')) e.preventDefault();
    if (to) focusCell(to);
  };

  const onPaste = (e: React.ClipboardEvent<HTMLInputElement>, p: Pos) => {
    const block = parsePasteBlock(e.clipboardData.getData('text/plain'));
    if (!block) return;
    e.preventDefault();
    const { changes, filled } = pasteBlock(rows, arms, p, block, (key) => draftsRef.current.get(key));
    apply(changes, new Map(), true);
    setAnnounce(`Pasted ${filled} ${filled === 1 ? 'value' : 'values'}.`);
  };

  if (arms.length === 0 || data.outcomes.length === 0 || data.timepoints.length === 0) {
    const missing = [
      arms.length === 0 ? 'an arm' : null,
      data.outcomes.length === 0 ? 'an outcome' : null,
      data.timepoints.length === 0 ? 'a timepoint' : null,
    ].filter(Boolean);
    return <p className="empty">The results grid appears once the study has {missing.join(', ').replace(/, ([^,]*)$/, ' and $1')}.</p>;
  }

  const activeRow = active ? rows[active.r] : undefined;
  const activeArm = active ? arms[active.a] : undefined;
  const activeKey = activeRow && activeArm ? groupKey(activeRow.outcome.id, activeRow.timepoint.id, activeArm.id) : null;
  const activeField = active && activeRow ? fieldsFor(activeRow.kind)[active.f] : undefined;
  const activeDeriv = activeKey ? derivs.get(activeKey) : undefined;
  const activeIsDerived = !!(
    activeDeriv &&
    activeField &&
    derivedFields(activeDeriv.derivation).includes(activeField) &&
    isStillDerived(activeKey!, activeField)
  );

  function isStillDerived(key: string, f: CellField): boolean {
    const d = derivs.get(key);
    if (!d || !derivedFields(d.derivation).includes(f)) return false;
    const text = drafts.get(key)?.[f] ?? '';
    return text.trim() === formatNumber(d.values[f] ?? null);
  }

  // Group rows by outcome: one table per outcome (its unit of meaning), one grid for the keyboard.
  const byOutcome = data.outcomes.map((o) => ({
    outcome: o,
    rowIdx: rows.map((r, i) => (r.outcome.id === o.id ? i : -1)).filter((i) => i >= 0),
  }));
  const calcRow = calc ? rows[calc.r] : undefined;
  const calcArm = calc ? arms[calc.a] : undefined;

  return (
    <div className="results-grid" ref={tableRef}>
      <GridHelp />
      {byOutcome.map(({ outcome, rowIdx }) => {
        const kind = kindOf(outcome.dataType);
        const fields = fieldsFor(kind);
        return (
          <table key={outcome.id} className="grid-table">
            <caption>
              {props.outcomeName(outcome)}{' '}
              <span className="muted">
                — {outcome.measure}, {outcome.direction === 'higher-better' ? 'higher is better' : 'lower is better'}, {outcome.dataType}
              </span>
            </caption>
            <GridHead arms={arms} fields={fields} />
            <tbody>
              {rowIdx.map((r) => {
                const row = rows[r]!;
                const tp = row.timepoint;
                const category = props.categoryName(tp.categoryId);
                return (
                  <tr key={tp.id}>
                    <th scope="row" className="grid-table__tp">
                      {tp.label}
                      {category ? (
                        <span className={`tp-cat${tp.selected ? ' tp-cat--selected' : ''}`}>
                          {category}
                          {tp.selected ? ' ✓' : ''}
                        </span>
                      ) : null}
                    </th>
                    {arms.map((arm, a) => {
                      const key = groupKey(outcome.id, tp.id, arm.id);
                      const texts = drafts.get(key) ?? {};
                      const checked = check(key, texts, derivs.get(key));
                      const serverError = serverErrors.get(key);
                      return [
                        ...fields.map((f, fi) => {
                          const p = { r, a, f: fi };
                          const id = cellId(p);
                          const err = checked?.errors[f] ?? (serverError && fi === fields.length - 1 ? serverError : undefined);
                          const derived = isStillDerived(key, f);
                          const label = `${FIELD_LABELS[f]}, ${arm.label}, ${props.outcomeName(outcome)} at ${tp.label}`;
                          const d = derivs.get(key)?.derivation;
                          return (
                            <td key={`${arm.id}-${f}`} className={`cell${err ? ' cell--invalid' : ''}${derived ? ' cell--derived' : ''}`}>
                              <input
                                id={id}
                                type="text"
                                inputMode="decimal"
                                autoComplete="off"
                                spellCheck={false}
                                aria-label={label}
                                aria-invalid={err ? true : undefined}
                                aria-describedby={
                                  [err ? `${id}-err` : null, derived ? `${id}-how` : null].filter(Boolean).join(' ') || undefined
                                }
                                title={derived && d ? `Derived: ${d.formula} (${d.reference})` : undefined}
                                value={texts[f] ?? ''}
                                onFocus={(e) => {
                                  setActive(p);
                                  e.currentTarget.select();
                                }}
                                onBlur={(e) => {
                                  const next = e.relatedTarget as HTMLElement | null;
                                  const sameGroup = next?.id?.startsWith(`rg-${r}-${a}-`);
                                  if (!sameGroup) void saves.flush(key);
                                }}
                                onChange={(e) => apply(new Map([[key, { ...texts, [f]: e.target.value }]]))}
                                onKeyDown={(e) => onKeyDown(e, p)}
                                onPaste={(e) => onPaste(e, p)}
                              />
                              {derived ? (
                                <span id={`${id}-how`} className="visually-hidden">
                                  derived by {d?.formula}
                                </span>
                              ) : null}
                              {err ? (
                                <span id={`${id}-err`} className="cell__error">
                                  {err}
                                </span>
                              ) : null}
                            </td>
                          );
                        }),
                        <td key={`${arm.id}-calc`} className="grid-table__calc">
                          <button
                            type="button"
                            className="icon-button"
                            tabIndex={-1}
                            aria-label={`Calculate for ${arm.label}, ${props.outcomeName(outcome)} at ${tp.label}`}
                            title="Calculators (= in a cell)"
                            onClick={() => setCalc({ r, a })}
                          >
                            ƒ
                          </button>
                        </td>,
                      ];
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      })}
      <CellDetails
        title={
          activeRow && activeArm && activeField
            ? `${FIELD_LABELS[activeField]} · ${activeArm.label} · ${props.outcomeName(activeRow.outcome)} · ${activeRow.timepoint.label}`
            : null
        }
        field={activeField ?? null}
        deriv={activeIsDerived ? (activeDeriv ?? null) : null}
        entered={activeKey && activeField ? (drafts.get(activeKey)?.[activeField] ?? '').trim() !== '' : false}
      />
      <span className="visually-hidden" role="status">
        {announce}
      </span>
      {calc && calcRow && calcArm ? (
        <Calculator
          kind={calcRow.kind}
          arm={calcArm}
          arms={arms}
          rowLabel={`${props.outcomeName(calcRow.outcome)} (${calcRow.outcome.measure}) at ${calcRow.timepoint.label}`}
          texts={new Map(arms.map((a) => [a.id, drafts.get(groupKey(calcRow.outcome.id, calcRow.timepoint.id, a.id)) ?? {}]))}
          onClose={() => {
            const back = { r: calc.r, a: calc.a, f: 0 };
            setCalc(null);
            requestAnimationFrame(() => focusCell(back));
          }}
          onApply={(updates: CalcUpdate[]) => {
            const changes = new Map<string, CellTexts>();
            const newDerivs = new Map<string, DerivState | null>();
            for (const u of updates) {
              const key = groupKey(calcRow.outcome.id, calcRow.timepoint.id, u.armId);
              const texts = { ...(draftsRef.current.get(key) ?? {}) };
              for (const [f, v] of Object.entries(u.values)) texts[f as CellField] = formatNumber(v);
              changes.set(key, texts);
              newDerivs.set(key, { derivation: u.derivation, values: u.values });
            }
            apply(changes, newDerivs, true);
            const field = fieldsFor(calcRow.kind).indexOf(Object.keys(updates[0]?.values ?? {})[0] as CellField);
            const back = { r: calc.r, a: calc.a, f: Math.max(0, field) };
            setCalc(null);
            setAnnounce(`Calculated value entered for ${calcArm.label}.`);
            requestAnimationFrame(() => focusCell(back));
          }}
        />
      ) : null}
    </div>
  );
}

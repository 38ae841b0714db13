import * as Tooltip from '@radix-ui/react-tooltip';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { RobSettings, StudyRob } from '@grove/shared';
import {
  ROB1_DOMAINS,
  ROB1_JUDGEMENT_LABELS,
  rob1Entry,
  rob1JudgementOfKey,
  studyLevelJudgement,
  type Rob1DomainId,
  type Rob1GroupableDomainEntry,
  type Rob1Judgement,
} from '@grove/shared/rob/index';
import { errorMessage } from '../../api/client.ts';
import { useAppStore } from '../../store/app.ts';
import { Mark, ActiveCellDetail, SupportDialog } from './Rob1Parts.tsx';

// The RoB 1 grid: studies × the seven domains plus the overall judgement the backend
// computes with the review's rule. The grid is one tab stop; arrow keys move between cells,
// L/U/H (or 1/2/3, in the order shown: Low, Unclear, High) judge, Enter edits the support text (and, for blinding and incomplete
// outcome data, switches to per-outcome-group judgements), Delete/Backspace clears to
// "not judged". The same grid serves the main (final) judgements and a reviewer's own slot.

const OVERALL_COL = ROB1_DOMAINS.length;

export function judgementFromKey(key: string): Rob1Judgement | null {
  return rob1JudgementOfKey(key);
}

interface EditState {
  readonly studyId: string;
  readonly domain: Rob1DomainId;
}

export function Rob1Grid(props: {
  rows: StudyRob[];
  /** The query the rows come from: the grid shows its edits there at once and writes the saved rows back into it. */
  rowsKey: readonly unknown[];
  reload: () => void;
  settings: RobSettings;
  /** 'final' (the review's judgements) or a reviewer's id. */
  slot?: string;
  gridLabel: string;
  headingId: string;
  title: string;
  emptyText: string;
  /** After a judgement was saved (e.g. to recompute agreement). */
  onChanged?: () => void;
}) {
  const store = useAppStore();
  const queryClient = useQueryClient();
  const { rows, settings, rowsKey, reload } = props;
  const setRows = (update: (prev: StudyRob[]) => StudyRob[]) =>
    queryClient.setQueryData<StudyRob[]>(rowsKey, (prev) => (prev ? update(prev) : prev));
  const slot = props.slot ?? 'final';
  const [pos, setPos] = useState({ r: 0, c: 0 });
  const [edit, setEdit] = useState<EditState | null>(null);
  const [announce, setAnnounce] = useState('');
  const gridRef = useRef<HTMLTableElement>(null);

  const focusCell = (r: number, c: number) => {
    setPos({ r, c });
    requestAnimationFrame(() => gridRef.current?.querySelector<HTMLElement>(`[data-cell="${r}-${c}"]`)?.focus());
  };

  // The latest edit per study: an answer to an earlier edit must not put back what a newer
  // edit (shown at once, still on its way) replaced — "U" then "H" quickly ends at High, and
  // the support dialog opened after "H" starts from High. The rows' query is written from the
  // replies (`updates`), so no refetch started by another reply brings back the stored "U"
  // while "H" is on its way; the client sends the two in the order they were made.
  const latest = useRef(new Map<string, number>());

  const setDomain = async (row: StudyRob, domain: Rob1DomainId, entry: Rob1GroupableDomainEntry) => {
    const seq = (latest.current.get(row.studyId) ?? 0) + 1;
    latest.current.set(row.studyId, seq);
    // Show it at once; the answer (with the recomputed overall) replaces it.
    setRows((prev) => prev.map((x) => (x.studyId === row.studyId ? { ...x, assessment: { ...x.assessment, [domain]: entry } } : x)));
    try {
      const updated = await store.getState().mutate(
        (c) => c.call('rob.setDomain', { studyId: row.studyId, domain, entry, ...(slot !== 'final' ? { slot } : {}) }),
        {
          updates: [
            {
              key: rowsKey,
              apply: (cached, saved) =>
                latest.current.get(saved.studyId) === seq
                  ? (cached as StudyRob[]).map((x) => (x.studyId === saved.studyId ? saved : x))
                  : cached,
            },
          ],
        },
      );
      props.onChanged?.();
      const j = studyLevelJudgement(rob1Entry(updated.assessment, domain));
      setAnnounce(
        `${row.label}, ${ROB1_DOMAINS.find((d) => d.id === domain)?.shortLabel}: ${j ? ROB1_JUDGEMENT_LABELS[j] : 'not judged'}. Overall ${updated.overall}.`,
      );
    } catch (err) {
      store.getState().pushToast({ title: 'The judgement was not saved', description: errorMessage(err), tone: 'error' });
      void reload();
    }
  };

  const judge = (row: StudyRob, domain: Rob1DomainId, judgement: Rob1Judgement | null) => {
    const entry = rob1Entry(row.assessment, domain);
    if (entry.level === 'outcome-group') {
      store
        .getState()
        .pushToast({ title: 'Judged per outcome group', description: 'Press Enter to judge each outcome group of this domain.' });
      return;
    }
    if (entry.judgement === judgement) return;
    void setDomain(row, domain, { level: 'study', judgement, support: entry.support });
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!rows || rows.length === 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    const { r, c } = pos;
    const last = OVERALL_COL;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [r - 1, c],
      ArrowDown: [r + 1, c],
      ArrowLeft: [r, c - 1],
      ArrowRight: [r, c + 1],
      Home: [r, 0],
      End: [r, last],
      PageUp: [0, c],
      PageDown: [rows.length - 1, c],
    };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      focusCell(Math.max(0, Math.min(rows.length - 1, m[0])), Math.max(0, Math.min(last, m[1])));
      return;
    }
    const row = rows[r];
    const domain = ROB1_DOMAINS[c];
    if (!row || !domain) return; // the overall column is computed, not edited
    const j = judgementFromKey(e.key);
    if (j && !e.shiftKey) {
      e.preventDefault();
      judge(row, domain.id, j);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      judge(row, domain.id, null);
    } else if (e.key === 'Enter' || e.key === ' ' || e.key === 'F2') {
      e.preventDefault();
      setEdit({ studyId: row.studyId, domain: domain.id });
    }
  };

  const editing = edit ? rows.find((x) => x.studyId === edit.studyId) : undefined;
  const judged = rows.reduce(
    (n, row) => n + ROB1_DOMAINS.filter((d) => studyLevelJudgement(rob1Entry(row.assessment, d.id)) !== null).length,
    0,
  );

  return (
    <>
      <section className="card card--flush rob-card" aria-labelledby={props.headingId}>
        <div className="rob-card__head">
          <h2 id={props.headingId} className="card__title">
            {props.title}
          </h2>
          <p className="muted">
            {judged} of {rows.length * ROB1_DOMAINS.length} judged. In the grid: <kbd>←</kbd>
            <kbd>↑</kbd>
            <kbd>↓</kbd>
            <kbd>→</kbd> move, <kbd>L</kbd> <kbd>H</kbd> <kbd>U</kbd> (or <kbd>1</kbd> <kbd>2</kbd> <kbd>3</kbd>) judge low, high, unclear,{' '}
            <kbd>Enter</kbd> edits the support, <kbd>Delete</kbd> clears. A dot <span className="rob-dot-key" aria-hidden="true" /> marks
            support text; G, a domain judged per outcome group.
          </p>
        </div>
        {rows.length === 0 ? (
          <p className="empty">{props.emptyText}</p>
        ) : (
          <Tooltip.Provider delayDuration={200}>
            <div className="rob-grid-wrap">
              <table
                className="rob-grid"
                role="grid"
                aria-label={props.gridLabel}
                aria-describedby={props.headingId}
                ref={gridRef}
                onKeyDown={onKeyDown}
              >
                <thead>
                  <tr>
                    <th scope="col" className="rob-grid__study">
                      Study
                    </th>
                    {ROB1_DOMAINS.map((d) => (
                      <th
                        key={d.id}
                        scope="col"
                        className={`rob-grid__domain${settings.overallRule.keyDomains.includes(d.id) ? ' is-key' : ''}`}
                        title={d.label}
                      >
                        <span className="rob-grid__key">{d.key}</span>
                        <span className="rob-grid__dname">{d.shortLabel}</span>
                        {settings.overallRule.keyDomains.includes(d.id) ? <span className="rob-grid__keytag">key</span> : null}
                      </th>
                    ))}
                    <th scope="col" className="rob-grid__overall">
                      Overall
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, r) => (
                    <tr key={row.studyId}>
                      <th scope="row" className="rob-grid__study">
                        {row.label}
                      </th>
                      {ROB1_DOMAINS.map((d, c) => {
                        const entry = rob1Entry(row.assessment, d.id);
                        const j = studyLevelJudgement(entry);
                        const support =
                          entry.level === 'study' ? entry.support : entry.groups.map((g) => `${g.outcomeGroup}: ${g.support}`).join(' · ');
                        const active = pos.r === r && pos.c === c;
                        return (
                          <td
                            key={d.id}
                            role="gridcell"
                            data-cell={`${r}-${c}`}
                            tabIndex={active ? 0 : -1}
                            className={`rob-cell rob-cell--${j ?? 'none'}${active ? ' is-active' : ''}`}
                            aria-label={`${row.label}, ${d.shortLabel}: ${j ? ROB1_JUDGEMENT_LABELS[j] : 'not judged'}${entry.level === 'outcome-group' ? ' (per outcome group)' : ''}${support.trim() ? `. Support: ${support}` : ''}`}
                            title={support.trim() ? support : undefined}
                            onFocus={() => setPos({ r, c })}
                            onClick={() => focusCell(r, c)}
                            onDoubleClick={() => setEdit({ studyId: row.studyId, domain: d.id })}
                          >
                            <span className="rob-cell__inner">
                              <Mark judgement={j} />
                              {support.trim() ? <span className="rob-cell__note" aria-hidden="true" /> : null}
                              {entry.level === 'outcome-group' ? (
                                <span className="rob-cell__groups" aria-hidden="true">
                                  G
                                </span>
                              ) : null}
                            </span>
                          </td>
                        );
                      })}
                      <Tooltip.Root>
                        <Tooltip.Trigger asChild>
                          <td
                            role="gridcell"
                            data-cell={`${r}-${OVERALL_COL}`}
                            tabIndex={pos.r === r && pos.c === OVERALL_COL ? 0 : -1}
                            className={`rob-cell rob-cell--overall rob-cell--${row.overall}${pos.r === r && pos.c === OVERALL_COL ? ' is-active' : ''}`}
                            aria-label={`${row.label}, overall: ${row.overall === 'pending' ? 'pending' : ROB1_JUDGEMENT_LABELS[row.overall]}. ${row.overallReason}`}
                            onFocus={() => setPos({ r, c: OVERALL_COL })}
                            onClick={() => focusCell(r, OVERALL_COL)}
                          >
                            {row.overall === 'pending' ? (
                              <span className="rob-pending">Pending</span>
                            ) : (
                              <>
                                <Mark judgement={row.overall} />
                                <span className="rob-overall-label">{row.overall}</span>
                              </>
                            )}
                          </td>
                        </Tooltip.Trigger>
                        <Tooltip.Portal>
                          <Tooltip.Content className="tooltip" side="left" sideOffset={6}>
                            {row.overallReason}
                            <Tooltip.Arrow className="tooltip__arrow" />
                          </Tooltip.Content>
                        </Tooltip.Portal>
                      </Tooltip.Root>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Tooltip.Provider>
        )}
        <ActiveCellDetail rows={rows} pos={pos} />
        <span className="visually-hidden" role="status">
          {announce}
        </span>
      </section>
      {edit && editing ? (
        <SupportDialog
          row={editing}
          outcomeGroups={settings.outcomeGroups.map((g) => g.name)}
          domain={edit.domain}
          onClose={() => {
            setEdit(null);
            focusCell(pos.r, pos.c);
          }}
          onSave={(entry) => {
            void setDomain(editing, edit.domain, entry);
            setEdit(null);
            focusCell(pos.r, pos.c);
          }}
        />
      ) : null}
    </>
  );
}

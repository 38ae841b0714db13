import { useState } from 'react';
import type { StudyRob } from '@grove/shared';
import {
  isRob1GroupableDomain,
  judgementStyle,
  ROB1_DOMAINS,
  ROB1_JUDGEMENT_LABELS,
  ROB1_JUDGEMENTS,
  rob1Entry,
  studyLevelJudgement,
  type Rob1DomainId,
  type Rob1GroupableDomainEntry,
  type Rob1Judgement,
} from '@grove/shared/rob/index';
import { Dialog } from '../../components/Dialog.tsx';

// The RoB 1 grid's parts: a judgement mark, the active cell's detail and the support-text dialog.

export function Mark({ judgement }: { judgement: Rob1Judgement | 'pending' | null }) {
  if (judgement === null) return <span className="rob-mark rob-mark--none" aria-hidden="true" />;
  if (judgement === 'pending')
    return (
      <span className="rob-mark rob-mark--pending" aria-hidden="true">
        …
      </span>
    );
  const st = judgementStyle(judgement, 'rob1');
  return (
    <span className={`rob-mark rob-mark--${judgement}`} style={{ background: st.fill, color: st.symbolColour }} aria-hidden="true">
      {st.symbol}
    </span>
  );
}

export function ActiveCellDetail({ rows, pos }: { rows: StudyRob[]; pos: { r: number; c: number } }) {
  const row = rows[pos.r];
  if (!row) return null;
  const d = ROB1_DOMAINS[pos.c];
  if (!d) {
    return (
      <div className="rob-detail">
        <p>
          <strong>{row.label}, overall:</strong> {row.overall === 'pending' ? 'pending' : ROB1_JUDGEMENT_LABELS[row.overall]}.{' '}
          {row.overallReason}.
        </p>
      </div>
    );
  }
  const entry = rob1Entry(row.assessment, d.id);
  const j = studyLevelJudgement(entry);
  return (
    <div className="rob-detail">
      <p>
        <strong>
          {row.label}, {d.label}:
        </strong>{' '}
        {j ? ROB1_JUDGEMENT_LABELS[j] : 'not judged'}
      </p>
      {entry.level === 'study' ? (
        <p className="prewrap rob-detail__support">
          {entry.support.trim() ? entry.support : <span className="muted">No support text. Press Enter to add it.</span>}
        </p>
      ) : (
        <ul>
          {entry.groups.map((g) => (
            <li key={g.outcomeGroup}>
              {g.outcomeGroup}: {g.judgement ? ROB1_JUDGEMENT_LABELS[g.judgement] : 'not judged'} — {g.support}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SupportDialog(props: {
  row: StudyRob;
  domain: Rob1DomainId;
  /** The review's outcome groups (RoB settings), offered for blinding and incomplete outcome data. */
  outcomeGroups: string[];
  onClose: () => void;
  onSave: (e: Rob1GroupableDomainEntry) => void;
}) {
  const def = ROB1_DOMAINS.find((d) => d.id === props.domain)!;
  const initial = rob1Entry(props.row.assessment, props.domain);
  const [entry, setEntry] = useState<Rob1GroupableDomainEntry>(() =>
    // Outcome groups added in the settings since this domain was judged show up to be judged.
    initial.level === 'outcome-group'
      ? {
          ...initial,
          groups: [
            ...initial.groups,
            ...props.outcomeGroups
              .filter((g) => !initial.groups.some((x) => x.outcomeGroup === g))
              .map((g) => ({ outcomeGroup: g, judgement: null, support: '' })),
          ],
        }
      : initial,
  );
  const save = () => props.onSave(entry);
  const groupable = isRob1GroupableDomain(props.domain);
  const toGroups = () => {
    if (entry.level !== 'study') return;
    setEntry({
      level: 'outcome-group',
      groups: props.outcomeGroups.map((g) => ({ outcomeGroup: g, judgement: entry.judgement, support: entry.support })),
    });
  };
  const toStudy = () => {
    if (entry.level !== 'outcome-group') return;
    const judged = entry.groups.map((g) => g.judgement).filter((j): j is Rob1Judgement => j !== null);
    const worst = judged.includes('high') ? 'high' : judged.includes('unclear') ? 'unclear' : judged.length ? 'low' : null;
    setEntry({
      level: 'study',
      judgement: worst,
      support: entry.groups
        .filter((g) => g.support.trim())
        .map((g) => `${g.outcomeGroup}: ${g.support}`)
        .join('\n'),
    });
  };
  const levelSwitch = groupable ? (
    <div className="rob-level">
      {entry.level === 'study' ? (
        props.outcomeGroups.length ? (
          <button type="button" className="button button--small" onClick={toGroups}>
            Judge per outcome group ({props.outcomeGroups.join(', ')})
          </button>
        ) : (
          <p className="field__hint">
            To judge this domain per outcome group (e.g. self-reported and objective outcomes), name the outcome groups in the risk-of-bias
            settings first.
          </p>
        )
      ) : (
        <button type="button" className="button button--small" onClick={toStudy}>
          Judge at study level instead (keeps the worst judgement)
        </button>
      )}
    </div>
  ) : null;
  const judgementPicker = (value: Rob1Judgement | null, onChange: (j: Rob1Judgement | null) => void, name: string) => (
    <fieldset className="rob-judge">
      <legend className="field__label">Judgement</legend>
      {[...ROB1_JUDGEMENTS, null].map((j) => (
        <label key={j ?? 'none'} className="radio">
          <input type="radio" name={name} checked={value === j} onChange={() => onChange(j)} />
          {j ? ROB1_JUDGEMENT_LABELS[j] : 'Not judged'}
        </label>
      ))}
    </fieldset>
  );
  return (
    <Dialog
      open
      onOpenChange={(o) => (o ? undefined : props.onClose())}
      title={`${props.row.label}: ${def.label}`}
      description={def.description}
      wide
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="button" className="button button--primary" onClick={save}>
            Save <kbd>Ctrl+Enter</kbd>
          </button>
        </>
      }
    >
      <div
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          }
        }}
      >
        {levelSwitch}
        {entry.level === 'study' ? (
          <>
            {judgementPicker(entry.judgement, (judgement) => setEntry({ ...entry, judgement }), 'j')}
            <div className="field">
              <label className="field__label" htmlFor="rob-support">
                Support for judgement
              </label>
              <p className="field__hint" id="rob-support-hint">
                Quotes from the reports and your reasoning.
              </p>
              <textarea
                id="rob-support"
                rows={7}
                autoFocus
                aria-describedby="rob-support-hint"
                value={entry.support}
                onChange={(e) => setEntry({ ...entry, support: e.target.value })}
              />
            </div>
          </>
        ) : (
          entry.groups.map((g, i) => (
            <div key={g.outcomeGroup} className="item-card">
              <div className="item-card__head">
                <span className="item-card__title">{g.outcomeGroup}</span>
              </div>
              <div className="item-card__body">
                {judgementPicker(
                  g.judgement,
                  (judgement) => setEntry({ ...entry, groups: entry.groups.map((x, k) => (k === i ? { ...x, judgement } : x)) }),
                  `j${i}`,
                )}
                <div className="field">
                  <label className="field__label" htmlFor={`rob-support-${i}`}>
                    Support for judgement
                  </label>
                  <textarea
                    id={`rob-support-${i}`}
                    rows={4}
                    value={g.support}
                    onChange={(e) =>
                      setEntry({ ...entry, groups: entry.groups.map((x, k) => (k === i ? { ...x, support: e.target.value } : x)) })
                    }
                  />
                </div>
              </div>
            </div>
          ))
        )}
      </div>
    </Dialog>
  );
}

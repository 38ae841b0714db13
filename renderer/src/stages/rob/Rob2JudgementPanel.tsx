import { useId, useState } from 'react';
import {
  confirmRob2Judgement,
  rob2JudgementStatus,
  ROB2_JUDGEMENT_LABELS,
  ROB2_JUDGEMENTS,
  type Rob2Judgement,
  type Rob2JudgementRecord,
  type Rob2JudgementStatus,
} from '@grove/shared/rob/index';
import { Rob2Mark, rob2Label } from './Rob2Mark.tsx';

// A RoB 2 domain's (or the overall) judgement: the algorithm's proposal, and the reviewer's
// acceptance or override with a reason.

export const STATUS_TEXT: Record<Rob2JudgementStatus, string> = {
  incomplete: 'Waiting for answers',
  'awaiting-confirmation': 'Proposal not yet accepted',
  confirmed: 'Accepted',
  overridden: 'Overridden',
  'needs-review': 'Answers changed since the decision: look again',
};

/** Proposal, decision (accept or override with a reason) and support text of a domain or the overall. */
export function JudgementPanel(props: {
  label: string;
  record: Rob2JudgementRecord;
  waitingFor: string | null;
  onChange: (r: Rob2JudgementRecord) => void;
}) {
  const { record } = props;
  const id = `jp${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const status = rob2JudgementStatus(record);
  const [overriding, setOverriding] = useState(false);
  const [choice, setChoice] = useState<Rob2Judgement | ''>('');
  const [reason, setReason] = useState(record.final?.overrideReason ?? '');
  const [error, setError] = useState<string | null>(null);
  const [support, setSupport] = useState(record.support);
  const effective = record.final?.judgement ?? record.proposed;

  const decide = (j: Rob2Judgement, why?: string) => {
    const res = confirmRob2Judgement(record, j, why);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    setError(null);
    setOverriding(false);
    props.onChange(res.record);
  };

  return (
    <div className={`rob2-judgement rob2-judgement--${status}`} aria-label={`${props.label}: judgement`} role="group">
      <div className="rob2-judgement__row">
        <span className="rob2-judgement__proposal" data-testid="proposal">
          Proposed: <Rob2Mark judgement={record.proposed} />{' '}
          <strong>{record.proposed ? ROB2_JUDGEMENT_LABELS[record.proposed] : '—'}</strong>
          {record.proposed === null && props.waitingFor ? <span className="muted"> (waiting for {props.waitingFor})</span> : null}
        </span>
        <span className="rob2-judgement__final">
          Judgement: <Rob2Mark judgement={effective} /> <strong>{rob2Label(effective)}</strong>{' '}
          <span className={`rob2-status rob2-status--${status}`}>{STATUS_TEXT[status]}</span>
        </span>
        <span className="button-row">
          {record.proposed !== null && !(status === 'confirmed') ? (
            <button type="button" className="button button--small button--primary" onClick={() => decide(record.proposed!)}>
              Accept {ROB2_JUDGEMENT_LABELS[record.proposed]}
            </button>
          ) : null}
          <button
            type="button"
            className="button button--small"
            aria-expanded={overriding}
            aria-controls={`${id}-ov`}
            onClick={() => {
              setOverriding(!overriding);
              setError(null);
            }}
          >
            Override…
          </button>
        </span>
      </div>
      {status === 'overridden' && record.final?.overrideReason ? (
        <p className="rob2-judgement__reason">
          Overridden from {record.final.basedOnProposal ? ROB2_JUDGEMENT_LABELS[record.final.basedOnProposal] : 'no proposal'}:{' '}
          {record.final.overrideReason}
        </p>
      ) : null}
      {overriding ? (
        <div className="rob2-override" id={`${id}-ov`}>
          <fieldset className="rob-judge">
            <legend className="field__label">Your judgement</legend>
            {ROB2_JUDGEMENTS.map((j) => (
              <label key={j} className="radio">
                <input type="radio" name={`${id}-j`} checked={choice === j} onChange={() => setChoice(j)} />
                {ROB2_JUDGEMENT_LABELS[j]}
              </label>
            ))}
          </fieldset>
          <div className={`field${error ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor={`${id}-reason`}>
              Reason for overriding the proposal
            </label>
            <textarea
              id={`${id}-reason`}
              rows={2}
              value={reason}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-err` : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            {error ? (
              <p id={`${id}-err`} className="field__error" role="alert">
                {error}
              </p>
            ) : null}
          </div>
          <div className="button-row">
            <button
              type="button"
              className="button button--small button--primary"
              onClick={() => (choice ? decide(choice, reason) : setError('choose a judgement'))}
            >
              Record this judgement
            </button>
            <button type="button" className="button button--small" onClick={() => setOverriding(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <div className="field rob2-support">
        <label className="field__label" htmlFor={`${id}-support`}>
          Support for the judgement ({props.label})
        </label>
        <textarea
          id={`${id}-support`}
          rows={2}
          value={support}
          placeholder="Quotes from the reports and your reasoning"
          onChange={(e) => setSupport(e.target.value)}
          onBlur={() => {
            if (support !== record.support) props.onChange({ ...record, support });
          }}
        />
      </div>
    </div>
  );
}

import type { Dispatch, SetStateAction } from 'react';
import { CERTAINTY_LEVELS, computedCertainty, type CertaintyLevel, type GradeAssessment } from '@grove/shared';
import { Select } from '../../components/fields.tsx';

// Overriding the computed GRADE level: the final level and the reason, which is required.

const LEVEL_NAMES: Record<CertaintyLevel, string> = { 'very-low': 'Very low', low: 'Low', moderate: 'Moderate', high: 'High' };

export function GradeOverride(props: {
  uid: string;
  draft: GradeAssessment;
  setDraft: Dispatch<SetStateAction<GradeAssessment>>;
  error: string | null;
}) {
  return (
    <fieldset className="grade__override">
      <legend className="field__label">Override</legend>
      <label className="radio">
        <input
          type="checkbox"
          checked={props.draft.override !== null}
          onChange={(e) =>
            props.setDraft((x) => ({
              ...x,
              override: e.target.checked ? { level: computedCertainty(x), reason: '' } : null,
            }))
          }
        />
        Judge the certainty differently from the computed level
      </label>
      {props.draft.override ? (
        <div className="grade__override-fields">
          <div className="field">
            <label className="field__label" htmlFor={`${props.uid}-override-level`}>
              Final certainty
            </label>
            <Select<CertaintyLevel>
              id={`${props.uid}-override-level`}
              value={props.draft.override.level}
              onChange={(level) => props.setDraft((x) => ({ ...x, override: { ...x.override!, level } }))}
              options={[...CERTAINTY_LEVELS].reverse().map((l) => ({ value: l, label: LEVEL_NAMES[l] }))}
            />
          </div>
          <div className={`field grade-reason${props.error ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor={`${props.uid}-override-reason`}>
              Why the computed level is overridden <span className="grade-required"> required</span>
            </label>
            <textarea
              id={`${props.uid}-override-reason`}
              rows={2}
              value={props.draft.override.reason}
              aria-invalid={props.error ? true : undefined}
              aria-describedby={props.error ? `${props.uid}-override-reason-error` : undefined}
              onChange={(e) => props.setDraft((x) => ({ ...x, override: { ...x.override!, reason: e.target.value } }))}
            />
            {props.error ? (
              <p id={`${props.uid}-override-reason-error`} className="field__error">
                {props.error}
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}

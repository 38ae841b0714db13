import type { EffectSize } from '@grove/shared';
import { Select } from '../../components/fields.tsx';

// What the rating will print: the summary-of-findings footnotes (a missing reason shows as
// such) and a draft informative statement for the size of effect the reviewer judges.

export const SIZE_LABELS: Record<EffectSize, string> = {
  large: 'Large',
  moderate: 'Moderate',
  small: 'Small',
  trivial: 'Trivial, small unimportant or none',
};

export function GradePreview(props: {
  notes: readonly string[];
  direction: 'reduction' | 'increase' | null;
  statement: string | null;
  size: EffectSize | '';
  onSize: (s: EffectSize | '') => void;
  uid: string;
  hasIntervention: boolean;
}) {
  return (
    <div className="grade__preview">
      <h4 className="grade__subtitle">Footnotes in the summary of findings</h4>
      {props.notes.length ? (
        <ol className="grade__notes" type="a" data-testid="grade-footnotes">
          {props.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ol>
      ) : (
        <p className="muted">None: the evidence is not rated down or up.</p>
      )}

      <h4 className="grade__subtitle">Informative statement</h4>
      {props.direction ? (
        <>
          <div className="field grade__size">
            <label className="field__label" htmlFor={`${props.uid}-size`}>
              Size of the effect (your judgement, not the P value)
            </label>
            <Select<EffectSize | ''>
              id={`${props.uid}-size`}
              value={props.size}
              onChange={props.onSize}
              options={[
                { value: '', label: '— choose —' },
                ...(Object.keys(SIZE_LABELS) as EffectSize[]).map((s) => ({ value: s, label: SIZE_LABELS[s] })),
              ]}
            />
          </div>
          <p className="grade__statement" data-testid="grade-statement">
            {props.statement ?? <span className="muted">Choose the size of the effect to draft the statement.</span>}
          </p>
          {!props.hasIntervention ? (
            <p className="field__hint">Name the intervention under Reports → Summary of findings to use it here.</p>
          ) : null}
        </>
      ) : (
        <p className="muted">There is no pooled estimate, so no statement is drafted.</p>
      )}
    </div>
  );
}

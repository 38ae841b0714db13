import type { Reviewer } from '@grove/shared';
import { Select } from './fields.tsx';

// A labelled choice of one of the review's reviewers, as the RoB second-reviewer and the
// dual-extraction pickers ask it: an optional "nobody" entry first, options of the stage's
// own before the reviewers, and the reviewer chosen in the other picker disabled.

export interface ReviewerSelectProps {
  readonly id: string;
  readonly label: string;
  readonly reviewers: readonly Reviewer[];
  /** A reviewer id, a `lead` option's value, or '' for the `empty` entry. */
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The text of the '' entry ("— choose —"); none when absent. */
  readonly empty?: string;
  /** Options before the reviewers. */
  readonly lead?: readonly { readonly value: string; readonly label: string }[];
  /** The reviewer that cannot be chosen here (chosen in the other picker). */
  readonly disabledId?: string | null | undefined;
  readonly nameOf?: (r: Reviewer) => string;
}

export function ReviewerSelect(props: ReviewerSelectProps) {
  const nameOf = props.nameOf ?? ((r: Reviewer) => r.name);
  return (
    <div className="field">
      <label className="field__label" htmlFor={props.id}>
        {props.label}
      </label>
      <Select
        id={props.id}
        value={props.value}
        onChange={props.onChange}
        options={[
          ...(props.empty !== undefined ? [{ value: '', label: props.empty }] : []),
          ...(props.lead ?? []),
          ...props.reviewers.map((r) => ({ value: r.id, label: nameOf(r), disabled: r.id === props.disabledId })),
        ]}
      />
    </div>
  );
}

import { useRef, useState } from 'react';
import { reviewerFieldsSchema, type ReviewerFields } from '@grove/shared';
import { errorMessage, issuesOf } from '../api/client.ts';
import { useReviewerList } from '../data/queries.ts';
import { useApp } from '../store/app.ts';
import { errorsOf, focusFirstInvalid } from '../stages/studies/forms.tsx';
import { Dialog } from './Dialog.tsx';
import { TextField } from './fields.tsx';

/** "Who am I": the reviewer recorded in the audit log for this session; add a reviewer. */
export function ReviewerDialog() {
  const open = useApp((s) => s.reviewerDialogOpen);
  const setOpen = useApp((s) => s.setReviewerDialogOpen);
  const reviewers = useReviewerList();
  const reviewerId = useApp((s) => s.reviewerId);
  const setReviewer = useApp((s) => s.setReviewer);
  const createReviewer = useApp((s) => s.createReviewer);
  const [fields, setFields] = useState<ReviewerFields>({ name: '', initials: '', email: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const choose = async (id: string | null) => {
    try {
      await setReviewer(id);
      setFailure(null);
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };

  const add = async () => {
    const e = errorsOf(reviewerFieldsSchema, fields);
    setErrors(e);
    if (Object.keys(e).length) {
      focusFirstInvalid(formRef.current);
      return;
    }
    try {
      const r = await createReviewer(fields);
      await setReviewer(r.id);
      setFields({ name: '', initials: '', email: '' });
      setFailure(null);
    } catch (err) {
      const issues = issuesOf(err);
      if (issues.length) setErrors(Object.fromEntries(issues.map((i) => [i.path, i.message])));
      setFailure(`Not added: ${errorMessage(err)}`);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Who is reviewing?"
      description="Changes you make are recorded in the activity log under this name."
    >
      <fieldset className="reviewer-choice">
        <legend>Reviewer for this session</legend>
        {reviewers.length === 0 ? <p className="muted">No reviewers yet. Add yourself below.</p> : null}
        {reviewers.map((r) => (
          <label key={r.id} className="radio">
            <input type="radio" name="reviewer" checked={r.id === reviewerId} onChange={() => void choose(r.id)} />
            <span>
              {r.name}
              {r.initials ? <span className="muted"> ({r.initials})</span> : null}
            </span>
          </label>
        ))}
      </fieldset>
      <form
        ref={formRef}
        className="reviewer-add"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <h3>Add a reviewer</h3>
        <div className="grid-2">
          <TextField label="Name" value={fields.name} onChange={(v) => setFields({ ...fields, name: v })} error={errors.name} />
          <TextField
            label="Initials"
            value={fields.initials}
            onChange={(v) => setFields({ ...fields, initials: v })}
            error={errors.initials}
          />
          <TextField
            label="E-mail (optional)"
            type="email"
            className="span-2"
            value={fields.email}
            onChange={(v) => setFields({ ...fields, email: v.trim() })}
            error={errors.email}
          />
        </div>
        {failure ? (
          <p className="dialog__failure" role="alert">
            {failure}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button type="submit" className="button button--primary">
            Add and use this reviewer
          </button>
        </div>
      </form>
    </Dialog>
  );
}

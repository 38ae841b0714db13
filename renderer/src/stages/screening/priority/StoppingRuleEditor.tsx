import { useState } from 'react';
import type { StoppingRuleArg } from '@grove/shared';
import { TextField } from '../../../components/fields.tsx';
import { ruleDraftOf, ruleOf, sameRule, type StoppingRuleDraft } from './stopping-rule-form.ts';

// The review's stopping rule and its parameters, as stored with the screening settings: the
// same for every reviewer and kept in the file. Saving it is one change in the activity log
// (undoable); the progress picture and the methods text follow the stored rule.

export function StoppingRuleEditor({
  stored,
  busy,
  onSave,
}: {
  stored: StoppingRuleArg;
  busy: boolean;
  onSave: (rule: StoppingRuleArg) => void;
}) {
  const [draft, setDraft] = useState<StoppingRuleDraft>(() => ruleDraftOf(stored));
  const set = (change: Partial<StoppingRuleDraft>) => setDraft((d) => ({ ...d, ...change }));
  const checked = ruleOf(draft);
  const problems = checked.ok ? {} : checked.problems;
  const changed = checked.ok && !sameRule(checked.rule, stored);
  const field = (name: 'buffer' | 'recall' | 'confidence', label: string) => (
    <TextField
      className="priority-rule__field"
      label={label}
      value={draft[name]}
      error={problems[name]}
      onChange={(v) => set({ [name]: v })}
    />
  );
  return (
    <form
      className="priority-rule"
      onSubmit={(e) => {
        e.preventDefault();
        if (checked.ok && changed) onSave(checked.rule);
      }}
    >
      <fieldset>
        <legend>The review’s stopping rule</legend>
        <div className="priority-rule__option">
          <label>
            <input
              type="radio"
              name="stopping-rule"
              checked={draft.kind === 'hypergeometric'}
              onChange={() => set({ kind: 'hypergeometric' })}
            />
            Callaghan–Müller-Hansen test
          </label>
          {draft.kind === 'hypergeometric' ? (
            <>
              {field('recall', 'Recall target (%)')}
              {field('confidence', 'Confidence (%)')}
            </>
          ) : null}
        </div>
        <div className="priority-rule__option">
          <label>
            <input type="radio" name="stopping-rule" checked={draft.kind === 'buffer'} onChange={() => set({ kind: 'buffer' })} />
            Consecutive excludes
          </label>
          {draft.kind === 'buffer' ? field('buffer', 'Stop after this many consecutive excludes') : null}
        </div>
        <div className="button-row">
          <button type="submit" className="button button--small" disabled={!changed || busy}>
            Save stopping rule
          </button>
          {changed ? (
            <button type="button" className="button button--small" onClick={() => setDraft(ruleDraftOf(stored))}>
              Keep the stored rule
            </button>
          ) : null}
        </div>
      </fieldset>
    </form>
  );
}

import { useState } from 'react';
import type { ScreeningSettings, ScreeningStage } from '@grove/shared';
import { SelectField, TextField } from '../../components/fields.tsx';
import { draftOf, patchOf, SAMPLE_LABELS, type Problems, type SampleKind, type SettingsDraft, type StageDraft } from './settings-form.ts';

// The screening settings: single or dual screening per stage with the dual sample, the
// review's highlight terms, and the full-text exclusion reasons. Saved as one change.

const STAGE_NAMES: Readonly<Record<ScreeningStage, string>> = { 'title-abstract': 'Title and abstract', 'full-text': 'Full text' };
const SAMPLE_OPTIONS = (Object.keys(SAMPLE_LABELS) as SampleKind[]).map((k) => ({ value: k, label: SAMPLE_LABELS[k] }));

export function SettingsView(props: { settings: ScreeningSettings; busy: boolean; onSave: (d: SettingsDraft) => Promise<boolean> }) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(props.settings));
  const [problems, setProblems] = useState<Problems>({});
  const [dirty, setDirty] = useState(false);
  const edit = (d: SettingsDraft) => {
    setDraft(d);
    setDirty(true);
  };
  const setStage = (stage: ScreeningStage, patch: Partial<StageDraft>) =>
    edit({ ...draft, stages: { ...draft.stages, [stage]: { ...draft.stages[stage], ...patch } } });

  const save = async () => {
    const r = patchOf(draft);
    if (!r.ok) {
      setProblems(r.problems);
      return;
    }
    setProblems({});
    if (await props.onSave(draft)) setDirty(false);
  };

  return (
    <form
      className="screen-settings"
      aria-label="Screening settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="screen-settings__stages">
        {(['title-abstract', 'full-text'] as const).map((stage) => {
          const s = draft.stages[stage];
          return (
            <fieldset key={stage} className="screen-settings__stage card">
              <legend>{STAGE_NAMES[stage]}</legend>
              <SelectField
                label="Screening"
                value={s.mode}
                options={[
                  { value: 'single', label: 'Single: one reviewer per record' },
                  { value: 'dual', label: 'Dual: a second, blinded reviewer' },
                ]}
                onChange={(mode) => setStage(stage, { mode })}
              />
              {s.mode === 'dual' ? (
                <>
                  <SelectField label="Records screened twice" value={s.sample} options={SAMPLE_OPTIONS} onChange={(sample) => setStage(stage, { sample })} />
                  {s.sample !== 'all' ? (
                    <TextField
                      label={s.sample === 'included-plus-excluded-fraction' ? 'Percent of exclusions' : 'Percent of records'}
                      value={s.percent}
                      error={problems[`${stage}.percent`]}
                      onChange={(percent) => setStage(stage, { percent })}
                    />
                  ) : null}
                  {s.sample === 'random-fraction' || s.sample === 'included-plus-excluded-fraction' ? (
                    <TextField
                      label="Seed"
                      hint="The same seed draws the same sample; a record’s place in it never changes as records are added."
                      value={s.seed}
                      error={problems[`${stage}.seed`]}
                      onChange={(seed) => setStage(stage, { seed })}
                    />
                  ) : null}
                </>
              ) : null}
            </fieldset>
          );
        })}
      </div>
      <fieldset className="screen-settings__terms card">
        <legend>Highlight terms</legend>
        <TextField
          label="Include terms"
          hint="One per line; a trailing * matches any ending (random*)."
          multiline
          rows={5}
          value={draft.include}
          onChange={(include) => edit({ ...draft, include })}
        />
        <TextField label="Exclude terms" hint="One per line." multiline rows={5} value={draft.exclude} onChange={(exclude) => edit({ ...draft, exclude })} />
      </fieldset>
      <fieldset className="screen-settings__reasons card">
        <legend>Full-text exclusion reasons</legend>
        <p className="field__hint">In this order: the keys 1–9 choose the first nine. A reason a decision gives cannot be removed.</p>
        <ol className="screen-settings__reason-list">
          {draft.reasons.map((r, i) => (
            <li key={r.id ?? `new-${i}`}>
              <TextField
                label={`Reason ${i + 1}`}
                value={r.label}
                error={problems[`reasons.${i}`]}
                onChange={(label) => edit({ ...draft, reasons: draft.reasons.map((x, j) => (j === i ? { ...x, label } : x)) })}
              />
              <button
                type="button"
                className="button button--small button--ghost"
                aria-label={`Remove reason ${i + 1}${r.label ? `: ${r.label}` : ''}`}
                onClick={() => edit({ ...draft, reasons: draft.reasons.filter((_, j) => j !== i) })}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="button button--small" onClick={() => edit({ ...draft, reasons: [...draft.reasons, { label: '' }] })}>
          Add a reason
        </button>
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={props.busy || !dirty}>
          Save settings
        </button>
        {dirty ? (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              setDraft(draftOf(props.settings));
              setProblems({});
              setDirty(false);
            }}
          >
            Discard changes
          </button>
        ) : null}
      </div>
    </form>
  );
}

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  certaintyDisplay,
  certaintyFootnotes,
  computedCertainty,
  DOMAIN_LABELS,
  DOWNGRADE_DOMAINS,
  emptyGradeAssessment,
  finalCertainty,
  gradeAssessmentSchema,
  informativeStatement,
  suggestInconsistency,
  MAX_LEVELS,
  UPGRADE_DOMAINS,
  type AnalysisSummary,
  type DowngradeDomain,
  type EffectSize,
  type GradeAssessment,
  type GradeRecord,
  type UpgradeDomain,
} from '@grove/shared';
import { errorMessage, issuesOf, stripArgsPrefix } from '../../api/client.ts';
import { useAppStore } from '../../store/app.ts';
import { useReviewSettings } from '../../store/review-prefs.ts';
import { pooled } from './format.ts';
import { GradeOverride } from './GradeOverride.tsx';
import { GradePreview } from './GradePreview.tsx';
import { Select } from '../../components/fields.tsx';

// GRADE certainty of the evidence of one analysis: five domains to rate down (each rating
// down needs its reason, which becomes the summary-of-findings footnote), three to rate up,
// the outcome's importance and an optional override of the computed level with a reason.
// The computed and final levels are shown as GRADEpro shows them (⨁⨁◯◯ LOW), with the
// footnotes and a draft informative statement. Saved explicitly with grade.set.

const DOWN_OPTIONS = ['Not serious', 'Serious (−1)', 'Very serious (−2)', 'Extremely serious (−3)'];
const UP_OPTIONS = ['No', 'Yes (+1)', 'Yes, large (+2)'];
const DOMAIN_HINTS: Partial<Record<DowngradeDomain | UpgradeDomain, string>> = {
  riskOfBias: 'Limitations in the design or conduct of the studies',
  inconsistency: 'Unexplained heterogeneity of the results',
  indirectness: 'Population, intervention or outcome differ from the question',
  imprecision: 'Wide confidence interval, few participants or events',
  publicationBias: 'Studies likely missing from the body of evidence',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** The levels a domain may move, 0 up to its most, as options named by `names`. */
const levelOptions = (names: readonly string[], most: number) => names.slice(0, most + 1).map((label, i) => ({ value: String(i), label }));

type Errors = Record<string, string>;

function errorsOf(a: GradeAssessment): Errors {
  const parsed = gradeAssessmentSchema.safeParse(a);
  if (parsed.success) return {};
  const out: Errors = {};
  for (const i of parsed.error.issues) {
    const path = i.path.join('.');
    out[path] ??= i.message;
  }
  return out;
}

/** Which way the pooled effect points: a ratio below 1 or a difference below 0 is a reduction. */
export function effectDirection(s: AnalysisSummary): 'reduction' | 'increase' | null {
  const p = pooled(s);
  if (!p) return null;
  const ratio = s.analysis.result?.methods.ratio ?? false;
  return (ratio ? p.estimate < 1 : p.estimate < 0) ? 'reduction' : 'increase';
}

export function GradePanel(props: { summary: AnalysisSummary; record: GradeRecord | null }) {
  const store = useAppStore();
  const [settings] = useReviewSettings();
  const uid = `gr${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const saved = props.record?.assessment ?? null;
  const savedJson = JSON.stringify(saved);
  const [draft, setDraft] = useState<GradeAssessment>(() => structuredClone(saved ?? emptyGradeAssessment()));
  const [shown, setShown] = useState<Errors>({});
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [size, setSize] = useState<EffectSize | ''>('');

  // A save elsewhere, or an undo, replaces the draft with what the file holds.
  useEffect(() => {
    setDraft(structuredClone((JSON.parse(savedJson) as GradeAssessment | null) ?? emptyGradeAssessment()));
    setShown({});
    setServerErrors({});
  }, [savedJson]);

  const dirty = JSON.stringify(draft) !== (saved ? savedJson : JSON.stringify(emptyGradeAssessment()));
  const live = useMemo(() => errorsOf(draft), [draft]);
  // Messages appear at a field once a save was tried, and go away as soon as it is fixed.
  const errorAt = (path: string) => (shown[path] && live[path] ? live[path] : (serverErrors[path] ?? null));
  const computed = computedCertainty(draft);
  const final = finalCertainty(draft);
  // The footnotes as the summary of findings will print them; a missing reason shows as such, not as an empty ": .".
  const notes = useMemo(() => {
    const missing = '[reason needed]';
    const fill = <T extends { levels: number; reason: string }>(r: T): T =>
      r.levels > 0 && !r.reason.trim() ? { ...r, reason: missing } : r;
    const preview: GradeAssessment = {
      ...draft,
      down: Object.fromEntries(DOWNGRADE_DOMAINS.map((d) => [d, fill(draft.down[d])])) as GradeAssessment['down'],
      up: Object.fromEntries(UPGRADE_DOMAINS.map((d) => [d, fill(draft.up[d])])) as GradeAssessment['up'],
      override: draft.override && !draft.override.reason.trim() ? { ...draft.override, reason: missing } : draft.override,
    };
    return certaintyFootnotes(preview);
  }, [draft]);

  const a = props.summary.analysis;
  const direction = effectDirection(props.summary);
  // Nobody has rated yet and nothing is being rated: a state of its own, never "HIGH" (issue 12).
  const unrated = !props.record && !dirty;
  const suggestion = useMemo(() => {
    const overall = a.result?.overall;
    if (!overall || a.synthesis !== 'meta-analysis') return { suggest: 'none' as const, reason: '' };
    return suggestInconsistency({ pooled: overall, k: overall.kEstimable, ratio: a.result?.methods.ratio ?? false });
  }, [a.result, a.synthesis]);
  const intervention = settings?.sofIntervention.trim() || 'the intervention';
  const outcome = a.outcomeName.charAt(0).toLowerCase() + a.outcomeName.slice(1);
  const statement = size && direction ? informativeStatement(final, size, direction, intervention, outcome) : null;

  const setDown = (d: DowngradeDomain, patch: Partial<{ levels: number; reason: string }>) =>
    setDraft((x) => ({ ...x, down: { ...x.down, [d]: { ...x.down[d], ...patch } } }));
  const setUp = (d: UpgradeDomain, patch: Partial<{ levels: number; reason: string }>) =>
    setDraft((x) => ({ ...x, up: { ...x.up, [d]: { ...x.up[d], ...patch } } }));

  // Leaving the analysis, undo or closing the window with a valid unsaved rating saves it;
  // an invalid one is never sent, and says so.
  const pending = useRef({ draft, dirty, id: props.summary.id });
  useEffect(() => {
    pending.current = { draft, dirty, id: props.summary.id };
  }, [draft, dirty, props.summary.id]);
  useEffect(() => {
    const flush = async () => {
      const p = pending.current;
      if (!p.dirty || Object.keys(errorsOf(p.draft)).length) return;
      pending.current = { ...p, dirty: false };
      await store.getState().mutate((c) => c.call('grade.set', { analysisId: p.id, assessment: p.draft }));
    };
    const unregister = store.getState().registerFlusher(flush);
    return () => {
      unregister();
      const p = pending.current;
      if (!p.dirty) return;
      if (Object.keys(errorsOf(p.draft)).length)
        store.getState().pushToast({
          title: 'The certainty rating was not saved',
          description: 'A rating down or up, or the override, has no reason yet.',
          tone: 'error',
        });
      else
        flush().then(
          () => store.getState().pushToast({ title: `Certainty saved: ${certaintyDisplay(finalCertainty(p.draft))}` }),
          (err: unknown) =>
            store.getState().pushToast({ title: 'The certainty rating was not saved', description: errorMessage(err), tone: 'error' }),
        );
    };
  }, [store]);

  // A save tried with missing reasons: the status bar says it is held back, until fixed.
  const heldBack = Object.keys(shown).find((k) => live[k]);
  useEffect(() => {
    store.getState().setInvalid('grade', heldBack ? `certainty rating: ${live[heldBack]}` : null);
  }, [store, heldBack, live]);
  useEffect(() => () => store.getState().setInvalid('grade', null), [store]);

  const save = async () => {
    const errs = errorsOf(draft);
    if (Object.keys(errs).length) {
      setShown(errs);
      const first = Object.keys(errs)[0]!;
      document.getElementById(`${uid}-${first.replace(/\./g, '-')}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await store.getState().mutate((c) => c.call('grade.set', { analysisId: props.summary.id, assessment: draft }));
      setServerErrors({});
      store.getState().pushToast({ title: `Certainty saved: ${certaintyDisplay(final)}` });
    } catch (err) {
      const issues = issuesOf(err).map((i) => stripArgsPrefix(i, ['assessment.']));
      if (issues.length) setServerErrors(Object.fromEntries(issues.map((i) => [i.path, i.message])));
      else store.getState().pushToast({ title: 'The certainty rating was not saved', description: errorMessage(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const clear = async () => {
    setBusy(true);
    try {
      await store.getState().mutate((c) => c.call('grade.set', { analysisId: props.summary.id, assessment: null }));
      store.getState().pushToast({ title: 'Certainty rating cleared' });
    } catch (err) {
      store.getState().pushToast({ title: 'The rating was not cleared', description: errorMessage(err), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const reasonField = (kind: 'down' | 'up', d: DowngradeDomain | UpgradeDomain, levels: number, reason: string) => {
    const path = `${kind}.${d}.reason`;
    const err = errorAt(path);
    const fid = `${uid}-${path.replace(/\./g, '-')}`;
    if (levels === 0) return <span className="muted grade-reason__none">No reason needed</span>;
    return (
      <div className={`field grade-reason${err ? ' field--invalid' : ''}`}>
        <label className="visually-hidden" htmlFor={fid}>
          Reason for {kind === 'down' ? 'rating down' : 'rating up'} for {DOMAIN_LABELS[d]}
        </label>
        <textarea
          id={fid}
          rows={2}
          value={reason}
          required
          aria-invalid={err ? true : undefined}
          aria-describedby={err ? `${fid}-error` : undefined}
          placeholder="Required: why? (becomes the footnote)"
          onChange={(e) =>
            kind === 'down'
              ? setDown(d as DowngradeDomain, { reason: e.target.value })
              : setUp(d as UpgradeDomain, { reason: e.target.value })
          }
        />
        {err ? (
          <p id={`${fid}-error`} className="field__error">
            {err}
          </p>
        ) : null}
      </div>
    );
  };

  const overrideErr = errorAt('override.reason');

  return (
    <section className="card grade" aria-labelledby={`${uid}-h`} data-testid="grade-panel">
      <div className="grade__head">
        <div>
          <h3 id={`${uid}-h`} className="card__title">
            Certainty of evidence (GRADE)
          </h3>
          <p className="card__intro">
            Start at {draft.design === 'randomised' ? 'high (randomised trials)' : 'low (non-randomised studies)'}; rate down for serious
            concerns and up for the reasons below. Every change of level needs a reason: it becomes the footnote in the summary of findings.
          </p>
        </div>
        <dl className="grade__levels" aria-live="polite">
          <div>
            <dt>Computed</dt>
            <dd data-testid="grade-computed">{certaintyDisplay(computed)}</dd>
          </div>
          <div className={draft.override ? 'is-override' : ''}>
            <dt>Final{draft.override ? ' (overridden)' : ''}</dt>
            {unrated ? (
              <dd data-testid="grade-final" className="muted">
                Not yet rated
              </dd>
            ) : (
              <dd data-testid="grade-final" className={`grade-level grade-level--${final}`}>
                {certaintyDisplay(final)}
              </dd>
            )}
          </div>
          <div>
            <dt>Saved</dt>
            <dd>{props.record ? certaintyDisplay(props.record.final) : <span className="muted">Not yet rated</span>}</dd>
          </div>
        </dl>
      </div>

      <div className="grade__basics">
        <div className="field">
          <label className="field__label" htmlFor={`${uid}-design`}>
            Study design (starting level)
          </label>
          <Select<GradeAssessment['design']>
            id={`${uid}-design`}
            value={draft.design}
            onChange={(design) => setDraft((x) => ({ ...x, design }))}
            options={[
              { value: 'randomised', label: 'Randomised trials: start at high' },
              { value: 'non-randomised', label: 'Non-randomised studies: start at low' },
            ]}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${uid}-importance`}>
            Importance of the outcome
          </label>
          <Select<GradeAssessment['importance']>
            id={`${uid}-importance`}
            value={draft.importance}
            onChange={(importance) => setDraft((x) => ({ ...x, importance }))}
            options={[
              { value: 'critical', label: 'Critical' },
              { value: 'important', label: 'Important' },
              { value: 'not-important', label: 'Not important' },
            ]}
          />
        </div>
      </div>

      {suggestion.suggest === 'serious' && draft.down.inconsistency.levels === 0 ? (
        <div className="notice grade__suggestion" role="note" aria-label="Suggested concern">
          <p>
            <strong>Suggested: serious inconsistency (−1).</strong> {suggestion.reason} Grove does not rate; accept it if you agree.
          </p>
          <button
            type="button"
            className="button button--small"
            onClick={() => setDown('inconsistency', { levels: suggestion.levels, reason: suggestion.reason })}
          >
            Accept the suggestion
          </button>
        </div>
      ) : null}

      <table className="grade__table">
        <caption className="grade__caption">Rating down</caption>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Concern</th>
            <th scope="col">Reason (footnote)</th>
          </tr>
        </thead>
        <tbody>
          {DOWNGRADE_DOMAINS.map((d) => {
            const r = draft.down[d];
            const sid = `${uid}-down-${d}-levels`;
            return (
              <tr key={d} data-domain={d} className={r.levels > 0 ? 'is-rated' : ''}>
                <th scope="row">
                  <label htmlFor={sid}>{capital(DOMAIN_LABELS[d])}</label>
                  {DOMAIN_HINTS[d] ? <span className="grade__hint">{DOMAIN_HINTS[d]}</span> : null}
                </th>
                <td>
                  <Select
                    id={sid}
                    value={String(r.levels)}
                    onChange={(v) => setDown(d, { levels: Number(v) })}
                    options={levelOptions(DOWN_OPTIONS, MAX_LEVELS[d])}
                  />
                </td>
                <td>{reasonField('down', d, r.levels, r.reason)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <table className="grade__table">
        <caption className="grade__caption">Rating up (mainly for non-randomised studies)</caption>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Applies</th>
            <th scope="col">Reason (footnote)</th>
          </tr>
        </thead>
        <tbody>
          {UPGRADE_DOMAINS.map((d) => {
            const r = draft.up[d];
            const sid = `${uid}-up-${d}-levels`;
            return (
              <tr key={d} data-domain={d} className={r.levels > 0 ? 'is-rated' : ''}>
                <th scope="row">
                  <label htmlFor={sid}>{capital(DOMAIN_LABELS[d])}</label>
                </th>
                <td>
                  <Select
                    id={sid}
                    value={String(r.levels)}
                    onChange={(v) => setUp(d, { levels: Number(v) })}
                    options={levelOptions(UP_OPTIONS, MAX_LEVELS[d])}
                  />
                </td>
                <td>{reasonField('up', d, r.levels, r.reason)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <GradeOverride uid={uid} draft={draft} setDraft={setDraft} error={overrideErr} />

      <div className="field">
        <label className="field__label" htmlFor={`${uid}-comment`}>
          Comment (shown in the summary of findings)
        </label>
        <textarea
          id={`${uid}-comment`}
          rows={2}
          value={draft.comment}
          onChange={(e) => setDraft((x) => ({ ...x, comment: e.target.value }))}
        />
      </div>

      <GradePreview
        notes={notes}
        direction={direction}
        statement={statement}
        size={size}
        onSize={setSize}
        uid={uid}
        hasIntervention={!!settings?.sofIntervention.trim()}
      />

      <div className="button-row grade__actions">
        <button type="button" className="button button--primary" disabled={busy || !dirty} onClick={() => void save()}>
          {busy ? 'Saving…' : 'Save rating'}
        </button>
        {props.record ? (
          <button type="button" className="button" disabled={busy} onClick={() => void clear()}>
            Clear rating
          </button>
        ) : null}
        <span className="muted" role="status">
          {dirty ? 'Unsaved changes' : props.record ? 'Saved in the review file' : ''}
        </span>
      </div>
    </section>
  );
}

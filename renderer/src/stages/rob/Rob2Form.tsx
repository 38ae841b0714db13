import { useMemo, useRef, useState } from 'react';
import type { Rob2Record } from '@grove/shared';
import {
  isRob2QuestionShown,
  MULTIPLE_SOME_CONCERNS_PROMPT,
  proposeRob2DomainJudgement,
  proposeRob2Overall,
  recomputeRob2Assessment,
  rob2EffectiveDomainJudgements,
  rob2JudgementStatus,
  rob2Questions,
  rob2ResultAssessmentSchema,
  ROB2_AIM_LABELS,
  ROB2_ANSWER_LABELS,
  ROB2_DEVIATION_LABELS,
  ROB2_DOMAINS,
  type Rob2Answer,
  type Rob2Context,
  type Rob2DomainId,
  type Rob2JudgementRecord,
  type Rob2Question,
  type Rob2ResultAssessment,
} from '@grove/shared/rob/index';
import { errorMessage, issuesOf } from '../../api/client.ts';
import { useDebouncedSave } from '../../data/useDebouncedSave.ts';
import { useAppStore } from '../../store/app.ts';
import { Rob2Mark, rob2Label } from './Rob2Mark.tsx';
import { STATUS_TEXT, JudgementPanel } from './Rob2JudgementPanel.tsx';

// The RoB 2 assessment of one result: the signalling questions of the five domains (only
// those asked for the answers so far), the algorithm's proposal per domain and overall —
// computed here with the shared functions for instant feedback, and recomputed by the
// backend on save — and the reviewer's decision: accept the proposal, or override it with
// a reason. Keyboard: ↑/↓ move between questions; Y, Shift+Y (PY), Shift+N (PN), N, I (NI),
// A (NA) — or 1–5 and 0 — answer; Delete clears. Saved a moment after each change.

const SAVE_DELAY_MS = 500;

const KEY_ANSWERS: Readonly<Record<string, Rob2Answer>> = {
  y: 'Y',
  Y: 'PY',
  n: 'N',
  N: 'PN',
  i: 'NI',
  I: 'NI',
  a: 'NA',
  A: 'NA',
  '1': 'Y',
  '2': 'PY',
  '3': 'PN',
  '4': 'N',
  '5': 'NI',
  '0': 'NA',
};

/** The answer a key gives (Shift+Y = PY, Shift+N = PN, 1–5 = Y PY PN N NI, 0 = NA), or null. */
export function answerFromKey(e: { key: string; code?: string; shiftKey: boolean }): Rob2Answer | null {
  // Shift+digit types a symbol on most layouts: read the physical key for digits.
  const digit = e.code && /^(Digit|Numpad)\d$/.test(e.code) ? e.code.slice(-1) : null;
  if (digit) return KEY_ANSWERS[digit] ?? null;
  const k = e.key.length === 1 && /[a-z]/i.test(e.key) ? (e.shiftKey ? e.key.toUpperCase() : e.key.toLowerCase()) : e.key;
  return KEY_ANSWERS[k] ?? null;
}

type Draft = Rob2ResultAssessment;

export function Rob2Form(props: { record: Rob2Record; onSaved: (r: Rob2Record) => void; onClose: () => void }) {
  const store = useAppStore();
  const { record } = props;
  const [draft, setDraft] = useState<Draft>(() => recomputeRob2Assessment(record.assessment));
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState<'idle' | 'pending' | 'saved'>('idle');
  const [active, setActive] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const draftRef = useRef(draft);
  const formRef = useRef<HTMLDivElement>(null);
  const context: Rob2Context = { aim: draft.aim, deviations: draft.deviations };

  const saves = useDebouncedSave<Draft>({
    scope: 'rob2',
    delayMs: SAVE_DELAY_MS,
    describeKey: () => `RoB 2 of ${record.studyLabel}, ${record.resultLabel}`,
    check: (_key, d) => {
      const checked = rob2ResultAssessmentSchema.safeParse(d);
      return checked.success ? null : (checked.error.issues[0]?.message ?? 'the assessment is not complete');
    },
    save: async (_key, snapshot) => {
      setSaving('pending');
      try {
        const saved = await store.getState().mutate((c) =>
          c.call('rob2.save', {
            id: record.id,
            studyId: record.studyId,
            studyOutcomeId: record.studyOutcomeId,
            resultLabel: record.resultLabel,
            ...(record.slot !== 'final' ? { slot: record.slot } : {}),
            assessment: snapshot,
          }),
        );
        setServerError(null);
        setSaving('saved');
        props.onSaved(saved);
        // The server's proposals are the saved truth; keep local edits made since.
        if (draftRef.current === snapshot) {
          draftRef.current = saved.assessment;
          setDraft(saved.assessment);
        }
      } catch (err) {
        const issue = issuesOf(err)[0];
        setServerError(issue ? `${issue.path}: ${issue.message}` : errorMessage(err));
        setSaving('idle');
        throw err;
      }
    },
  });
  const saveError = saves.held().get(record.id) ?? serverError;
  const flush = () => saves.flush(record.id);

  const update = (fn: (d: Draft) => Draft) => {
    const next = recomputeRob2Assessment(fn(draftRef.current));
    draftRef.current = next;
    setDraft(next);
    setSaving('pending');
    saves.edit(record.id, next);
  };

  // The questions asked now, in order, across the domains (the keyboard walks this list).
  const shown = useMemo(
    () =>
      ROB2_DOMAINS.flatMap((d) =>
        rob2Questions(d.id, draft.aim).filter((q) => isRob2QuestionShown(q, draft.domains[d.id].answers, context) === true),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [draft],
  );
  const qKey = (q: Rob2Question) => `${q.domain}:${q.id}`;
  const activeKey = active && shown.some((q) => qKey(q) === active) ? active : shown[0] ? qKey(shown[0]) : null;

  const focusQuestion = (key: string) => {
    setActive(key);
    const el = formRef.current?.querySelector<HTMLElement>(`[data-q="${key}"]`);
    if (el) el.focus();
    else requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[data-q="${key}"]`)?.focus());
  };

  const answer = (q: Rob2Question, a: Rob2Answer | null) => {
    if (a !== null && !q.options.includes(a)) {
      setAnnounce(`${q.id} does not offer ${ROB2_ANSWER_LABELS[a]}.`);
      return;
    }
    update((d) => {
      const answers = { ...d.domains[q.domain].answers };
      if (a === null) delete answers[q.id];
      else answers[q.id] = a;
      return { ...d, domains: { ...d.domains, [q.domain]: { ...d.domains[q.domain], answers } } };
    });
    setAnnounce(`${q.id}: ${a ? ROB2_ANSWER_LABELS[a] : 'cleared'}`);
  };

  const onQuestionKey = (e: React.KeyboardEvent, q: Rob2Question) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const i = shown.findIndex((x) => qKey(x) === qKey(q));
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = shown[Math.max(0, Math.min(shown.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
      if (next) focusQuestion(qKey(next));
      return;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      answer(q, null);
      return;
    }
    const a = answerFromKey(e);
    if (a) {
      e.preventDefault();
      answer(q, a);
    }
  };

  const setJudgement = (domain: Rob2DomainId | 'overall', next: Rob2JudgementRecord) =>
    update((d) =>
      domain === 'overall'
        ? { ...d, overall: next }
        : { ...d, domains: { ...d.domains, [domain]: { ...d.domains[domain], judgement: next } } },
    );

  const overallProposal = proposeRob2Overall(rob2EffectiveDomainJudgements(draft));

  return (
    <section className="card rob2-form" aria-labelledby="rob2-form-h" ref={formRef}>
      <div className="rob2-form__head">
        <div>
          <h2 id="rob2-form-h" className="card__title" tabIndex={-1}>
            {record.studyLabel}: {record.resultLabel}
          </h2>
          <p className="muted">
            RoB 2, individually randomized parallel-group trial.{' '}
            <span className={`rob2-save rob2-save--${saveError ? 'error' : saving}`} role="status" data-testid="rob2-save-status">
              {saveError ? 'Not saved' : saving === 'pending' ? 'Saving…' : saving === 'saved' ? 'Saved' : ''}
            </span>
          </p>
        </div>
        <button
          type="button"
          className="button"
          onClick={() => {
            void flush().then(props.onClose);
          }}
        >
          ← All results
        </button>
      </div>
      <ul className="rob2-summary" aria-label="Judgements so far">
        {ROB2_DOMAINS.map((d) => {
          const j = draft.domains[d.id].judgement;
          const eff = j.final?.judgement ?? j.proposed;
          return (
            <li key={d.id} title={`${d.label}: ${rob2Label(eff)} (${STATUS_TEXT[rob2JudgementStatus(j)].toLowerCase()})`}>
              <a href={`#rob2-${d.id}-h`}>{d.id}</a> <Rob2Mark judgement={eff} />
              <span className="visually-hidden">{rob2Label(eff)}</span>
            </li>
          );
        })}
        <li>
          <a href="#rob2-overall-h">Overall</a> <Rob2Mark judgement={draft.overall.final?.judgement ?? draft.overall.proposed} />{' '}
          {rob2Label(draft.overall.final?.judgement ?? draft.overall.proposed)}
        </li>
      </ul>
      {saveError ? (
        <p className="notice notice--error" role="alert">
          Not saved: {saveError}
        </p>
      ) : null}

      <fieldset className="rob2-aim">
        <legend className="field__label">The review team’s aim for this result</legend>
        {(['assignment', 'adhering'] as const).map((aim) => (
          <label key={aim} className="radio">
            <input type="radio" name="rob2-aim" checked={draft.aim === aim} onChange={() => update((d) => ({ ...d, aim }))} />
            {ROB2_AIM_LABELS[aim]}
          </label>
        ))}
        {draft.aim === 'adhering' ? (
          <div className="rob2-deviations">
            <p className="field__hint">The deviations from intended intervention to address (at least one):</p>
            {(Object.keys(ROB2_DEVIATION_LABELS) as (keyof typeof ROB2_DEVIATION_LABELS)[]).map((k) => (
              <label key={k} className="radio">
                <input
                  type="checkbox"
                  checked={draft.deviations[k]}
                  onChange={(e) => update((d) => ({ ...d, deviations: { ...d.deviations, [k]: e.target.checked } }))}
                />
                {ROB2_DEVIATION_LABELS[k]}
              </label>
            ))}
          </div>
        ) : null}
      </fieldset>

      <p className="muted rob2-keys">
        On a question: <kbd>↑</kbd>
        <kbd>↓</kbd> move, <kbd>Y</kbd> yes, <kbd>Shift+Y</kbd> probably yes, <kbd>Shift+N</kbd> probably no, <kbd>N</kbd> no, <kbd>I</kbd>{' '}
        no information, <kbd>A</kbd> not applicable (or <kbd>1</kbd>–<kbd>5</kbd>, <kbd>0</kbd>), <kbd>Delete</kbd> clears. Questions appear
        as the answers call for them.
      </p>

      {ROB2_DOMAINS.map((d) => {
        const dom = draft.domains[d.id];
        const questions = rob2Questions(d.id, draft.aim);
        const visible = questions.filter((q) => isRob2QuestionShown(q, dom.answers, context) === true);
        const skipped = questions.filter((q) => isRob2QuestionShown(q, dom.answers, context) === false);
        const pending = questions.length - visible.length - skipped.length;
        const proposal = proposeRob2DomainJudgement(d.id, dom.answers, context);
        return (
          <section key={d.id} className="rob2-domain" aria-labelledby={`rob2-${d.id}-h`}>
            <h3 id={`rob2-${d.id}-h`} className="rob2-domain__title">
              <span className="rob2-domain__id">{d.id}</span> {d.label}
            </h3>
            <ol className="rob2-questions">
              {visible.map((q) => {
                const key = qKey(q);
                const value = dom.answers[q.id];
                return (
                  <li key={q.id}>
                    <div
                      role="radiogroup"
                      data-q={key}
                      tabIndex={activeKey === key ? 0 : -1}
                      className={`rob2-q${value ? ' is-answered' : ''}`}
                      aria-labelledby={`rob2-q-${q.id}`}
                      onFocus={(e) => {
                        if (e.target === e.currentTarget) setActive(key);
                      }}
                      onKeyDown={(e) => {
                        if (e.target === e.currentTarget) onQuestionKey(e, q);
                      }}
                    >
                      <p id={`rob2-q-${q.id}`} className="rob2-q__text">
                        <span className="rob2-q__id">{q.id}</span> {q.text}
                      </p>
                      <span className="rob2-q__options">
                        {q.options.map((o) => (
                          <button
                            key={o}
                            type="button"
                            role="radio"
                            aria-checked={value === o}
                            tabIndex={-1}
                            title={ROB2_ANSWER_LABELS[o]}
                            aria-label={ROB2_ANSWER_LABELS[o]}
                            className={`rob2-opt${value === o ? ' is-on' : ''}`}
                            onClick={() => {
                              answer(q, value === o ? null : o);
                              focusQuestion(key);
                            }}
                          >
                            {o}
                          </button>
                        ))}
                      </span>
                    </div>
                  </li>
                );
              })}
            </ol>
            {skipped.length || pending ? (
              <p className="muted rob2-skipped">
                {skipped.length ? `${skipped.map((q) => q.id).join(', ')} not asked for these answers (NA). ` : ''}
                {pending ? `${pending} more ${pending === 1 ? 'question' : 'questions'} may follow from the answers.` : ''}
              </p>
            ) : null}
            <JudgementPanel
              label={`${d.id} ${d.label}`}
              record={dom.judgement}
              waitingFor={proposal.proposed === null ? proposal.waitingFor.join(', ') : null}
              onChange={(r) => setJudgement(d.id, r)}
            />
          </section>
        );
      })}

      <section className="rob2-domain rob2-domain--overall" aria-labelledby="rob2-overall-h">
        <h3 id="rob2-overall-h" className="rob2-domain__title">
          Overall risk of bias
        </h3>
        {overallProposal.promptMultipleSomeConcerns ? <p className="notice rob2-prompt">{MULTIPLE_SOME_CONCERNS_PROMPT}</p> : null}
        <JudgementPanel
          label="Overall"
          record={draft.overall}
          waitingFor={overallProposal.proposed === null ? overallProposal.waitingFor.join(', ') : null}
          onChange={(r) => setJudgement('overall', r)}
        />
      </section>
      <span className="visually-hidden" role="status">
        {announce}
      </span>
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import {
  ARM_ROLES,
  armFieldsSchema,
  DIRECTIONS,
  OUTCOME_DATA_TYPES,
  studyOutcomeFieldsSchema,
  timepointFieldsSchema,
  type Arm,
  type ArmFields,
  type Protocol,
  type Study,
  type StudyData,
  type StudyOutcome,
  type StudyOutcomeFields,
  type TimepointFields,
} from '@grove/shared';
import type { z } from 'zod';
import { errorMessage, issuesOf, useClient } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.tsx';
import { parseNumber } from '../../components/fields.tsx';
import { firstError, useProtocol, useStudyData } from '../../data/queries.ts';
import { useAppStore } from '../../store/app.ts';
import { errorsOf } from './forms.tsx';
import { ResultsGrid } from './ResultsGrid.tsx';

// A study's outcome data: its arms, how it measured the review's planned outcomes, its
// timepoints (with the protocol category each falls into and which one is analysed), and
// the results grid. Setup rows are edited in place and saved when focus leaves the row.

const ROLE_LABELS = { intervention: 'Intervention', control: 'Control' } as const;
const DIRECTION_LABELS = { 'higher-better': 'Higher is better', 'lower-better': 'Lower is better' } as const;
const TYPE_LABELS = { continuous: 'Continuous', dichotomous: 'Dichotomous', contrast: 'Contrast (per arm, for now)' } as const;

type Timepoint = StudyData['timepoints'][number];

export function OutcomeDataTab(props: { study: Study }) {
  const client = useClient();
  const store = useAppStore();
  const confirm = useConfirm();
  const studyId = props.study.id;
  const dataQuery = useStudyData(studyId);
  const protocolQuery = useProtocol();
  const failure = firstError(dataQuery, protocolQuery);
  const loadError = failure ? errorMessage(failure) : null;
  const data = dataQuery.data ?? null;
  const protocol = protocolQuery.data ?? null;
  const focusAfter = useRef<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!focusAfter.current) return;
    const el = rootRef.current?.querySelector<HTMLElement>(
      `[data-row-id="${focusAfter.current}"] input, [data-row-id="${focusAfter.current}"] select`,
    );
    focusAfter.current = null;
    el?.focus();
    if (el instanceof HTMLInputElement) el.select();
  });

  if (loadError) {
    return (
      <p className="notice notice--error" role="alert">
        The outcome data could not be loaded: {loadError}
      </p>
    );
  }
  if (!data || !protocol) {
    return (
      <p className="muted" role="status">
        Loading outcome data…
      </p>
    );
  }

  const outcomeName = (o: StudyOutcome) =>
    protocol.plannedOutcomes.find((p) => p.id === o.outcomeId)?.name ?? 'Outcome not in the protocol';
  const categoryName = (id: string | null) => (id ? (protocol.timepointCategories.find((c) => c.id === id)?.name ?? null) : null);
  const resultCount = (pred: (r: StudyData['results'][number]) => boolean) => data.results.filter(pred).length;

  const run = async <T,>(what: string, fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await store.getState().mutate(() => fn());
    } catch (err) {
      store.getState().pushToast({ title: `${what} failed`, description: errorMessage(err), tone: 'error' });
      throw err;
    }
  };

  const remove = async (label: string, results: number, call: () => Promise<unknown>) => {
    if (results > 0) {
      const ok = await confirm({
        title: `Delete ${label}?`,
        description: (
          <p>
            Its {results === 1 ? 'result' : `${results} results`} in the grid are deleted with it. You can undo this straight afterwards (
            Ctrl+Z).
          </p>
        ),
        confirmLabel: 'Delete',
      });
      if (!ok) return;
    }
    await run(`Deleting ${label}`, call).catch(() => undefined);
  };

  const sortedTimepoints = [...data.timepoints].sort((a, b) => a.weeksAfterTreatment - b.weeksAfterTreatment);

  return (
    <div className="outcome-data" ref={rootRef}>
      <section className="setup" aria-labelledby="arms-h">
        <div className="setup__head">
          <h3 id="arms-h">Arms</h3>
          <button
            type="button"
            className="button button--small"
            onClick={async () => {
              const n = data.arms.length;
              const arm = await run('Adding an arm', () =>
                client.call('arms.create', {
                  studyId,
                  arm: {
                    label: n === 0 ? 'Intervention' : n === 1 ? 'Control' : `Arm ${n + 1}`,
                    role: n === 1 ? 'control' : 'intervention',
                    description: '',
                    randomised: null,
                  },
                }),
              ).catch(() => null);
              if (arm) focusAfter.current = arm.id;
            }}
          >
            + Add arm
          </button>
        </div>
        {data.arms.length === 0 ? <p className="muted">No arms yet. Add the intervention and control arms.</p> : null}
        <div className="setup-table" role="table" aria-label="Arms">
          {data.arms.length ? (
            <div className="setup-row setup-row--arms setup-row--head" role="row">
              <span role="columnheader">Label</span>
              <span role="columnheader">Role</span>
              <span role="columnheader">N randomised</span>
              <span role="columnheader">Description</span>
              <span role="columnheader">
                <span className="visually-hidden">Actions</span>
              </span>
            </div>
          ) : null}
          {data.arms.map((arm) => (
            <ArmRow
              key={arm.id}
              arm={arm}
              onSave={(patch) => run(`Saving arm “${arm.label}”`, () => client.call('arms.update', { id: arm.id, patch }))}
              onDelete={() =>
                remove(
                  `the arm “${arm.label}”`,
                  resultCount((r) => r.armId === arm.id),
                  () => client.call('arms.delete', { id: arm.id }),
                )
              }
            />
          ))}
        </div>
      </section>

      <section className="setup" aria-labelledby="outcomes-h">
        <div className="setup__head">
          <h3 id="outcomes-h">Outcomes</h3>
        </div>
        {protocol.plannedOutcomes.length === 0 ? (
          <p className="notice">The protocol has no planned outcomes yet. Add them in the Protocol stage (Alt+1) first.</p>
        ) : null}
        <div className="setup-table" role="table" aria-label="Outcomes">
          {data.outcomes.length ? (
            <div className="setup-row setup-row--outcomes setup-row--head" role="row">
              <span role="columnheader">Planned outcome</span>
              <span role="columnheader">Measure or scale</span>
              <span role="columnheader">Direction</span>
              <span role="columnheader">Data type</span>
              <span role="columnheader">
                <span className="visually-hidden">Actions</span>
              </span>
            </div>
          ) : null}
          {data.outcomes.map((o) => (
            <OutcomeRow
              key={o.id}
              outcome={o}
              protocol={protocol}
              onSave={(patch) => run(`Saving outcome “${o.measure}”`, () => client.call('studyOutcomes.update', { id: o.id, patch }))}
              onDelete={() =>
                remove(
                  `the outcome “${o.measure}”`,
                  resultCount((r) => r.studyOutcomeId === o.id),
                  () => client.call('studyOutcomes.delete', { id: o.id }),
                )
              }
            />
          ))}
          {protocol.plannedOutcomes.length ? (
            <NewOutcomeRow
              protocol={protocol}
              onAdd={(fields) => run('Adding an outcome', () => client.call('studyOutcomes.create', { studyId, outcome: fields }))}
            />
          ) : null}
        </div>
      </section>

      <section className="setup" aria-labelledby="timepoints-h">
        <div className="setup__head">
          <h3 id="timepoints-h">Timepoints</h3>
          <button
            type="button"
            className="button button--small"
            onClick={async () => {
              const first = data.timepoints.length === 0;
              const tp = await run('Adding a timepoint', () =>
                client.call('timepoints.create', {
                  studyId,
                  timepoint: {
                    label: first ? 'End of treatment' : 'Follow-up',
                    weeksAfterTreatment: first ? 0 : 26,
                    categoryOverride: null,
                  },
                }),
              ).catch(() => null);
              if (tp) focusAfter.current = tp.id;
            }}
          >
            + Add timepoint
          </button>
        </div>
        <p className="muted setup__hint">
          The category follows the protocol’s rule from the weeks after the end of treatment; choose one by hand to override it. ✓ marks the
          timepoint analysed in its category.
        </p>
        <div className="setup-table" role="table" aria-label="Timepoints">
          {data.timepoints.length ? (
            <div className="setup-row setup-row--timepoints setup-row--head" role="row">
              <span role="columnheader">Label</span>
              <span role="columnheader">Weeks after end of treatment</span>
              <span role="columnheader">Category</span>
              <span role="columnheader">Category override</span>
              <span role="columnheader">
                <span className="visually-hidden">Actions</span>
              </span>
            </div>
          ) : null}
          {sortedTimepoints.map((t) => (
            <TimepointRow
              key={t.id}
              timepoint={t}
              protocol={protocol}
              categoryName={categoryName(t.categoryId)}
              onSave={(patch) => run(`Saving timepoint “${t.label}”`, () => client.call('timepoints.update', { id: t.id, patch }))}
              onDelete={() =>
                remove(
                  `the timepoint “${t.label}”`,
                  resultCount((r) => r.timepointId === t.id),
                  () => client.call('timepoints.delete', { id: t.id }),
                )
              }
            />
          ))}
        </div>
      </section>

      <section className="setup" aria-labelledby="results-h">
        <div className="setup__head">
          <h3 id="results-h">Results</h3>
        </div>
        <ResultsGrid data={data} outcomeName={outcomeName} categoryName={categoryName} />
      </section>
    </div>
  );
}

/** Local draft of a row, validated with the shared schema, saved when focus leaves the row. */
function useRowDraft<T extends object>(initial: T, schema: z.ZodType, onSave: (patch: Partial<T>) => Promise<unknown>) {
  const [draft, setDraft] = useState<T>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const draftRef = useRef(draft);
  const initialRef = useRef(initial);
  useEffect(() => {
    initialRef.current = initial;
    draftRef.current = initial;
    setDraft(initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(initial)]);

  const change = (patch: Partial<T>, saveNow = false) => {
    const next = { ...draftRef.current, ...patch };
    draftRef.current = next;
    setDraft(next);
    const e = errorsOf(schema, next);
    setErrors(e);
    if (saveNow && Object.keys(e).length === 0) void commit();
  };

  const commit = async () => {
    const next = draftRef.current;
    const e = errorsOf(schema, next);
    if (Object.keys(e).length) return;
    const patch: Partial<T> = {};
    for (const k of Object.keys(next) as (keyof T)[]) {
      if (JSON.stringify(next[k]) !== JSON.stringify(initialRef.current[k])) patch[k] = next[k];
    }
    if (Object.keys(patch).length === 0) return;
    try {
      await onSave(patch);
    } catch (err) {
      const issues = issuesOf(err);
      const mapped: Record<string, string> = {};
      for (const i of issues) mapped[i.path.replace(/^patch\./, '')] ??= i.message;
      setErrors(mapped);
    }
  };

  const onRowBlur = (e: React.FocusEvent) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) void commit();
  };
  return { draft, errors, change, onRowBlur };
}

function Err({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span id={id} className="field__error">
      {message}
    </span>
  ) : null;
}

function ArmRow(props: { arm: Arm; onSave: (patch: Partial<ArmFields>) => Promise<unknown>; onDelete: () => void }) {
  const { arm } = props;
  const initial: ArmFields = { label: arm.label, role: arm.role, description: arm.description, randomised: arm.randomised };
  const { draft, errors, change, onRowBlur } = useRowDraft(initial, armFieldsSchema, props.onSave);
  const [nText, setNText] = useState(arm.randomised === null ? '' : String(arm.randomised));
  useEffect(() => setNText(arm.randomised === null ? '' : String(arm.randomised)), [arm.randomised]);
  const nParsed = parseNumber(nText, true);
  const nError = nParsed !== null && Number.isNaN(nParsed) ? 'must be a number' : errors.randomised;
  const id = `arm-${arm.id}`;
  return (
    <div className="setup-row setup-row--arms" role="row" data-row-id={arm.id} onBlur={onRowBlur}>
      <span role="cell" className={errors.label ? 'field--invalid' : undefined}>
        <input
          type="text"
          aria-label="Arm label"
          value={draft.label}
          aria-invalid={errors.label ? true : undefined}
          aria-describedby={errors.label ? `${id}-label-e` : undefined}
          onChange={(e) => change({ label: e.target.value })}
        />
        <Err id={`${id}-label-e`} message={errors.label} />
      </span>
      <span role="cell">
        <select
          aria-label={`Role of ${arm.label}`}
          value={draft.role}
          onChange={(e) => change({ role: e.target.value as ArmFields['role'] }, true)}
        >
          {ARM_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </span>
      <span role="cell" className={nError ? 'field--invalid' : undefined}>
        <input
          type="text"
          inputMode="numeric"
          aria-label={`N randomised to ${arm.label}`}
          value={nText}
          aria-invalid={nError ? true : undefined}
          aria-describedby={nError ? `${id}-n-e` : undefined}
          onChange={(e) => {
            setNText(e.target.value);
            const v = parseNumber(e.target.value, true);
            if (v === null || !Number.isNaN(v)) change({ randomised: v });
          }}
        />
        <Err id={`${id}-n-e`} message={nError} />
      </span>
      <span role="cell">
        <input
          type="text"
          aria-label={`Description of ${arm.label}`}
          value={draft.description}
          onChange={(e) => change({ description: e.target.value })}
        />
      </span>
      <span role="cell">
        <button
          type="button"
          className="button button--small button--quiet-danger"
          aria-label={`Delete arm ${arm.label}`}
          onClick={props.onDelete}
        >
          Delete
        </button>
      </span>
    </div>
  );
}

function OutcomeFieldsCells(props: {
  draft: StudyOutcomeFields;
  errors: Record<string, string>;
  protocol: Protocol;
  idBase: string;
  change: (p: Partial<StudyOutcomeFields>, now?: boolean) => void;
  immediate: boolean;
}) {
  const { draft, errors, protocol, idBase, change, immediate } = props;
  const name = protocol.plannedOutcomes.find((p) => p.id === draft.outcomeId)?.name ?? 'new outcome';
  return (
    <>
      <span role="cell">
        <select aria-label="Planned outcome" value={draft.outcomeId} onChange={(e) => change({ outcomeId: e.target.value }, immediate)}>
          {!protocol.plannedOutcomes.some((p) => p.id === draft.outcomeId) ? (
            <option value={draft.outcomeId}>(not in the protocol)</option>
          ) : null}
          {protocol.outcomeDomains.map((d) => (
            <optgroup key={d.id} label={d.name}>
              {protocol.plannedOutcomes
                .filter((p) => p.domainId === d.id)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </span>
      <span role="cell" className={errors.measure ? 'field--invalid' : undefined}>
        <input
          type="text"
          aria-label={`Measure or scale of ${name}`}
          placeholder="e.g. Recovery Assessment Scale"
          value={draft.measure}
          aria-invalid={errors.measure ? true : undefined}
          aria-describedby={errors.measure ? `${idBase}-m-e` : undefined}
          onChange={(e) => change({ measure: e.target.value })}
        />
        <Err id={`${idBase}-m-e`} message={errors.measure} />
      </span>
      <span role="cell">
        <select
          aria-label={`Direction of ${name}`}
          value={draft.direction}
          onChange={(e) => change({ direction: e.target.value as StudyOutcomeFields['direction'] }, immediate)}
        >
          {DIRECTIONS.map((d) => (
            <option key={d} value={d}>
              {DIRECTION_LABELS[d]}
            </option>
          ))}
        </select>
      </span>
      <span role="cell">
        <select
          aria-label={`Data type of ${name}`}
          value={draft.dataType}
          onChange={(e) => change({ dataType: e.target.value as StudyOutcomeFields['dataType'] }, immediate)}
        >
          {OUTCOME_DATA_TYPES.map((d) => (
            <option key={d} value={d}>
              {TYPE_LABELS[d]}
            </option>
          ))}
        </select>
      </span>
    </>
  );
}

function OutcomeRow(props: {
  outcome: StudyOutcome;
  protocol: Protocol;
  onSave: (p: Partial<StudyOutcomeFields>) => Promise<unknown>;
  onDelete: () => void;
}) {
  const o = props.outcome;
  const initial: StudyOutcomeFields = {
    outcomeId: o.outcomeId,
    measure: o.measure,
    direction: o.direction,
    dataType: o.dataType,
    notes: o.notes,
  };
  const { draft, errors, change, onRowBlur } = useRowDraft(initial, studyOutcomeFieldsSchema, props.onSave);
  return (
    <div className="setup-row setup-row--outcomes" role="row" data-row-id={o.id} onBlur={onRowBlur}>
      <OutcomeFieldsCells draft={draft} errors={errors} protocol={props.protocol} idBase={`o-${o.id}`} change={change} immediate />
      <span role="cell">
        <button
          type="button"
          className="button button--small button--quiet-danger"
          aria-label={`Delete outcome ${o.measure}`}
          onClick={props.onDelete}
        >
          Delete
        </button>
      </span>
    </div>
  );
}

function NewOutcomeRow(props: { protocol: Protocol; onAdd: (f: StudyOutcomeFields) => Promise<unknown> }) {
  const blank = (): StudyOutcomeFields => ({
    outcomeId: props.protocol.plannedOutcomes[0]?.id ?? '',
    measure: '',
    direction: 'higher-better',
    dataType: 'continuous',
    notes: '',
  });
  const [draft, setDraft] = useState<StudyOutcomeFields>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const change = (p: Partial<StudyOutcomeFields>) => {
    const next = { ...draft, ...p };
    setDraft(next);
    if (tried) setErrors(errorsOf(studyOutcomeFieldsSchema, next));
  };
  const add = async () => {
    const e = errorsOf(studyOutcomeFieldsSchema, draft);
    setTried(true);
    setErrors(e);
    if (Object.keys(e).length) {
      ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    try {
      await props.onAdd(draft);
      setDraft(blank());
      setTried(false);
      ref.current?.querySelector<HTMLElement>('select')?.focus();
    } catch {
      // The toast said why; the draft stays.
    }
  };
  return (
    <div
      className="setup-row setup-row--outcomes setup-row--new"
      role="row"
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
          e.preventDefault();
          void add();
        }
      }}
    >
      <OutcomeFieldsCells draft={draft} errors={errors} protocol={props.protocol} idBase="o-new" change={change} immediate={false} />
      <span role="cell">
        <button type="button" className="button button--small" onClick={() => void add()}>
          + Add outcome
        </button>
      </span>
    </div>
  );
}

function TimepointRow(props: {
  timepoint: Timepoint;
  protocol: Protocol;
  categoryName: string | null;
  onSave: (p: Partial<TimepointFields>) => Promise<unknown>;
  onDelete: () => void;
}) {
  const t = props.timepoint;
  const initial: TimepointFields = { label: t.label, weeksAfterTreatment: t.weeksAfterTreatment, categoryOverride: t.categoryOverride };
  const { draft, errors, change, onRowBlur } = useRowDraft(initial, timepointFieldsSchema, props.onSave);
  const [wText, setWText] = useState(String(t.weeksAfterTreatment));
  useEffect(() => setWText(String(t.weeksAfterTreatment)), [t.weeksAfterTreatment]);
  const w = parseNumber(wText, false);
  const wError = Number.isNaN(w)
    ? wText.trim()
      ? 'must be a number'
      : 'enter the weeks (0 = end of treatment)'
    : errors.weeksAfterTreatment;
  const id = `tp-${t.id}`;
  return (
    <div className="setup-row setup-row--timepoints" role="row" data-row-id={t.id} onBlur={onRowBlur}>
      <span role="cell" className={errors.label ? 'field--invalid' : undefined}>
        <input
          type="text"
          aria-label="Timepoint label"
          value={draft.label}
          aria-invalid={errors.label ? true : undefined}
          aria-describedby={errors.label ? `${id}-l-e` : undefined}
          onChange={(e) => change({ label: e.target.value })}
        />
        <Err id={`${id}-l-e`} message={errors.label} />
      </span>
      <span role="cell" className={wError ? 'field--invalid' : undefined}>
        <input
          type="text"
          inputMode="decimal"
          aria-label={`Weeks after the end of treatment, ${t.label}`}
          value={wText}
          aria-invalid={wError ? true : undefined}
          aria-describedby={wError ? `${id}-w-e` : undefined}
          onChange={(e) => {
            setWText(e.target.value);
            const v = parseNumber(e.target.value, false);
            if (v !== null && !Number.isNaN(v)) change({ weeksAfterTreatment: v });
          }}
        />
        <Err id={`${id}-w-e`} message={wError} />
      </span>
      <span role="cell" className="tp-category">
        {props.categoryName ? (
          <span className={`tp-cat${t.selected ? ' tp-cat--selected' : ''}`}>
            {props.categoryName}
            {t.selected ? ' ✓ analysed' : ''}
          </span>
        ) : (
          <span className="muted">No category</span>
        )}
        {t.categoryOverride ? <span className="muted"> (by hand)</span> : null}
      </span>
      <span role="cell">
        <select
          aria-label={`Category override for ${t.label}`}
          value={draft.categoryOverride ?? ''}
          onChange={(e) => change({ categoryOverride: e.target.value || null }, true)}
        >
          <option value="">Automatic</option>
          {props.protocol.timepointCategories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </span>
      <span role="cell">
        <button
          type="button"
          className="button button--small button--quiet-danger"
          aria-label={`Delete timepoint ${t.label}`}
          onClick={props.onDelete}
        >
          Delete
        </button>
      </span>
    </div>
  );
}

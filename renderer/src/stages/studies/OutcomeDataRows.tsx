import { useEffect, useRef, useState } from 'react';
import {
  ARM_ROLES,
  dataTypeMismatch,
  newStudyOutcomeFields,
  type PlannedOutcomeDefaults,
  armFieldsSchema,
  DIRECTIONS,
  OUTCOME_DATA_TYPES,
  studyOutcomeFieldsSchema,
  timepointFieldsSchema,
  type Arm,
  type ArmFields,
  type Protocol,
  type StudyOutcome,
  type StudyOutcomeFields,
  type TimepointFields,
} from '@grove/shared';
import type * as z from 'zod';
import { issuesOf } from '../../api/client.ts';
import { parseNumber, Select } from '../../components/fields.tsx';
import { errorsOf } from './forms.tsx';
import { ScaleField, scaleState, useScales } from './ScaleField.tsx';
import { ROLE_LABELS, DIRECTION_LABELS, TYPE_LABELS, type Timepoint } from './outcome-labels.ts';

// The editable rows of the Outcome data tab: arms, outcomes and timepoints, each saved on its own with the shared schema checked first.

/** Local draft of a row, validated with the shared schema, saved when focus leaves the row. */
export function useRowDraft<T extends object>(initial: T, schema: z.ZodType, onSave: (patch: Partial<T>) => Promise<unknown>) {
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

export function Err({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span id={id} className="field__error">
      {message}
    </span>
  ) : null;
}

export function ArmRow(props: { arm: Arm; onSave: (patch: Partial<ArmFields>) => Promise<unknown>; onDelete: () => void }) {
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
        <Select<ArmFields['role']>
          aria-label={`Role of ${arm.label}`}
          value={draft.role}
          onChange={(role) => change({ role }, true)}
          options={ARM_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
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

export function OutcomeFieldsCells(props: {
  draft: StudyOutcomeFields;
  errors: Record<string, string>;
  protocol: Protocol;
  idBase: string;
  change: (p: Partial<StudyOutcomeFields>, now?: boolean) => void;
  immediate: boolean;
  /** What the review already gives each planned outcome (the other studies' direction and data type). */
  defaults: readonly PlannedOutcomeDefaults[];
}) {
  const { draft, errors, protocol, idBase, change, immediate } = props;
  const name = protocol.plannedOutcomes.find((p) => p.id === draft.outcomeId)?.name ?? 'new outcome';
  const mismatch = dataTypeMismatch(
    name,
    props.defaults.find((d) => d.outcomeId === draft.outcomeId),
    draft.dataType,
  );
  return (
    <>
      <span role="cell">
        <Select
          aria-label="Planned outcome"
          value={draft.outcomeId}
          onChange={(outcomeId) => change({ outcomeId }, immediate)}
          options={
            protocol.plannedOutcomes.some((p) => p.id === draft.outcomeId)
              ? []
              : [{ value: draft.outcomeId, label: '(not in the protocol)' }]
          }
          groups={protocol.outcomeDomains.map((d) => ({
            label: d.name,
            options: protocol.plannedOutcomes.filter((p) => p.domainId === d.id).map((p) => ({ value: p.id, label: p.name })),
          }))}
        />
      </span>
      <span role="cell" className={errors.measure ? 'field--invalid' : undefined}>
        <ScaleField draft={draft} outcomeName={name} idBase={idBase} error={errors.measure} change={change} immediate={immediate} />
        <Err id={`${idBase}-m-e`} message={errors.measure} />
      </span>
      <span role="cell">
        <Select<StudyOutcomeFields['direction']>
          aria-label={`Direction of ${name}`}
          value={draft.direction}
          onChange={(direction) => change({ direction }, immediate)}
          options={DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] }))}
        />
      </span>
      <span role="cell">
        <Select<StudyOutcomeFields['dataType']>
          aria-label={`Data type of ${name}`}
          value={draft.dataType}
          onChange={(dataType) => change({ dataType }, immediate)}
          options={OUTCOME_DATA_TYPES.map((d) => ({ value: d, label: TYPE_LABELS[d] }))}
          aria-describedby={mismatch ? `${idBase}-t-w` : undefined}
        />
        {mismatch ? (
          <span id={`${idBase}-t-w`} className="planned-entry__warning field__hint" role="status">
            ⚠ {mismatch}
          </span>
        ) : null}
      </span>
    </>
  );
}

export function OutcomeRow(props: {
  outcome: StudyOutcome;
  protocol: Protocol;
  defaults: readonly PlannedOutcomeDefaults[];
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
      <OutcomeFieldsCells
        draft={draft}
        errors={errors}
        protocol={props.protocol}
        idBase={`o-${o.id}`}
        change={change}
        immediate
        defaults={props.defaults}
      />
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

export function NewOutcomeRow(props: {
  protocol: Protocol;
  defaults: readonly PlannedOutcomeDefaults[];
  onAdd: (f: StudyOutcomeFields) => Promise<unknown>;
}) {
  // Direction and data type start as the review already has them for the planned outcome.
  const inherited = (outcomeId: string) => {
    const planned = props.protocol.plannedOutcomes.find((p) => p.id === outcomeId);
    const d = planned
      ? newStudyOutcomeFields(
          planned,
          props.defaults.find((x) => x.outcomeId === outcomeId),
        )
      : null;
    return { direction: d?.direction ?? ('higher-better' as const), dataType: d?.dataType ?? ('continuous' as const) };
  };
  const blank = (): StudyOutcomeFields => {
    const outcomeId = props.protocol.plannedOutcomes[0]?.id ?? '';
    return { outcomeId, measure: '', ...inherited(outcomeId), notes: '' };
  };
  const [draft, setDraft] = useState<StudyOutcomeFields>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const change = (p: Partial<StudyOutcomeFields>) => {
    const next = { ...draft, ...(p.outcomeId !== undefined && p.outcomeId !== draft.outcomeId ? inherited(p.outcomeId) : {}), ...p };
    setDraft(next);
    if (tried) setErrors(errorsOf(studyOutcomeFieldsSchema, next));
  };
  const scales = useScales().data ?? [];
  const add = async () => {
    const e = errorsOf(studyOutcomeFieldsSchema, draft);
    // A measure that is none of the outcome's scales waits for the reviewer's choice.
    if (!e.measure && !scaleState(scales, draft).chosen) e.measure = 'choose one of the outcome’s scales, or add this one as a new scale';
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
      <OutcomeFieldsCells
        draft={draft}
        errors={errors}
        protocol={props.protocol}
        idBase="o-new"
        change={change}
        immediate={false}
        defaults={props.defaults}
      />
      <span role="cell">
        <button type="button" className="button button--small" onClick={() => void add()}>
          + Add outcome
        </button>
      </span>
    </div>
  );
}

export function TimepointRow(props: {
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
        <Select
          aria-label={`Category override for ${t.label}`}
          value={draft.categoryOverride ?? ''}
          onChange={(v) => change({ categoryOverride: v || null }, true)}
          options={[{ value: '', label: 'Automatic' }, ...props.protocol.timepointCategories.map((c) => ({ value: c.id, label: c.name }))]}
        />
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

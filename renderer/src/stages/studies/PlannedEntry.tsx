import { useRef, useState } from 'react';
import {
  dataTypeMismatch,
  DIRECTIONS,
  type ArmResult,
  type Direction,
  type EntryDataType,
  type PlannedEntry as Entry,
  type Protocol,
  type StudyData,
} from '@grove/shared';
import { errorMessage, issuesOf } from '../../api/client.ts';
import { Select } from '../../components/fields.tsx';
import { queryKeys } from '../../data/query-keys.ts';
import { useAppStore } from '../../store/app.ts';
import { checkResult, FIELD_LABELS, type CellField, type CellTexts } from './grid-logic.ts';
import { DIRECTION_LABELS } from './outcome-labels.ts';

// One-step entry (issue 12): every planned outcome the study has no data for yet, at the
// protocol's usual timepoint, ready to type the two arms' results into. Leaving a row (or
// Enter) saves it with entry.enterPlanned, which makes the arms, the measure and the
// timepoint it needs in the same change; the row then moves to the results grid.

const ROLES = ['intervention', 'control'] as const;
type Role = (typeof ROLES)[number];

interface RowDraft {
  readonly dataType: EntryDataType;
  readonly direction: Direction;
  readonly texts: Readonly<Record<Role, CellTexts>>;
}

export function PlannedEntry(props: { data: StudyData; protocol: Protocol; entry: Entry }) {
  const { data, protocol, entry } = props;
  const arms = entry.arms;
  const usual = entry.usualTimepoint;
  // A study with other arms than one intervention and one control is entered in the grid, arm by arm.
  if (!arms || !usual) return null;
  const todo = protocol.plannedOutcomes.filter((p) => !data.outcomes.some((o) => o.outcomeId === p.id));
  if (todo.length === 0) return null;
  const armOf = (role: Role) => arms.find((a) => a.role === role)!;
  return (
    <section className="setup planned-entry" aria-labelledby="planned-entry-h">
      <div className="setup__head">
        <h3 id="planned-entry-h">Enter results</h3>
      </div>
      <table className="grid-table planned-entry__table">
        <caption>
          Planned outcomes at {usual.label}{' '}
          <span className="muted">
            — type the arms’ results; leaving the row saves it
            {data.arms.length === 0 ? ` and adds the arms “${armOf('intervention').label}” and “${armOf('control').label}”` : ''}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Outcome
            </th>
            <th scope="col" rowSpan={2}>
              Data
            </th>
            <th scope="col" rowSpan={2}>
              Direction
            </th>
            {ROLES.map((role) => (
              <th key={role} scope="colgroup" colSpan={3} className="grid-table__arm">
                {armOf(role).label} <span className="muted">{role}</span>
              </th>
            ))}
          </tr>
          <tr>
            {ROLES.flatMap((role) =>
              ['Mean or events', 'SD', 'N'].map((h) => (
                <th key={`${role}-${h}`} scope="col">
                  {h}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {todo.map((p) => (
            <PlannedRow
              key={p.id}
              studyId={data.studyId}
              planned={p}
              defaults={entry.outcomes.find((d) => d.outcomeId === p.id)}
              arms={{ intervention: armOf('intervention'), control: armOf('control') }}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PlannedRow(props: {
  studyId: string;
  planned: { id: string; name: string };
  defaults: Entry['outcomes'][number] | undefined;
  arms: Record<Role, NonNullable<Entry['arms']>[number]>;
}) {
  const { planned, defaults, arms } = props;
  const store = useAppStore();
  const [draft, setDraft] = useState<RowDraft>(() => ({
    dataType: defaults?.dataType ?? 'continuous',
    direction: defaults?.direction ?? 'higher-better',
    texts: { intervention: {}, control: {} },
  }));
  const [serverError, setServerError] = useState<string | null>(null);
  const saving = useRef(false);
  // Three columns per arm, as the header says: mean or events, SD, N (a dichotomous row has no SD).
  const columns: (CellField | null)[] = draft.dataType === 'dichotomous' ? ['events', null, 'n'] : ['mean', 'sd', 'n'];
  const checked = Object.fromEntries(ROLES.map((r) => [r, checkResult(draft.dataType, draft.texts[r], arms[r])])) as Record<
    Role,
    ReturnType<typeof checkResult>
  >;
  const typed = ROLES.some((r) => Object.values(draft.texts[r]).some((t) => (t ?? '').trim() !== ''));
  const invalid = ROLES.some((r) => Object.keys(checked[r].errors).length > 0);
  const mismatch = dataTypeMismatch(planned.name, defaults, draft.dataType);

  const save = async () => {
    if (!typed || invalid || saving.current) return;
    saving.current = true;
    try {
      const result = (r: Role): ArmResult | null => checked[r].result;
      await store.getState().mutate(
        (c) =>
          c.call('entry.enterPlanned', {
            studyId: props.studyId,
            outcomeId: planned.id,
            dataType: draft.dataType,
            direction: draft.direction,
            intervention: result('intervention'),
            control: result('control'),
          }),
        { updates: [{ key: queryKeys.studyData(props.studyId), apply: (_cached, value) => value }] },
      );
    } catch (err) {
      setServerError(issuesOf(err)[0]?.message ?? errorMessage(err));
    } finally {
      saving.current = false;
    }
  };

  const set = (patch: Partial<RowDraft>) => {
    setServerError(null);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const rowId = `pe-${planned.id}`;
  return (
    <>
      <tr
        data-planned-outcome={planned.id}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) void save();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
            e.preventDefault();
            void save();
          }
        }}
      >
        <th scope="row" className="grid-table__tp">
          {planned.name}
        </th>
        <td>
          <Select<EntryDataType>
            aria-label={`Data type of ${planned.name}`}
            value={draft.dataType}
            onChange={(dataType) => set({ dataType })}
            options={[
              { value: 'continuous', label: 'Mean, SD, N' },
              { value: 'dichotomous', label: 'Events, N' },
            ]}
          />
        </td>
        <td>
          <Select<Direction>
            aria-label={`Direction of ${planned.name}`}
            value={draft.direction}
            onChange={(direction) => set({ direction })}
            options={DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] }))}
          />
        </td>
        {ROLES.flatMap((role) =>
          columns.map((f, i) => {
            if (!f) return <td key={`${role}-${i}`} aria-hidden="true" />;
            const err = checked[role].errors[f];
            const id = `${rowId}-${role}-${f}`;
            return (
              <td key={`${role}-${f}`} className={`cell${err ? ' cell--invalid' : ''}`}>
                <input
                  id={id}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  spellCheck={false}
                  aria-label={`${FIELD_LABELS[f]}, ${arms[role].label}, ${planned.name}`}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={err ? `${id}-err` : undefined}
                  value={draft.texts[role][f] ?? ''}
                  onChange={(e) => set({ texts: { ...draft.texts, [role]: { ...draft.texts[role], [f]: e.target.value } } })}
                />
                {err ? (
                  <span id={`${id}-err`} className="cell__error">
                    {err}
                  </span>
                ) : null}
              </td>
            );
          }),
        )}
      </tr>
      {mismatch || serverError || (typed && defaults?.direction === null) ? (
        <tr className="planned-entry__note">
          <td colSpan={9} role={mismatch || serverError ? 'alert' : undefined}>
            {serverError ? <span className="field__error">Not saved: {serverError}</span> : null}
            {mismatch ? <span className="planned-entry__warning">⚠ {mismatch}</span> : null}
            {!mismatch && !serverError ? (
              <span className="muted">No study has {planned.name} yet: check its direction before you leave the row.</span>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}

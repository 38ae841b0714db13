import { useEffect, useRef } from 'react';
import { type Study, type StudyData, type StudyOutcome } from '@grove/shared';
import { errorMessage, useClient } from '../../api/client.ts';
import { useConfirm } from '../../components/confirm.tsx';
import { firstError, useProtocol, useStudyData } from '../../data/queries.ts';
import { useAppStore } from '../../store/app.ts';
import { ResultsGrid } from './ResultsGrid.tsx';
import { PlannedEntry } from './PlannedEntry.tsx';
import { usePlannedEntry } from './queries.ts';
import { ArmRow, OutcomeRow, NewOutcomeRow, TimepointRow } from './OutcomeDataRows.tsx';

// A study's outcome data: its arms, how it measured the review's planned outcomes, its
// timepoints (with the protocol category each falls into and which one is analysed), and
// the results grid. Setup rows are edited in place and saved when focus leaves the row.

export function OutcomeDataTab(props: { study: Study }) {
  const client = useClient();
  const store = useAppStore();
  const confirm = useConfirm();
  const studyId = props.study.id;
  const dataQuery = useStudyData(studyId);
  const protocolQuery = useProtocol();
  const entryQuery = usePlannedEntry(studyId);
  const failure = firstError(dataQuery, protocolQuery, entryQuery);
  const loadError = failure ? errorMessage(failure) : null;
  const data = dataQuery.data ?? null;
  const protocol = protocolQuery.data ?? null;
  const entry = entryQuery.data ?? null;
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
  if (!data || !protocol || !entry) {
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
      <PlannedEntry data={data} protocol={protocol} entry={entry} />
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
              defaults={entry.outcomes}
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
              defaults={entry.outcomes}
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

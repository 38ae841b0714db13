import { useEffect, useId, useMemo, useState } from 'react';
import type { Rob2Record, Study, StudyData } from '@grove/shared';
import {
  effectiveRob2Judgement,
  emptyRob2Assessment,
  rob2FigureData,
  ROB2_DOMAINS,
  rob2JudgementStatus,
  trafficLightSvg,
} from '@grove/shared/rob/index';
import { errorMessage, useClient } from '../../api/client.ts';
import { useAppStore } from '../../store/app.ts';
import { firstError, useApiQuery, useStudies } from '../../data/queries.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { useQueryClient } from '@tanstack/react-query';
import { Rob2Form } from './Rob2Form.tsx';
import { Rob2Mark, rob2Label } from './Rob2Mark.tsx';
import { svgDataUrl } from '../../components/exporting.tsx';
import { Select } from '../../components/fields.tsx';

// RoB 2 assesses a numerical result, not a study: the list shows every assessed result
// (study × outcome × timepoint, or a free label) with its five domain judgements and the
// overall one; a result opens its assessment form. New results are picked from the study's
// extracted outcomes and timepoints, or named freely.

function needsAttention(r: Rob2Record): number {
  const records = [...ROB2_DOMAINS.map((d) => r.assessment.domains[d.id].judgement), r.assessment.overall];
  return records.filter((x) => {
    const s = rob2JudgementStatus(x);
    return s === 'needs-review' || s === 'awaiting-confirmation';
  }).length;
}

export function Rob2Section() {
  const queryClient = useQueryClient();
  const recordsQuery = useApiQuery(queryKeys.rob2, 'rob2.list', {});
  const studiesQuery = useStudies();
  const failure = firstError(recordsQuery, studiesQuery);
  const loadError = failure ? errorMessage(failure) : null;
  const records = recordsQuery.data ?? null;
  const allStudies = studiesQuery.data;
  const studies = useMemo(() => (allStudies ?? []).filter((s) => s.status === 'included'), [allStudies]);
  const setRecords = (update: (prev: Rob2Record[] | null) => Rob2Record[] | null) =>
    queryClient.setQueryData<Rob2Record[]>(queryKeys.rob2, (prev) => update(prev ?? null) ?? undefined);
  const [openId, setOpenId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const sorted = useMemo(
    () => [...(records ?? [])].sort((a, b) => a.studyLabel.localeCompare(b.studyLabel) || a.resultLabel.localeCompare(b.resultLabel)),
    [records],
  );
  const open = openId ? records?.find((r) => r.id === openId) : undefined;

  const figure = useMemo(() => {
    if (!sorted.length) return null;
    const svg = trafficLightSvg(
      rob2FigureData(sorted.map((r) => ({ label: `${r.studyLabel} (${r.resultLabel})`, assessment: r.assessment }))),
    );
    return svgDataUrl(svg);
  }, [sorted]);

  if (loadError)
    return (
      <p className="notice notice--error" role="alert">
        The RoB 2 assessments could not be loaded: {loadError}
      </p>
    );
  if (!records)
    return (
      <p className="muted" role="status">
        Loading RoB 2 assessments…
      </p>
    );

  if (open)
    return (
      <Rob2Form
        key={open.id}
        record={open}
        onSaved={(r) => setRecords((prev) => prev?.map((x) => (x.id === r.id ? r : x)) ?? prev)}
        onClose={() => {
          setOpenId(null);
          requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-rob2-open="${open.id}"]`)?.focus());
        }}
      />
    );

  return (
    <>
      <section className="card card--flush rob-card" aria-labelledby="rob2-list-h">
        <div className="rob-card__head">
          <h2 id="rob2-list-h" className="card__title">
            Results assessed with RoB 2
          </h2>
          <p className="muted">
            One assessment per numerical result. Open a result to answer its signalling questions; the proposed judgements follow the
            official algorithms.
          </p>
        </div>
        {sorted.length === 0 ? (
          <p className="empty">No results assessed yet. Add the first result below.</p>
        ) : (
          <div className="rob-grid-wrap">
            <table className="rob-grid rob2-list" aria-label="RoB 2 assessments">
              <thead>
                <tr>
                  <th scope="col" className="rob-grid__study">
                    Study
                  </th>
                  <th scope="col" className="rob-grid__study">
                    Result
                  </th>
                  {ROB2_DOMAINS.map((d) => (
                    <th key={d.id} scope="col" className="rob-grid__domain" title={d.label}>
                      <span className="rob-grid__key">{d.id}</span>
                    </th>
                  ))}
                  <th scope="col" className="rob-grid__overall">
                    Overall
                  </th>
                  <th scope="col">To check</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((r) => {
                  const todo = needsAttention(r);
                  return (
                    <tr key={r.id}>
                      <th scope="row" className="rob-grid__study">
                        {r.studyLabel}
                      </th>
                      <td className="rob2-list__result">
                        <button
                          type="button"
                          className="link-button"
                          data-rob2-open={r.id}
                          aria-label={`Open the RoB 2 assessment of ${r.studyLabel}, ${r.resultLabel}`}
                          onClick={() => setOpenId(r.id)}
                        >
                          {r.resultLabel}
                        </button>
                      </td>
                      {ROB2_DOMAINS.map((d) => {
                        const j = effectiveRob2Judgement(r.assessment.domains[d.id].judgement);
                        return (
                          <td key={d.id} className="rob-cell" aria-label={`${d.id}: ${rob2Label(j)}`} title={`${d.label}: ${rob2Label(j)}`}>
                            <span className="rob-cell__inner">
                              <Rob2Mark judgement={j} />
                            </span>
                          </td>
                        );
                      })}
                      <td className="rob-cell rob-cell--overall" aria-label={`Overall: ${rob2Label(r.overall)}`}>
                        <Rob2Mark judgement={r.overall} />
                        <span className="rob-overall-label">{rob2Label(r.overall)}</span>
                      </td>
                      <td>{todo ? <span className="badge badge--todo">{todo} to confirm</span> : <span className="muted">—</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <div className="rob2-add">
          {adding ? (
            <AddResult
              studies={studies}
              onCancel={() => setAdding(false)}
              onCreated={(r) => {
                setAdding(false);
                setRecords((prev) => [...(prev ?? []), r]);
                setOpenId(r.id);
              }}
            />
          ) : (
            <button type="button" className="button" onClick={() => setAdding(true)} disabled={studies.length === 0}>
              + Assess a result
            </button>
          )}
          {studies.length === 0 ? <p className="muted">Include studies in Studies &amp; data first.</p> : null}
        </div>
      </section>
      {figure ? (
        <section className="card rob-figures" aria-labelledby="rob2-fig-h">
          <h2 id="rob2-fig-h" className="card__title">
            Traffic-light plot (RoB 2)
          </h2>
          <div className="rob-figure__img">
            <img src={figure} alt={`RoB 2 traffic-light plot of ${sorted.length} results`} />
          </div>
          <p>
            <a className="button button--small" href={figure} download="rob2-traffic-light.svg">
              Download SVG
            </a>
          </p>
        </section>
      ) : null}
    </>
  );
}

function AddResult(props: { studies: Study[]; onCancel: () => void; onCreated: (r: Rob2Record) => void }) {
  const client = useClient();
  const store = useAppStore();
  const id = `ar${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [studyId, setStudyId] = useState(props.studies[0]?.id ?? '');
  const [data, setData] = useState<StudyData | null>(null);
  const [planned, setPlanned] = useState<Map<string, string>>(new Map());
  const [choice, setChoice] = useState('');
  const [label, setLabel] = useState('');
  const [aim, setAim] = useState<'assignment' | 'adhering'>('assignment');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!studyId) return;
    let cancelled = false;
    void Promise.all([client.call('studyData.get', { studyId }), client.call('protocol.get', {})])
      .then(([d, p]) => {
        if (cancelled) return;
        setData(d);
        setPlanned(new Map(p.plannedOutcomes.map((o) => [o.id, o.name])));
        setChoice('');
      })
      .catch(() => !cancelled && setData(null));
    return () => {
      cancelled = true;
    };
  }, [client, studyId]);

  const options = useMemo(() => {
    if (!data) return [];
    const tps = [...data.timepoints].sort((a, b) => a.weeksAfterTreatment - b.weeksAfterTreatment);
    return data.outcomes.flatMap((o) =>
      tps.map((t) => ({
        value: `${o.id}|${t.id}`,
        outcomeId: o.id,
        label: `${planned.get(o.outcomeId) ?? 'Outcome'} (${o.measure}), ${t.label}`,
      })),
    );
  }, [data, planned]);

  const create = async () => {
    const picked = options.find((o) => o.value === choice);
    const resultLabel = picked ? picked.label : label.trim();
    if (!resultLabel) return setError('choose a result, or name it');
    try {
      const r = await store.getState().mutate((c) =>
        c.call('rob2.save', {
          studyId,
          studyOutcomeId: picked ? picked.outcomeId : null,
          resultLabel,
          assessment: emptyRob2Assessment(aim),
        }),
      );
      props.onCreated(r);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <form
      className="rob2-add__form"
      aria-label="Assess a result"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor={`${id}-s`}>
          Study
        </label>
        <Select
          id={`${id}-s`}
          value={studyId}
          onChange={setStudyId}
          autoFocus
          options={props.studies.map((s) => ({ value: s.id, label: s.label }))}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-r`}>
          Result (outcome, timepoint)
        </label>
        <Select
          id={`${id}-r`}
          value={choice}
          onChange={setChoice}
          options={[{ value: '', label: 'Another result (name it) …' }, ...options]}
        />
      </div>
      {choice === '' ? (
        <div className={`field${error ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-l`}>
            Name of the result
          </label>
          <input
            id={`${id}-l`}
            type="text"
            value={label}
            placeholder="e.g. Recovery (RAS), 6 months, ITT"
            onChange={(e) => {
              setLabel(e.target.value);
              setError(null);
            }}
          />
        </div>
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-aim`}>
          Effect of interest
        </label>
        <Select<'assignment' | 'adhering'>
          id={`${id}-aim`}
          value={aim}
          onChange={setAim}
          options={[
            { value: 'assignment', label: 'Assignment to intervention (ITT)' },
            { value: 'adhering', label: 'Adhering to intervention (per protocol)' },
          ]}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary">
          Start the assessment
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { RobSettings } from '@grove/shared';
import { ROB1_DOMAINS, ROB1_JUDGEMENT_LABELS, ROB1_JUDGEMENTS, type Rob1Judgement } from '@grove/shared/rob/index';
import { errorMessage } from '../../api/client.ts';
import { firstError, useApiQuery } from '../../data/queries.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { StageHeader } from '../../components/StageHeader.tsx';
import { useAppStore } from '../../store/app.ts';
import { Rob1Grid } from './Rob1Grid.tsx';
import { Rob2Section } from './Rob2Section.tsx';
import { RobFigures } from './RobFigures.tsx';
import { SecondReviewer } from './SecondReviewer.tsx';
import { Select } from '../../components/fields.tsx';
import './rob.css';

export { judgementFromKey } from './Rob1Grid.tsx';

// The risk-of-bias stage. With RoB 1 (the default): the grid of included studies × the seven
// domains (Rob1Grid), the second reviewer's sample, disagreements and agreement, the
// settings and the figures. With RoB 2: one assessment per numerical result (Rob2Section).
// The settings choose the tool, the overall rule, the outcome groups and the second
// reviewer's sample; the figures are drawn by the shared SVG builders.

export function RobStage() {
  const store = useAppStore();
  const queryClient = useQueryClient();
  const rowsQuery = useApiQuery(queryKeys.robList, 'rob.list', {});
  const settingsQuery = useApiQuery(queryKeys.robSettings, 'rob.settings.get', {});
  const failure = firstError(rowsQuery, settingsQuery);
  const loadError = failure ? errorMessage(failure) : null;
  const rows = rowsQuery.data ?? null;
  const settings = settingsQuery.data ?? null;
  const reload = () => void queryClient.invalidateQueries({ queryKey: queryKeys.rob });

  const saveSettings = async (patch: Partial<RobSettings>) => {
    if (!settings) return;
    queryClient.setQueryData<RobSettings>(queryKeys.robSettings, { ...settings, ...patch });
    try {
      await store
        .getState()
        .mutate((c) => c.call('rob.settings.update', { patch }), { updates: [{ key: queryKeys.robSettings, apply: (_c, next) => next }] });
    } catch (err) {
      store.getState().pushToast({ title: 'The settings were not saved', description: errorMessage(err), tone: 'error' });
      void queryClient.invalidateQueries({ queryKey: queryKeys.robSettings });
    }
  };

  const rob2 = settings?.tool === 'rob2';
  return (
    <div className="stage stage--rob">
      <StageHeader title="Risk of bias">
        {rob2 ? (
          <p>
            Assess each numerical result with the RoB 2 tool: answer the signalling questions of the five domains; the algorithms propose
            each domain’s judgement and the overall one, which you accept or override with a reason.
          </p>
        ) : (
          <p>
            Judge each included study on the seven Cochrane RoB 1 domains, with the support for each judgement. The overall judgement
            follows the rule in the settings below.
          </p>
        )}
      </StageHeader>
      {loadError ? (
        <p className="notice notice--error" role="alert">
          The risk-of-bias judgements could not be loaded: {loadError}
        </p>
      ) : null}
      {!rows && !loadError ? (
        <p className="muted" role="status">
          Loading judgements…
        </p>
      ) : null}
      {rows && settings ? (
        rob2 ? (
          <>
            <Rob2Section />
            <RobSettingsPanel settings={settings} onChange={(p) => void saveSettings(p)} />
          </>
        ) : (
          <>
            <Rob1Grid
              rows={rows}
              rowsKey={queryKeys.robList}
              reload={reload}
              settings={settings}
              gridLabel="Risk of bias judgements"
              headingId="rob-grid-h"
              title="Judgements"
              emptyText="No included studies yet. Studies marked “Included” in Studies & data appear here."
            />
            <SecondReviewer settings={settings} finalRows={rows} onFinalChanged={reload} />
            <RobSettingsPanel settings={settings} onChange={(p) => void saveSettings(p)} />
            {rows.length ? <RobFigures rows={rows} /> : null}
          </>
        )
      ) : null}
    </div>
  );
}

function RobSettingsPanel(props: { settings: RobSettings; onChange: (p: Partial<RobSettings>) => void }) {
  const rule = props.settings.overallRule;
  const tool = (
    <fieldset className="rob-tool">
      <legend className="field__label">Risk-of-bias tool of this review</legend>
      <label className="radio">
        <input type="radio" name="rob-tool" checked={props.settings.tool === 'rob1'} onChange={() => props.onChange({ tool: 'rob1' })} />
        RoB 1 (Cochrane 2011): seven domains per study
      </label>
      <label className="radio">
        <input type="radio" name="rob-tool" checked={props.settings.tool === 'rob2'} onChange={() => props.onChange({ tool: 'rob2' })} />
        RoB 2 (2019): signalling questions per numerical result
      </label>
      <p className="field__hint">Switching keeps the other tool’s judgements; switch back to see them again.</p>
    </fieldset>
  );
  if (props.settings.tool === 'rob2')
    return (
      <section className="card rob-settings" aria-labelledby="rob-settings-h">
        <h2 id="rob-settings-h" className="card__title">
          Settings
        </h2>
        {tool}
      </section>
    );
  return (
    <section className="card rob-settings" aria-labelledby="rob-settings-h">
      <h2 id="rob-settings-h" className="card__title">
        Settings
      </h2>
      {tool}
      <SampleSettings settings={props.settings} onChange={props.onChange} />
      <OutcomeGroupSettings settings={props.settings} onChange={props.onChange} />
      <h3 className="rob-settings__sub">Overall judgement rule</h3>
      <p className="card__intro">
        A study is at high risk if any key domain is high, unclear if any key domain is unclear, low if every domain is low; when the key
        domains are all low but another domain is not, it takes the fallback below. It is pending while a missing judgement could still
        change the answer.
      </p>
      <fieldset className="rob-settings__keys">
        <legend className="field__label">Key domains</legend>
        {ROB1_DOMAINS.map((d) => (
          <label key={d.id} className="radio">
            <input
              type="checkbox"
              checked={rule.keyDomains.includes(d.id)}
              onChange={(e) =>
                props.onChange({
                  overallRule: {
                    ...rule,
                    keyDomains: e.target.checked
                      ? ROB1_DOMAINS.map((x) => x.id).filter((id) => id === d.id || rule.keyDomains.includes(id))
                      : rule.keyDomains.filter((x) => x !== d.id),
                  },
                })
              }
            />
            {d.key} {d.label}
          </label>
        ))}
      </fieldset>
      <div className="field rob-settings__fallback">
        <label className="field__label" htmlFor="rob-fallback">
          Fallback when the key domains are low but another domain is not
        </label>
        <Select<Rob1Judgement>
          id="rob-fallback"
          value={rule.fallback}
          onChange={(fallback) => props.onChange({ overallRule: { ...rule, fallback } })}
          options={ROB1_JUDGEMENTS.map((j) => ({ value: j, label: ROB1_JUDGEMENT_LABELS[j] }))}
        />
      </div>
    </section>
  );
}

/** The second reviewer's sample: a share of the included studies drawn reproducibly with a seed. */
function SampleSettings(props: { settings: RobSettings; onChange: (p: Partial<RobSettings>) => void }) {
  const [pct, setPct] = useState(String(Math.round(props.settings.secondReviewerFraction * 1000) / 10));
  const [seed, setSeed] = useState(String(props.settings.sampleSeed));
  const [errors, setErrors] = useState<{ pct?: string; seed?: string }>({});
  useEffect(() => {
    setPct(String(Math.round(props.settings.secondReviewerFraction * 1000) / 10));
    setSeed(String(props.settings.sampleSeed));
  }, [props.settings.secondReviewerFraction, props.settings.sampleSeed]);
  const commitPct = () => {
    const v = Number(pct.replace('%', '').trim());
    if (!pct.trim() || !Number.isFinite(v) || v <= 0 || v > 100)
      return setErrors((e) => ({ ...e, pct: 'enter a percentage above 0 and at most 100' }));
    setErrors((e) => ({ ...e, pct: undefined }));
    if (v / 100 !== props.settings.secondReviewerFraction) props.onChange({ secondReviewerFraction: v / 100 });
  };
  const commitSeed = () => {
    const v = Number(seed.trim());
    if (!/^-?\d+$/.test(seed.trim()) || !Number.isSafeInteger(v)) return setErrors((e) => ({ ...e, seed: 'the seed is a whole number' }));
    setErrors((e) => ({ ...e, seed: undefined }));
    if (v !== props.settings.sampleSeed) props.onChange({ sampleSeed: v });
  };
  const field = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    commit: () => void,
    error?: string,
    suffix?: string,
  ) => (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <span className="number-input">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-e` : undefined}
          onChange={(e) => set(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
        {suffix ? <span className="number-input__suffix">{suffix}</span> : null}
      </span>
      {error ? (
        <p id={`${id}-e`} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
  return (
    <fieldset className="rob-sample">
      <legend className="field__label">Second reviewer’s sample</legend>
      <p className="field__hint">
        The share of included studies a second reviewer assesses independently, drawn reproducibly from the seed (report both in the
        methods).
      </p>
      <div className="rob-sample__fields">
        {field('rob-fraction', 'Share of studies', pct, setPct, commitPct, errors.pct, '%')}
        {field('rob-seed', 'Sample seed', seed, setSeed, commitSeed, errors.seed)}
      </div>
    </fieldset>
  );
}

/** Named outcome groups (e.g. self-reported vs objective) for judging blinding and attrition per group. */
function OutcomeGroupSettings(props: { settings: RobSettings; onChange: (p: Partial<RobSettings>) => void }) {
  const [names, setNames] = useState(props.settings.outcomeGroups.map((g) => ({ ...g })));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setNames(props.settings.outcomeGroups.map((g) => ({ ...g }))), [props.settings.outcomeGroups]);
  const commit = (next = names) => {
    const cleaned = next.map((g) => ({ ...g, name: g.name.trim() }));
    if (cleaned.some((g) => !g.name)) return setError('an outcome group needs a name');
    if (new Set(cleaned.map((g) => g.name.toLowerCase())).size !== cleaned.length) return setError('two outcome groups have the same name');
    setError(null);
    if (JSON.stringify(cleaned) !== JSON.stringify(props.settings.outcomeGroups)) props.onChange({ outcomeGroups: cleaned });
  };
  return (
    <fieldset className="rob-groups">
      <legend className="field__label">Outcome groups</legend>
      <p className="field__hint">
        Blinding and incomplete outcome data can be judged per outcome group (open the cell with Enter). Name the groups here.
      </p>
      <ul className="rob-groups__list">
        {names.map((g, i) => (
          <li key={g.id}>
            <input
              type="text"
              aria-label={`Outcome group ${i + 1}`}
              value={g.name}
              onChange={(e) => setNames(names.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)))}
              onBlur={() => commit()}
            />
            <button
              type="button"
              className="button button--small button--quiet-danger"
              aria-label={`Remove outcome group ${g.name || i + 1}`}
              onClick={() => {
                const next = names.filter((_, k) => k !== i);
                setNames(next);
                commit(next);
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="button button--small"
        onClick={() => setNames([...names, { id: crypto.randomUUID().slice(0, 8), name: '' }])}
      >
        + Add outcome group
      </button>
    </fieldset>
  );
}

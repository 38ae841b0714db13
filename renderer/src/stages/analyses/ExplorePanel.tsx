import { useMemo } from 'react';
import type { AnalysisSummary, ExtractionForm, Protocol, Sensitivity } from '@grove/shared';
import { formatEstimateWithCi, formatI2, leaveOneOut } from '@grove/shared/stats/index';
import { pText } from './format.ts';
import { linkPlanned, notPossibleReason, sensitivityPhrase, subgroupFields, tauSensitivity } from './planned.ts';
import { usePlannedStatus } from './queries.ts';
import type { Preset } from './OutcomeProperties.tsx';
import { Select } from '../../components/fields.tsx';

// Exploring one outcome: subgroups by a field of the extraction form, sensitivity analyses
// (low risk of bias, treatment-as-usual comparators, leaving one study out), the
// protocol's planned analyses with whether each is possible, which studies are in the
// analysis and why others are not, and leave-one-out.

export interface SensitivityOption {
  value: string;
  label: string;
  s: Sensitivity | undefined;
}

export function sensitivityKey(s: Sensitivity | undefined): string {
  if (!s) return 'none';
  if (s.kind === 'low-risk-of-bias') return 'low-rob';
  if (s.kind === 'leave-one-out') return `loo:${s.studyId}`;
  return `field:${s.fieldId}:${s.optionIds.join(',')}`;
}

export function sensitivityOptions(base: AnalysisSummary, form: ExtractionForm): SensitivityOption[] {
  const tau = tauSensitivity(form);
  return [
    { value: 'none', label: 'None: all studies', s: undefined },
    { value: 'low-rob', label: 'Low risk of bias only', s: { kind: 'low-risk-of-bias' } },
    ...(tau ? [{ value: sensitivityKey(tau), label: 'Comparator: treatment as usual only', s: tau as Sensitivity }] : []),
    ...base.analysis.contributions
      .filter((c) => c.included)
      .map((c) => ({
        value: `loo:${c.studyId}`,
        label: `Leave out ${c.label}`,
        s: { kind: 'leave-one-out', studyId: c.studyId } as Sensitivity,
      })),
  ];
}

export function ExplorePanel(props: {
  outcomeId: string;
  current: AnalysisSummary;
  options: readonly SensitivityOption[];
  protocol: Protocol;
  form: ExtractionForm;
  preset: Preset;
  subgroupFieldId: string;
  onSubgroupField: (id: string) => void;
  sensitivity: Sensitivity | undefined;
  onSensitivity: (s: Sensitivity | undefined) => void;
  busy: boolean;
  error: string | null;
  /**
   * A native review's planned outcome: subgroups by form field, sensitivity analyses and
   * the protocol's plans apply. An outcome entered RevMan's way has its own subgroups.
   */
  planned: boolean;
}) {
  const { current, form, sensitivity } = props;
  const a = current.analysis;
  const links = useMemo(() => linkPlanned(props.protocol.plannedAnalyses, form), [props.protocol.plannedAnalyses, form]);
  const plannedStatus =
    usePlannedStatus({ outcomeId: props.outcomeId, links: props.planned ? links : [], form, preset: props.preset }).data ?? {};
  const loo = useMemo(
    () => (a.input && a.result && a.synthesis === 'meta-analysis' && !sensitivity ? leaveOneOut(a.input, a.result) : []),
    [a.input, a.result, a.synthesis, sensitivity],
  );
  const studyIdByLabel = new Map(a.contributions.map((c) => [c.label, c.studyId]));
  const notPossible = sensitivity ? notPossibleReason(current, sensitivityPhrase(sensitivity, form)) : null;
  const fields = subgroupFields(form);
  const included = a.contributions.filter((c) => c.included);
  const excluded = a.contributions.filter((c) => !c.included);

  const runPlanned = (l: (typeof links)[number]) => {
    if (!l.spec) return;
    if (l.spec.subgroupFieldId !== undefined) props.onSubgroupField(l.spec.subgroupFieldId);
    if (l.spec.sensitivity) props.onSensitivity(l.spec.sensitivity);
  };

  return (
    <>
      {props.planned ? (
        <section className="card an-controls" aria-label="Subgroup and sensitivity analyses">
          <div className="field an-controls__group">
            <label htmlFor="an-subgroup" className="field__label">
              Subgroups by
            </label>
            <Select
              id="an-subgroup"
              value={props.subgroupFieldId}
              onChange={props.onSubgroupField}
              options={[
                { value: '', label: fields.length ? 'No subgroups' : 'No subgroups (the form has no single-choice field)' },
                ...fields.map((f) => ({ value: f.id, label: f.label })),
              ]}
            />
          </div>
          <div className="field an-controls__group">
            <label htmlFor="an-sensitivity" className="field__label">
              Sensitivity analysis
            </label>
            <Select
              id="an-sensitivity"
              value={sensitivityKey(sensitivity)}
              onChange={(value) => props.onSensitivity(props.options.find((o) => o.value === value)?.s)}
              options={props.options.map((o) => ({ value: o.value, label: o.label }))}
            />
          </div>
          <p className="an-controls__status muted" role="status" aria-live="polite">
            {props.busy ? 'Running the analysis…' : props.error ? '' : 'Up to date with the extracted data.'}
          </p>
        </section>
      ) : null}

      {props.error ? (
        <p className="notice notice--error card" role="alert">
          The analysis could not be run: {props.error}
        </p>
      ) : null}

      {notPossible ? (
        <div className="card an-notpossible" role="note" aria-labelledby="an-np-h">
          <h3 id="an-np-h" className="card__title">
            Not possible
          </h3>
          <p>This sensitivity analysis cannot be pooled: {notPossible}. The studies that remain and their own results are listed below.</p>
        </div>
      ) : null}

      <section className="card" aria-labelledby="an-studies-h">
        <h3 id="an-studies-h" className="card__title">
          Studies in this analysis
        </h3>
        <table className="an-table" data-testid="contributions">
          <thead>
            <tr>
              <th scope="col">Study</th>
              <th scope="col">In the analysis</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {[...included, ...excluded].map((c, i) => (
              <tr key={`${c.studyId}-${i}`} className={c.included ? '' : 'is-excluded'}>
                <th scope="row">{c.label}</th>
                <td>{c.included ? 'Included' : 'Excluded'}</td>
                <td>
                  {[
                    c.reason,
                    c.subgroup ? `Subgroup: ${c.subgroup}` : '',
                    c.flipped ? 'Scale reversed to align its direction' : '',
                    ...c.derivations.map((d) => (d.method === 'combine-groups' ? 'Arms combined (Handbook formula)' : d.method)),
                  ]
                    .filter(Boolean)
                    .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {props.planned ? (
        <section className="card" aria-labelledby="an-planned-h">
          <h3 id="an-planned-h" className="card__title">
            Planned in the protocol
          </h3>
          {links.length === 0 ? (
            <p className="muted">The protocol plans no subgroup or sensitivity analyses.</p>
          ) : (
            <ul className="an-planned">
              {links.map((l) => {
                const status = plannedStatus[l.planned.id];
                return (
                  <li key={l.planned.id}>
                    <span className="an-planned__kind">{l.planned.kind === 'subgroup' ? 'Subgroup' : 'Sensitivity'}</span>{' '}
                    <span className="an-planned__name">{l.planned.name}</span>{' '}
                    {l.unlinked ? (
                      <span className="an-planned__np">Not linked: {l.unlinked}.</span>
                    ) : status ? (
                      <span className="an-planned__np">Not possible: {status}.</span>
                    ) : null}{' '}
                    {l.spec ? (
                      <button type="button" className="button button--small" onClick={() => runPlanned(l)}>
                        Show
                      </button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ) : null}

      {loo.length > 1 ? (
        <section className="card" aria-labelledby="an-loo-h">
          <h3 id="an-loo-h" className="card__title">
            Leave one out
          </h3>
          <p className="card__intro">The pooled result with each study left out in turn (same model and methods).</p>
          <table className="an-table" data-testid="leave-one-out">
            <thead>
              <tr>
                <th scope="col">Study left out</th>
                <th scope="col">{a.effectMeasure} [95% CI]</th>
                <th scope="col" className="num">
                  P
                </th>
                <th scope="col" className="num">
                  I²
                </th>
                <th scope="col">
                  <span className="visually-hidden">Show</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {loo.map((e) => {
                const o = e.overall && e.overall.estimable ? e.overall : null;
                const sid = studyIdByLabel.get(e.omittedStudy);
                return (
                  <tr key={e.omittedIndex}>
                    <th scope="row">{e.omittedStudy}</th>
                    <td>{o ? formatEstimateWithCi(o.estimate, o.ciLower, o.ciUpper) : 'Not estimable'}</td>
                    <td className="num">{o ? pText(o.p) : '–'}</td>
                    <td className="num">{o ? formatI2(o.i2) : '–'}</td>
                    <td>
                      {sid ? (
                        <button
                          type="button"
                          className="button button--small button--ghost"
                          aria-label={`Show the forest plot without ${e.omittedStudy}`}
                          onClick={() => props.onSensitivity({ kind: 'leave-one-out', studyId: sid })}
                        >
                          Show
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}

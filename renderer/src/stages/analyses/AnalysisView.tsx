import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnalysisSpec, AnalysisSummary, ExtractionForm, GradeRecord, Protocol, Sensitivity } from '@grove/shared';
import { forestInputFor } from '@grove/shared';
import { forestPlotSvg } from '@grove/shared/forest/index';
import { formatEstimateWithCi, formatI2, leaveOneOut } from '@grove/shared/stats/index';
import { errorMessage } from '../../api/client.ts';
import { downloadBlob, fileSlug, svgDataUrl, svgToPng, usePrintView } from '../../components/exporting.tsx';
import { useAppStore } from '../../store/app.ts';
import {
  estimateText,
  i2Text,
  MEASURE_NAMES,
  methodLine,
  MODEL_LABELS,
  pooled,
  PRESET_LABELS,
  pText,
  studyCount,
  tau2Text,
} from './format.ts';
import { FunnelPanel } from './FunnelPanel.tsx';
import { GradePanel } from './GradePanel.tsx';
import { linkPlanned, notPossibleReason, sensitivityPhrase, subgroupFields, tauSensitivity } from './planned.ts';
import { useAnalysisRun, useForestRob, usePlannedStatus } from './queries.ts';

// One analysis: the forest plot (the shared RevMan 5 layout, shown as an image), the
// pooled numbers, and controls for the model, preset, effect measure, subgroups and
// sensitivity analyses. Each change asks the backend to run the analysis again, so every
// number is the statistical core's answer for the data as they are now.

type Model = 'fixed' | 'random';

/** The plot is drawn at RevMan's 11 px; on screen it is shown a little larger. */
const FOREST_ZOOM = 1.25;

function svgWidth(svg: string): number {
  const m = /<svg[^>]*?\swidth="([\d.]+)/.exec(svg);
  return m ? Number(m[1]) : 800;
}
type Preset = 'revman5' | 'cochrane2025';

function sensitivityKey(s: Sensitivity | undefined): string {
  if (!s) return 'none';
  if (s.kind === 'low-risk-of-bias') return 'low-rob';
  if (s.kind === 'leave-one-out') return `loo:${s.studyId}`;
  return `field:${s.fieldId}:${s.optionIds.join(',')}`;
}

export interface AnalysisViewProps {
  readonly base: AnalysisSummary;
  readonly protocol: Protocol;
  readonly form: ExtractionForm;
  readonly initialModel: Model;
  readonly initialPreset: Preset;
  /** The analysis's GRADE rating as saved in the file, if any. */
  readonly grade?: GradeRecord | null;
  readonly onBack: () => void;
}

export function AnalysisView({ base, protocol, form, initialModel, initialPreset, grade = null, onBack }: AnalysisViewProps) {
  const store = useAppStore();
  const [model, setModel] = useState<Model>(initialModel);
  const [preset, setPreset] = useState<Preset>(initialPreset);
  const [measure, setMeasure] = useState<string>('default');
  const [subgroupFieldId, setSubgroupFieldId] = useState<string>('');
  const [sensitivity, setSensitivity] = useState<Sensitivity | undefined>(undefined);
  const [showRob, setShowRob] = useState(false);
  const robQuery = useForestRob(showRob);
  const rob = robQuery.data ?? null;
  const robError = robQuery.error ? errorMessage(robQuery.error) : null;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { print, view: printView } = usePrintView();

  const a0 = base.analysis;
  const spec: AnalysisSpec = useMemo(
    () => ({
      outcomeId: a0.spec.outcomeId,
      categoryId: a0.spec.categoryId,
      model,
      preset,
      ...(measure !== 'default' ? { effectMeasure: measure as AnalysisSpec['effectMeasure'] } : {}),
      ...(subgroupFieldId ? { subgroupFieldId } : {}),
      ...(sensitivity ? { sensitivity } : {}),
    }),
    [a0.spec.outcomeId, a0.spec.categoryId, model, preset, measure, subgroupFieldId, sensitivity],
  );

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const run = useAnalysisRun(spec, base);
  const current = run.data ?? base;
  const busy = run.isFetching;
  const error = run.error ? errorMessage(run.error) : null;

  const links = useMemo(() => linkPlanned(protocol.plannedAnalyses, form), [protocol.plannedAnalyses, form]);
  const tau = useMemo(() => tauSensitivity(form), [form]);

  const plannedStatus = usePlannedStatus({ base, links, form, model, preset }).data ?? {};

  const a = current.analysis;
  const p = pooled(current);
  const k = studyCount(current);
  const title = `${a.outcomeName}: ${a.categoryName.toLowerCase()}`;
  const robForPlot = showRob && rob ? rob : undefined;
  const svg = useMemo(() => {
    const input = forestInputFor(current.analysis, robForPlot);
    return input && current.analysis.synthesis === 'meta-analysis' ? forestPlotSvg(input, { idPrefix: 'an-forest' }) : null;
  }, [current, robForPlot]);
  const loo = useMemo(
    () => (a.input && a.result && a.synthesis === 'meta-analysis' && !sensitivity ? leaveOneOut(a.input, a.result) : []),
    [a.input, a.result, a.synthesis, sensitivity],
  );
  const studyIdByLabel = new Map(a.contributions.map((c) => [c.label, c.studyId]));
  const notPossible = sensitivity ? notPossibleReason(current, sensitivityPhrase(sensitivity, form)) : null;
  const measures = a.dataType === 'continuous' ? ['MD', 'SMD'] : ['RR', 'OR', 'RD'];
  const fields = subgroupFields(form);
  const fileBase = `forest-${fileSlug(title)}`;
  const included = a.contributions.filter((c) => c.included);
  const excluded = a.contributions.filter((c) => !c.included);

  const runPlanned = (l: (typeof links)[number]) => {
    if (!l.spec) return;
    if (l.spec.subgroupFieldId !== undefined) setSubgroupFieldId(l.spec.subgroupFieldId);
    if (l.spec.sensitivity) setSensitivity(l.spec.sensitivity);
  };

  const sensitivityOptions: { value: string; label: string; s: Sensitivity | undefined }[] = [
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

  const exportPng = async () => {
    if (!svg) return;
    try {
      downloadBlob(`${fileBase}.png`, await svgToPng(svg));
    } catch (err) {
      store.getState().pushToast({ title: 'The PNG could not be made', description: errorMessage(err), tone: 'error' });
    }
  };

  return (
    <div className="an-view">
      <div className="an-view__top">
        <button type="button" className="button button--ghost button--small" onClick={onBack}>
          ← All analyses
        </button>
      </div>
      <header className="an-view__head">
        <h2 ref={headingRef} tabIndex={-1} className="an-view__title">
          {a.outcomeName} <span className="an-view__when">{a.categoryName}</span>
        </h2>
        <p className="muted">
          {a.domainName ? `${a.domainName} · ` : ''}
          {a.dataType === 'continuous' ? 'Continuous' : 'Dichotomous'} outcome, aligned so that{' '}
          {a.direction === 'higher-better' ? 'higher' : 'lower'} scores are better
        </p>
      </header>

      <section className="card an-controls" aria-label="Analysis settings">
        <fieldset className="an-controls__group">
          <legend className="field__label">Model</legend>
          {(['fixed', 'random'] as const).map((m) => (
            <label key={m} className="radio">
              <input type="radio" name="an-model" value={m} checked={model === m} onChange={() => setModel(m)} />
              {MODEL_LABELS[m]}
            </label>
          ))}
        </fieldset>
        <div className="field an-controls__group">
          <label htmlFor="an-preset" className="field__label">
            Methods preset
          </label>
          <select id="an-preset" value={preset} onChange={(e) => setPreset(e.target.value as Preset)}>
            {(['revman5', 'cochrane2025'] as const).map((x) => (
              <option key={x} value={x}>
                {PRESET_LABELS[x]}
              </option>
            ))}
          </select>
        </div>
        <div className="field an-controls__group">
          <label htmlFor="an-measure" className="field__label">
            Effect measure
          </label>
          <select id="an-measure" value={measure} onChange={(e) => setMeasure(e.target.value)}>
            <option value="default">Review’s rule ({a0.effectMeasure})</option>
            {measures.map((m) => (
              <option key={m} value={m}>
                {m}: {MEASURE_NAMES[m]}
              </option>
            ))}
          </select>
        </div>
        <div className="field an-controls__group">
          <label htmlFor="an-subgroup" className="field__label">
            Subgroups by
          </label>
          <select id="an-subgroup" value={subgroupFieldId} onChange={(e) => setSubgroupFieldId(e.target.value)}>
            <option value="">No subgroups</option>
            {fields.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field an-controls__group">
          <label htmlFor="an-sensitivity" className="field__label">
            Sensitivity analysis
          </label>
          <select
            id="an-sensitivity"
            value={sensitivityKey(sensitivity)}
            onChange={(e) => setSensitivity(sensitivityOptions.find((o) => o.value === e.target.value)?.s)}
          >
            {sensitivityOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <p className="an-controls__status muted" role="status" aria-live="polite">
          {busy ? 'Running the analysis…' : error ? '' : 'Up to date with the extracted data.'}
        </p>
      </section>

      {error ? (
        <p className="notice notice--error card" role="alert">
          The analysis could not be run: {error}
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

      <section className="card an-results" aria-labelledby="an-res-h">
        <h3 id="an-res-h" className="card__title">
          {p ? 'Pooled result' : a.synthesis === 'narrative synthesis' ? 'Narrative summary' : 'No usable data'}
        </h3>
        {sensitivity ? (
          <p className="muted" data-testid="sensitivity-label">
            Sensitivity analysis: {sensitivityOptions.find((o) => o.value === sensitivityKey(sensitivity))?.label.toLowerCase()}
          </p>
        ) : null}
        {p ? (
          <dl className="an-facts" data-testid="pooled">
            <div>
              <dt>Studies</dt>
              <dd>{k}</dd>
            </div>
            <div>
              <dt>Participants</dt>
              <dd>{a.participants}</dd>
            </div>
            <div className="an-facts__wide">
              <dt>{MEASURE_NAMES[a.effectMeasure] ?? a.effectMeasure} [95% CI]</dt>
              <dd data-testid="pooled-estimate">{estimateText(p)}</dd>
            </div>
            <div>
              <dt>P</dt>
              <dd>{pText(p.p)}</dd>
            </div>
            <div>
              <dt>I²</dt>
              <dd>{i2Text(p)}</dd>
            </div>
            {a.result?.methods.model === 'random' ? (
              <div>
                <dt>τ²</dt>
                <dd>{tau2Text(p)}</dd>
              </div>
            ) : null}
            <div className="an-facts__method">
              <dt>Method</dt>
              <dd data-testid="method">{methodLine(current)}</dd>
            </div>
          </dl>
        ) : a.synthesis === 'narrative synthesis' && a.result ? (
          <>
            <p>
              Fewer than {a.minStudies} studies have usable data, so no pooled estimate is given. Each study’s own result (
              {MEASURE_NAMES[a.effectMeasure] ?? a.effectMeasure}, 95% CI):
            </p>
            <table className="an-table" data-testid="narrative">
              <thead>
                <tr>
                  <th scope="col">Study</th>
                  <th scope="col">{a.effectMeasure} [95% CI]</th>
                </tr>
              </thead>
              <tbody>
                {a.result.rows.map((r, i) => (
                  <tr key={`${r.study}-${i}`}>
                    <th scope="row">{r.study}</th>
                    <td>
                      {r.estimable && r.estimate !== null && r.ciLower !== null && r.ciUpper !== null
                        ? formatEstimateWithCi(r.estimate, r.ciLower, r.ciUpper)
                        : 'Not estimable'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p>No study has usable data for this analysis.</p>
        )}
        <p className="an-sentence">
          <span className="an-sentence__label">Draft results text: </span>
          {current.sentence}
        </p>
      </section>

      {svg ? (
        <section className="card an-forest" aria-labelledby="an-forest-h">
          <div className="an-forest__head">
            <h3 id="an-forest-h" className="card__title">
              Forest plot
            </h3>
            <span className="button-row">
              <label className="radio an-forest__rob">
                <input type="checkbox" checked={showRob} onChange={(e) => setShowRob(e.target.checked)} />
                Show risk of bias
              </label>
              <button
                type="button"
                className="button button--small"
                onClick={() =>
                  downloadBlob(
                    `${fileBase}.svg`,
                    new Blob([forestPlotSvg(forestInputFor(a, robForPlot)!, { xmlDeclaration: true })], { type: 'image/svg+xml' }),
                  )
                }
              >
                Export SVG
              </button>
              <button type="button" className="button button--small" onClick={() => void exportPng()}>
                Export PNG (300 dpi)
              </button>
              <button
                type="button"
                className="button button--small"
                onClick={() =>
                  print({
                    paper: 'A4',
                    orientation: 'landscape',
                    content: (
                      <figure className="print-figure">
                        <img src={svgDataUrl(svg)} alt={`Forest plot: ${title}`} />
                        <figcaption>
                          <strong>Forest plot of comparison: {title}.</strong> {methodLine(current)}.{' '}
                          {sensitivity
                            ? `Sensitivity analysis: ${sensitivityOptions.find((o) => o.value === sensitivityKey(sensitivity))?.label}. `
                            : ''}
                          Studies: {included.map((c) => c.label).join(', ')}.
                        </figcaption>
                      </figure>
                    ),
                  })
                }
              >
                Print / PDF
              </button>
            </span>
          </div>
          {robError ? (
            <p className="notice notice--error" role="alert">
              The risk-of-bias judgements could not be read: {robError}
            </p>
          ) : showRob && rob && included.every((c) => (rob[c.label] ?? []).every((j) => j === null)) ? (
            <p className="muted" role="note">
              No study in this analysis has risk-of-bias judgements yet: the dashed circles mean “not judged”. Judge them under Risk of
              bias.
            </p>
          ) : null}
          <div className="an-forest__img">
            <img
              src={svgDataUrl(svg)}
              width={Math.round(svgWidth(svg) * FOREST_ZOOM)}
              alt={`Forest plot of ${k} studies for ${title}${p ? `; pooled ${a.effectMeasure} ${estimateText(p)}` : ''}. The study results are listed in the table of studies below.`}
            />
          </div>
        </section>
      ) : null}

      <GradePanel summary={base} record={grade} />

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
            {[...included, ...excluded].map((c) => (
              <tr key={c.studyId} className={c.included ? '' : 'is-excluded'}>
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
                          onClick={() => setSensitivity({ kind: 'leave-one-out', studyId: sid })}
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

      {a.result ? <FunnelPanel summary={current} minStudies={protocol.conventions.funnelPlotMinStudies} /> : null}
      {printView}
    </div>
  );
}

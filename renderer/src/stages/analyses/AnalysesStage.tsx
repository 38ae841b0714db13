import { useMemo, useState } from 'react';
import type { AnalysisSummary, ExtractionForm, GradeRecord, Protocol } from '@grove/shared';
import { errorMessage } from '../../api/client.ts';
import { firstError, useForm, useGrades, useProtocol, useStudies } from '../../data/queries.ts';
import { StageHeader } from '../../components/StageHeader.tsx';
import { useAppStore } from '../../store/app.ts';
import { AnalysisView } from './AnalysisView.tsx';
import { Dashboard } from './Dashboard.tsx';
import { MODEL_LABELS, PRESET_LABELS } from './format.ts';
import { useAnalysesList, useRecomputeOnFocus } from './queries.ts';

// The Analyses stage: a dashboard of every outcome × timepoint with data, and one analysis
// at a time in detail. The backend recomputes the analyses from the extracted data with
// the statistical core; the cache keeps them until a change touches what they read.

type Model = 'fixed' | 'random';
type Preset = 'revman5' | 'cochrane2025';

interface Loaded {
  readonly analyses: AnalysisSummary[];
  readonly protocol: Protocol;
  readonly form: ExtractionForm;
  readonly includedStudies: number;
  readonly grades: ReadonlyMap<string, GradeRecord>;
}

export function AnalysesStage() {
  const store = useAppStore();
  const [openId, setOpenId] = useState<string | null>(null);
  const [model, setModel] = useState<Model | null>(null);
  const [preset, setPreset] = useState<Preset | null>(null);
  const analysesQuery = useAnalysesList(model, preset);
  useRecomputeOnFocus();
  const protocolQuery = useProtocol();
  const formQuery = useForm();
  const studiesQuery = useStudies();
  const gradesQuery = useGrades();
  const queries = [analysesQuery, protocolQuery, formQuery, studiesQuery, gradesQuery];
  const failure = firstError(...queries);
  const loadError = failure ? errorMessage(failure) : null;
  const reload = () => void Promise.all(queries.filter((q) => q.error).map((q) => q.refetch()));
  const analyses = analysesQuery.data;
  const protocol = protocolQuery.data;
  const form = formQuery.data;
  const studies = studiesQuery.data;
  const gradeList = gradesQuery.data;
  const data = useMemo<Loaded | null>(
    () =>
      analyses && protocol && form && studies && gradeList
        ? {
            analyses,
            protocol,
            form,
            includedStudies: studies.filter((s) => s.status === 'included').length,
            grades: new Map(gradeList.map((g) => [g.analysisId, g])),
          }
        : null,
    [analyses, protocol, form, studies, gradeList],
  );

  const conventions = data?.protocol.conventions;
  const effModel = model ?? conventions?.model ?? 'random';
  const effPreset = preset ?? conventions?.preset ?? 'revman5';
  const open = openId && data ? data.analyses.find((a) => a.id === openId) : undefined;

  const back = () => {
    const id = openId;
    setOpenId(null);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-analysis="${CSS.escape(id ?? '')}"] .an-dash__open`)?.focus());
  };

  return (
    <div className="stage stage--analyses">
      <StageHeader title="Analyses">
        <p>
          Every outcome and timepoint with data, pooled by the statistical core from the data as they are now. Open an analysis for its
          forest plot, subgroups and sensitivity analyses.
        </p>
      </StageHeader>
      {loadError ? (
        <p className="notice notice--error card" role="alert">
          The analyses could not be computed: {loadError}{' '}
          <button type="button" className="button button--small" onClick={reload}>
            Try again
          </button>
        </p>
      ) : null}
      {!data && !loadError ? (
        <p className="muted" role="status">
          Computing the analyses…
        </p>
      ) : null}
      {data && open ? (
        <AnalysisView
          key={open.id}
          base={open}
          protocol={data.protocol}
          form={data.form}
          initialModel={effModel}
          initialPreset={effPreset}
          grade={data.grades.get(open.id) ?? null}
          onBack={back}
        />
      ) : data ? (
        <section className="card card--flush an-dash-card" aria-labelledby="an-dash-h">
          <div className="an-dash-card__head">
            <div>
              <h2 id="an-dash-h" className="card__title">
                Analysis dashboard
              </h2>
              <p className="card__intro">
                {data.analyses.length === 0
                  ? 'Nothing to analyse yet.'
                  : `${data.analyses.length} ${data.analyses.length === 1 ? 'analysis' : 'analyses'}. ${MODEL_LABELS[effModel]} model, ${PRESET_LABELS[effPreset]} methods${
                      model || preset ? ' (changed here; the protocol’s conventions are unchanged)' : ' (the protocol’s conventions)'
                    }.`}
              </p>
            </div>
            {data.analyses.length ? (
              <div className="an-dash-card__controls">
                <div className="field">
                  <label className="field__label" htmlFor="an-dash-model">
                    Model
                  </label>
                  <select id="an-dash-model" value={effModel} onChange={(e) => setModel(e.target.value as Model)}>
                    <option value="random">{MODEL_LABELS.random}</option>
                    <option value="fixed">{MODEL_LABELS.fixed}</option>
                  </select>
                </div>
                <div className="field">
                  <label className="field__label" htmlFor="an-dash-preset">
                    Methods preset
                  </label>
                  <select id="an-dash-preset" value={effPreset} onChange={(e) => setPreset(e.target.value as Preset)}>
                    <option value="revman5">{PRESET_LABELS.revman5}</option>
                    <option value="cochrane2025">{PRESET_LABELS.cochrane2025}</option>
                  </select>
                </div>
              </div>
            ) : null}
          </div>
          {data.analyses.length === 0 ? (
            <div className="an-empty" role="note">
              <p>
                <strong>
                  {data.includedStudies === 0
                    ? 'There are no included studies yet, so there is no outcome data to analyse.'
                    : `None of the ${data.includedStudies} included ${data.includedStudies === 1 ? 'study has' : 'studies have'} outcome data entered, so there is nothing to pool.`}
                </strong>
              </p>
              <p>
                An analysis appears here for each planned outcome and timepoint as soon as one study has results for it, entered under
                Studies &amp; data → Outcome data (means, SDs and Ns, or events and totals, per arm). If the studies’ papers report no
                study-level outcome data, no meta-analysis is possible and the review’s results are narrative.
              </p>
              <button type="button" className="button button--small" onClick={() => store.getState().setStage('studies')}>
                Go to Studies &amp; data
              </button>
            </div>
          ) : (
            <Dashboard analyses={data.analyses} grades={data.grades} onOpen={setOpenId} />
          )}
        </section>
      ) : null}
    </div>
  );
}

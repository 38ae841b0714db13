import { useMemo, useState } from 'react';
import type { DashboardEntry, ExtractionForm, GradeRecord, Protocol } from '@grove/shared';
import { errorMessage } from '../../api/client.ts';
import { firstError, useForm, useGrades, useProtocol, useStudies } from '../../data/queries.ts';
import { StageHeader } from '../../components/StageHeader.tsx';
import { useAppStore } from '../../store/app.ts';
import { Dashboard } from './Dashboard.tsx';
import { Outline } from './Outline.tsx';
import { OutcomePage } from './OutcomePage.tsx';
import { useDashboard, useOutline, useRecomputeOnFocus } from './queries.ts';
import './analyses.css';

// The Analyses stage, as a RevMan user expects it: the outline of comparisons, outcomes and
// subgroups (numbered 1, 1.1, 1.1.1, with their ids) beside either the dashboard of every
// outcome with data, each analysed with its own settings, or one outcome opened. The backend
// recomputes the analyses from the rows; the cache keeps them until a change touches what they read.

interface Loaded {
  readonly analyses: DashboardEntry[];
  readonly protocol: Protocol;
  readonly form: ExtractionForm;
  readonly includedStudies: number;
  readonly grades: ReadonlyMap<string, GradeRecord>;
}

export function AnalysesStage() {
  const store = useAppStore();
  const [openId, setOpenId] = useState<string | null>(null);
  // The dashboard's analyses are read while the dashboard is shown; an open outcome has its own.
  const analysesQuery = useDashboard(openId === null);
  useRecomputeOnFocus();
  const protocolQuery = useProtocol();
  const formQuery = useForm();
  const studiesQuery = useStudies();
  const gradesQuery = useGrades();
  // The outline is read once the dashboard's own data are in: what a reviewer sees first comes first.
  const outlineQuery = useOutline(!!(analysesQuery.data && protocolQuery.data && formQuery.data && studiesQuery.data && gradesQuery.data));
  const queries = [analysesQuery, outlineQuery, protocolQuery, formQuery, studiesQuery, gradesQuery];
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

  const outline = outlineQuery.data;

  const back = () => {
    const id = openId;
    setOpenId(null);
    requestAnimationFrame(() =>
      (
        document.querySelector<HTMLElement>(`[data-analysis="${CSS.escape(id ?? '')}"] .an-dash__open`) ??
        document.querySelector<HTMLElement>(`[data-item="${CSS.escape(id ?? '')}"]`)
      )?.focus(),
    );
  };

  return (
    <div className="stage stage--analyses">
      <StageHeader title="Analyses">
        <p>
          Comparisons and outcomes as RevMan numbers them, each pooled by the statistical core from its rows as they are now. Open an
          outcome for its data, properties, forest plot, subgroup and sensitivity analyses and GRADE.
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
      {data ? (
        <div className="an-layout">
          {outline ? (
            <Outline outline={outline} openId={openId} onOpen={setOpenId} />
          ) : (
            <p className="muted card" role="status">
              Reading the outline…
            </p>
          )}
          <div className="an-layout__main">
            {openId ? (
              <OutcomePage
                key={openId}
                id={openId}
                protocol={data.protocol}
                form={data.form}
                grade={data.grades.get(openId) ?? null}
                onBack={back}
              />
            ) : (
              <section className="card card--flush an-dash-card" aria-labelledby="an-dash-h">
                <div className="an-dash-card__head">
                  <div>
                    <h2 id="an-dash-h" className="card__title">
                      Analysis dashboard
                    </h2>
                    <p className="card__intro">
                      {data.analyses.length === 0
                        ? 'Nothing to analyse yet.'
                        : `${data.analyses.length} ${data.analyses.length === 1 ? 'outcome' : 'outcomes'} with data, each analysed with its own model and method (its properties).`}
                    </p>
                  </div>
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
                      An outcome appears here for each planned outcome and timepoint as soon as one study has results for it, entered under
                      Studies &amp; data → Outcome data (means, SDs and Ns, or events and totals, per arm). Rows can also be entered
                      directly, as in RevMan: add a comparison and an outcome in the outline. If the studies’ papers report no study-level
                      outcome data, no meta-analysis is possible and the review’s results are narrative.
                    </p>
                    <button type="button" className="button button--small" onClick={() => store.getState().setStage('studies')}>
                      Go to Studies &amp; data
                    </button>
                  </div>
                ) : (
                  <Dashboard analyses={data.analyses} grades={data.grades} outline={outline ?? []} onOpen={setOpenId} />
                )}
              </section>
            )}
          </div>
        </div>
      ) : null}
    </div>
  );
}

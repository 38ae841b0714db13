import { useEffect, useMemo, useRef, useState } from 'react';
import {
  ApiError,
  resultsSentence,
  type AnalysisDataType,
  type AnalysisSpec,
  type AnalysisSummary,
  type ExtractionForm,
  type GradeRecord,
  type OutcomeDetail,
  type OutcomeSettings,
  type Protocol,
  type Sensitivity,
} from '@grove/shared';
import { errorMessage } from '../../api/client.ts';
import { usePrintView } from '../../components/exporting.tsx';
import { useStudies } from '../../data/queries.ts';
import { useAppStore } from '../../store/app.ts';
import { DataTable, type DataTableActions } from './DataTable.tsx';
import { ExtractionLink } from './ExtractionLink.tsx';
import { ExplorePanel, sensitivityKey, sensitivityOptions } from './ExplorePanel.tsx';
import { CumulativePanel } from './CumulativePanel.tsx';
import { ForestPanel } from './ForestPanel.tsx';
import { InfluencePanel } from './InfluencePanel.tsx';
import { GlmmPanel } from './GlmmPanel.tsx';
import { FunnelPanel } from './FunnelPanel.tsx';
import { GradePanel } from './GradePanel.tsx';
import { editOutcome } from './mutations.ts';
import { MethodsTextPanel } from './MethodsTextPanel.tsx';
import { MetaRegressionPanel } from './MetaRegressionPanel.tsx';
import { OutcomeProperties, type Preset } from './OutcomeProperties.tsx';
import { useExplore, useMetaRegression, useOutcome, useOutcomeRun, type ExploreBlocks, type MetaRegressionChoice } from './queries.ts';
import { ResultPanel } from './ResultPanel.tsx';
import { isEnterable } from './row-entry.ts';

// One outcome of the one analysis model, served from its id: its data table (rows entered,
// derived from the extraction with their provenance, or detached with a reason), its
// properties, the pooled result and forest plot with its own settings, subgroup and
// sensitivity analyses, leave-one-out, GRADE and the funnel plot. An edit's reply is the
// outcome itself, so the table, the numbers and the plot are redrawn from one round trip.

export interface OutcomePageProps {
  readonly id: string;
  readonly protocol: Protocol;
  readonly form: ExtractionForm;
  /** The outcome's GRADE rating as saved in the file, if any. */
  readonly grade: GradeRecord | null;
  readonly onBack: () => void;
}

function ownSummary(id: string, d: OutcomeDetail, protocol: Protocol): AnalysisSummary {
  return { id, analysis: d.analysis, sentence: resultsSentence(d.analysis, protocol.conventions), notPossible: [] };
}

export function OutcomePage({ id, protocol, form, grade, onBack }: OutcomePageProps) {
  const store = useAppStore();
  const mutate = store.getState().mutate;
  const detailQuery = useOutcome(id);
  const studies = useStudies().data ?? [];
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { print, view: printView } = usePrintView();
  const [preset, setPreset] = useState<Preset | null>(null);
  const [compare, setCompare] = useState(false);
  const [subgroupFieldId, setSubgroupFieldId] = useState('');
  const [sensitivity, setSensitivity] = useState<Sensitivity | undefined>(undefined);
  const [blocks, setBlocks] = useState<ExploreBlocks>({
    trimFill: false,
    cumulative: false,
    influence: false,
    glmm: false,
    methods: false,
  });
  const explore = useExplore(id, blocks);
  const [metaReg, setMetaReg] = useState<MetaRegressionChoice>({ shown: false, moderators: [], test: 'z', subgroupId: '' });
  const metaRegression = useMetaRegression(id, metaReg);
  useEffect(() => headingRef.current?.focus(), []);

  const detail = detailQuery.data;
  const planned = detail?.outcome.source.kind === 'planned';
  const ownPreset: Preset = planned ? protocol.conventions.preset : 'revman5';
  const effPreset = preset ?? ownPreset;
  const otherPreset: Preset = effPreset === 'revman5' ? 'cochrane2025' : 'revman5';
  const view = { ...(subgroupFieldId ? { subgroupFieldId } : {}), ...(sensitivity ? { sensitivity } : {}) };
  const viewed = effPreset !== ownPreset || Object.keys(view).length > 0;
  const spec = (p: Preset): AnalysisSpec => ({ outcomeId: id, categoryId: '', preset: p, ...view });
  // The outcome's own analysis comes with it; only a view option asks for another run.
  const run = useOutcomeRun(viewed ? spec(effPreset) : null);
  const beside = useOutcomeRun(compare ? spec(otherPreset) : null);

  const own = useMemo(() => (detail ? ownSummary(id, detail, protocol) : null), [id, detail, protocol]);
  const current = viewed ? (run.data ?? own) : own;
  const options = useMemo(() => (own ? sensitivityOptions(own, form) : []), [own, form]);

  const actions: DataTableActions = {
    update: async (rowId, values) => void (await editOutcome(mutate, id, 'outcomes.rows.update', { outcomeId: id, rowId, values })),
    updateMany: async (rows) =>
      void (await editOutcome(mutate, id, 'outcomes.rows.updateMany', { outcomeId: id, rows: rows.map((r) => ({ ...r })) })),
    remove: async (row) => void (await editOutcome(mutate, id, 'outcomes.rows.delete', { outcomeId: id, rowId: row.id })),
    detach: async (studyId, reason) => void (await editOutcome(mutate, id, 'outcomes.rows.detach', { outcomeId: id, studyId, reason })),
    create: async (studyId, subgroupId, values) =>
      void (await editOutcome(mutate, id, 'outcomes.rows.create', {
        outcomeId: id,
        studyId,
        values,
        ...(subgroupId ? { subgroupId } : {}),
      })),
  };
  const saveSettings = async (patch: Partial<OutcomeSettings>): Promise<boolean> => {
    try {
      await editOutcome(mutate, id, 'outcomes.update', { id, settings: patch });
      return true;
    } catch (err) {
      store.getState().pushToast({ title: 'The property was not saved', description: errorMessage(err), tone: 'error' });
      return false;
    }
  };

  const setDataType = async (to: AnalysisDataType, clearRows: boolean) => {
    try {
      await editOutcome(mutate, id, 'outcomes.setDataType', { id, dataType: to, ...(clearRows ? { clearRows } : {}) });
      return { ok: true } as const;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT' && !clearRows) return { ok: false, conflict: err.message } as const;
      store.getState().pushToast({ title: 'The data type was not changed', description: errorMessage(err), tone: 'error' });
      return { ok: false, conflict: null } as const;
    }
  };

  const sensitivityLabel = sensitivity ? (options.find((o) => o.value === sensitivityKey(sensitivity))?.label ?? null) : null;

  return (
    <div className="an-view">
      <div className="an-view__top">
        <button type="button" className="button button--ghost button--small" onClick={onBack}>
          ← All analyses
        </button>
      </div>
      <header className="an-view__head">
        <h2 ref={headingRef} tabIndex={-1} className="an-view__title">
          {detail ? (
            <>
              <span className="an-view__number">{detail.outcome.number}</span> {detail.outcome.name}{' '}
              <span className="an-view__id">{detail.outcome.id}</span>
            </>
          ) : (
            id
          )}
        </h2>
        {current ? (
          <p className="muted">
            {current.analysis.domainName ? `${current.analysis.domainName} · ` : ''}
            {planned
              ? `Rows derived from the extraction, aligned so that ${current.analysis.direction === 'higher-better' ? 'higher' : 'lower'} scores are better`
              : 'Rows entered or imported as in RevMan'}
          </p>
        ) : null}
      </header>
      {detailQuery.error ? (
        <p className="notice notice--error card" role="alert">
          The outcome could not be read: {errorMessage(detailQuery.error)}
        </p>
      ) : null}
      {!detail || !current ? (
        detailQuery.error ? null : (
          <p className="muted" role="status">
            Reading the outcome…
          </p>
        )
      ) : (
        <>
          <ResultPanel
            summary={current}
            preset={effPreset}
            beside={compare ? (beside.data ?? null) : null}
            sensitivityLabel={sensitivityLabel?.toLowerCase() ?? null}
            skipped={detail.skipped}
          />
          <ForestPanel
            summary={current}
            note={sensitivityLabel ? `Sensitivity analysis: ${sensitivityLabel}` : null}
            entered={!planned}
            print={print}
          />
          {isEnterable(detail.outcome.dataType) ? (
            <DataTable detail={detail} studies={studies} actions={actions} />
          ) : (
            <p className="card muted">“Other data” outcomes are kept as RevMan keeps them and are not entered or pooled here.</p>
          )}
          <ExtractionLink detail={detail} protocol={protocol} />
          <OutcomeProperties
            detail={detail}
            preset={effPreset}
            onPreset={setPreset}
            compare={compare}
            onCompare={setCompare}
            save={saveSettings}
            setDataType={setDataType}
          />
          <GradePanel summary={own!} record={grade} />
          <ExplorePanel
            outcomeId={id}
            current={current}
            options={options}
            protocol={protocol}
            form={form}
            preset={effPreset}
            subgroupFieldId={subgroupFieldId}
            onSubgroupField={setSubgroupFieldId}
            sensitivity={sensitivity}
            onSensitivity={setSensitivity}
            busy={run.isFetching || detailQuery.isFetching}
            error={run.error ? errorMessage(run.error) : null}
            planned={planned}
          />
          {current.analysis.result ? (
            <>
              <FunnelPanel
                summary={current}
                minStudies={protocol.conventions.funnelPlotMinStudies}
                trimFill={{
                  shown: blocks.trimFill,
                  onToggle: (trimFill) => setBlocks((b) => ({ ...b, trimFill })),
                  result: explore.data?.trimFill,
                }}
              />
              <CumulativePanel
                shown={blocks.cumulative}
                onToggle={(cumulative) => setBlocks((b) => ({ ...b, cumulative }))}
                steps={explore.data?.cumulative}
                ratio={explore.data?.ratio ?? false}
                measure={explore.data?.effectMeasure ?? current.analysis.effectMeasure}
                loading={explore.isFetching}
              />
              <InfluencePanel
                shown={blocks.influence}
                onToggle={(influence) => setBlocks((b) => ({ ...b, influence }))}
                rows={explore.data?.influence}
                loading={explore.isFetching}
              />
              <MetaRegressionPanel
                title={`${detail?.outcome.number ?? ''} ${detail?.outcome.name ?? ''}`}
                fields={form.fields}
                subgroups={detail?.outcome.subgroups ?? []}
                choice={metaReg}
                onChoice={setMetaReg}
                result={metaRegression.data}
                error={metaRegression.error ? errorMessage(metaRegression.error) : null}
                loading={metaRegression.isFetching}
              />
              {current.analysis.dataType === 'dichotomous' &&
              (current.analysis.effectMeasure === 'OR' || current.analysis.effectMeasure === 'PETO_OR') ? (
                <GlmmPanel
                  shown={blocks.glmm}
                  onToggle={(glmm) => setBlocks((b) => ({ ...b, glmm }))}
                  result={explore.data?.glmm}
                  loading={explore.isFetching}
                  model={current.analysis.input?.model ?? 'fixed'}
                />
              ) : null}
              <MethodsTextPanel
                shown={blocks.methods}
                onShow={() => setBlocks((b) => ({ ...b, methods: true }))}
                text={explore.data?.methodsText}
                notes={explore.data?.notes ?? []}
              />
            </>
          ) : null}
        </>
      )}
      {printView}
    </div>
  );
}

import { useEffect } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AnalysisSpec, AnalysisSummary, ExtractionForm } from '@grove/shared';
import type { ForestRobJudgement } from '@grove/shared/forest/index';
import { ROB1_DOMAIN_IDS, rob1StudyLevelJudgements } from '@grove/shared/rob/index';
import { errorMessage, useClient } from '../../api/client.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { notPossibleReason, sensitivityPhrase, type PlannedLink } from './planned.ts';

// What the Analyses stage reads. The backend recomputes every analysis from the extracted
// data; the cache keeps each answer until a change to what it reads (query-keys.ts).

type Model = 'fixed' | 'random';
type Preset = 'revman5' | 'cochrane2025';

/** The dashboard: every outcome × timepoint with data, with the model and preset chosen here (or the protocol's). */
export function useAnalysesList(model: Model | null, preset: Preset | null) {
  const client = useClient();
  const options = { ...(model ? { model } : {}), ...(preset ? { preset } : {}) };
  return useQuery({
    queryKey: queryKeys.analyses(options),
    queryFn: () => client.call('analyses.list', options),
    // Another model or preset: the dashboard stays while the new one is computed.
    placeholderData: keepPreviousData,
  });
}

/** One analysis run with the controls' spec; shows `base` (from the dashboard) until the first answer. */
export function useAnalysisRun(spec: AnalysisSpec, base: AnalysisSummary) {
  const client = useClient();
  return useQuery({
    queryKey: [...queryKeys.analysisRun, 'one', spec],
    queryFn: () => client.call('analyses.run', spec),
    placeholderData: (previous) => previous ?? base,
  });
}

/** RoB 1 judgements per study label, the seven domains in RevMan's order, for the forest plot's RoB columns. */
export function useForestRob(enabled: boolean) {
  const client = useClient();
  return useQuery({
    queryKey: [...queryKeys.rob, 'forest'],
    enabled,
    queryFn: async (): Promise<Record<string, ForestRobJudgement[]>> => {
      const rows = await client.call('rob.list', {});
      const j = (x: 'low' | 'high' | 'unclear' | null | undefined): ForestRobJudgement => x ?? null;
      return Object.fromEntries(
        rows.map((r) => {
          const d = rob1StudyLevelJudgements(r.assessment);
          return [r.label, ROB1_DOMAIN_IDS.map((id) => j(d[id]))];
        }),
      );
    },
  });
}

/**
 * The planned sensitivity analyses, each run once with the current model, to say up front
 * which are not possible and why (planned analysis id → reason, null when possible).
 */
export function usePlannedStatus(args: {
  base: AnalysisSummary;
  links: readonly PlannedLink[];
  form: ExtractionForm;
  model: Model;
  preset: Preset;
}) {
  const client = useClient();
  const { base, links, form, model, preset } = args;
  const { outcomeId, categoryId } = base.analysis.spec;
  const runs = links.filter((l) => l.spec?.sensitivity);
  return useQuery({
    // `base.notPossible` is in the key: a change refetches the dashboard and this query at
    // once, and this one must run again with the dashboard's new answer, not the old one.
    queryKey: [
      ...queryKeys.analysisRun,
      'planned',
      outcomeId,
      categoryId,
      model,
      preset,
      runs.map((l) => [l.planned.id, l.spec]),
      base.notPossible,
    ],
    queryFn: async (): Promise<Record<string, string | null>> => {
      const pairs = await Promise.all(
        runs.map(async (l) => {
          const fromApi = base.notPossible.find((n) => n.name === l.planned.name);
          if (fromApi) return [l.planned.id, fromApi.reason] as const;
          try {
            const s = await client.call('analyses.run', { outcomeId, categoryId, model, preset, ...l.spec });
            return [l.planned.id, notPossibleReason(s, sensitivityPhrase(l.spec?.sensitivity, form))] as const;
          } catch (err) {
            return [l.planned.id, errorMessage(err)] as const;
          }
        }),
      );
      return Object.fromEntries(pairs);
    },
  });
}

/**
 * Another program or window may have changed the file while this one was in the
 * background: the analyses on screen are recomputed when the window regains focus.
 */
export function useRecomputeOnFocus() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const onFocus = () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.analysesAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.analysisRun });
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [queryClient]);
}

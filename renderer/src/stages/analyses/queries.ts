import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AnalysisSpec, ExtractionForm } from '@grove/shared';
import type { ForestRobJudgement } from '@grove/shared/forest/index';
import { ROB1_DOMAIN_IDS, rob1StudyLevelJudgements } from '@grove/shared/rob/index';
import { errorMessage, useClient } from '../../api/client.ts';
import { queryKeys } from '../../data/query-keys.ts';
import { notPossibleReason, sensitivityPhrase, type PlannedLink } from './planned.ts';

// What the Analyses stage reads: the one analysis model's outline and outcomes, and the
// dashboard's analyses. The backend recomputes every analysis from the rows as they are;
// the cache keeps each answer until a change to what it reads (query-keys.ts).

type Preset = 'revman5' | 'cochrane2025';

/**
 * The dashboard: every outcome with data, each analysed with its own settings (model,
 * measure, method); a model or preset given here overrides them all (other stages' views).
 * While `enabled` is false (an outcome is open in its place) an edit only marks it stale: the
 * whole review is not re-analysed after each row edit, only when the dashboard is shown again.
 */
export function useAnalysesList(model: 'fixed' | 'random' | null = null, preset: Preset | null = null, enabled = true) {
  const client = useClient();
  const options = { ...(model ? { model } : {}), ...(preset ? { preset } : {}) };
  return useQuery({ queryKey: queryKeys.analyses(options), enabled, queryFn: () => client.call('analyses.list', options) });
}

/**
 * The dashboard's rows: each outcome with data in a few hundred bytes per study (k, N, the
 * pooled estimate, the study CIs, the sentence), not the whole analysis. Read while the
 * dashboard is shown (`enabled`), as useAnalysesList.
 */
export function useDashboard(enabled = true) {
  const client = useClient();
  return useQuery({ queryKey: queryKeys.dashboard, enabled, queryFn: () => client.call('analyses.dashboard', {}) });
}

/** The outline of comparisons, outcomes and subgroups, numbered as RevMan numbers them. */
export function useOutline(enabled = true) {
  const client = useClient();
  return useQuery({ queryKey: queryKeys.outline, enabled, queryFn: () => client.call('outcomes.outline', {}) });
}

/** One outcome: settings, rows (direct, derived with provenance, detached) and its analysis with its own settings. */
export function useOutcome(id: string) {
  const client = useClient();
  return useQuery({ queryKey: queryKeys.outcome(id), queryFn: () => client.call('outcomes.get', { id }) });
}

/** Which "beyond RevMan" blocks the outcome page shows (trim-and-fill in the funnel plot, the cumulative forest plot). */
export interface ExploreBlocks {
  readonly trimFill: boolean;
  readonly cumulative: boolean;
  readonly influence: boolean;
  /** The binomial-normal GLMM (odds-ratio outcomes). */
  readonly glmm: boolean;
  /** The methods paragraph is shown (it comes with every answer; asked for alone only when shown). */
  readonly methods: boolean;
}

/**
 * Trim-and-fill and the cumulative analysis of the outcome with its own model, and its
 * methods paragraph; nothing is asked until one of them is shown, so opening an outcome
 * costs no extra analysis.
 */
export function useExplore(outcomeId: string, blocks: ExploreBlocks) {
  const client = useClient();
  const args = {
    outcomeId,
    ...(blocks.trimFill ? { trimFill: { estimator: 'L0' as const } } : {}),
    ...(blocks.cumulative ? { cumulative: true } : {}),
    ...(blocks.influence ? { influence: true } : {}),
    ...(blocks.glmm ? { glmm: true } : {}),
  };
  return useQuery({
    queryKey: queryKeys.outcomeExplore(outcomeId, {
      trimFill: blocks.trimFill,
      cumulative: blocks.cumulative,
      influence: blocks.influence,
      glmm: blocks.glmm,
    }),
    enabled: blocks.trimFill || blocks.cumulative || blocks.influence || blocks.glmm || blocks.methods,
    queryFn: () => client.call('analyses.explore', args),
    placeholderData: (previous) => previous,
  });
}

/** What the meta-regression panel asks for: the moderators (extraction field ids) and the test. */
export interface MetaRegressionChoice {
  readonly shown: boolean;
  readonly moderators: readonly string[];
  readonly test: 'z' | 'knha';
  /** One subgroup of the outcome (its id); '' = every row. */
  readonly subgroupId: string;
}

/**
 * The outcome's meta-regression on the chosen extraction fields, asked for only while the
 * panel is shown with at least one moderator; a reason it cannot run comes back as the error.
 */
export function useMetaRegression(outcomeId: string, choice: MetaRegressionChoice) {
  const client = useClient();
  const args = {
    outcomeId,
    moderators: [...choice.moderators],
    test: choice.test,
    ...(choice.subgroupId ? { subgroupId: choice.subgroupId } : {}),
  };
  return useQuery({
    queryKey: queryKeys.outcomeMetaRegression(outcomeId, args),
    enabled: choice.shown && choice.moderators.length > 0,
    queryFn: () => client.call('analyses.metaRegression', args),
  });
}

/**
 * The outcome analysed with a view option (another preset, subgroups by a form field, a
 * sensitivity analysis); null = none asked for, the outcome's own analysis is shown.
 */
export function useOutcomeRun(spec: AnalysisSpec | null) {
  const client = useClient();
  return useQuery({
    queryKey: [...queryKeys.analysisRun, 'one', spec],
    enabled: spec !== null,
    queryFn: () => client.call('analyses.run', spec!),
    placeholderData: (previous) => previous,
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
 * The planned sensitivity analyses, each run once with the outcome's own model, to say up
 * front which are not possible and why (planned analysis id → reason, null when possible).
 */
export function usePlannedStatus(args: { outcomeId: string; links: readonly PlannedLink[]; form: ExtractionForm; preset: Preset }) {
  const client = useClient();
  const { outcomeId, links, form, preset } = args;
  const runs = links.filter((l) => l.spec?.sensitivity);
  return useQuery({
    queryKey: [...queryKeys.analysisRun, 'planned', outcomeId, preset, runs.map((l) => [l.planned.id, l.spec])],
    queryFn: async (): Promise<Record<string, string | null>> => {
      const pairs = await Promise.all(
        runs.map(async (l) => {
          try {
            const s = await client.call('analyses.run', { outcomeId, categoryId: '', preset, ...l.spec });
            const fromApi = s.notPossible.find((n) => n.name === l.planned.name);
            return [l.planned.id, fromApi ? fromApi.reason : notPossibleReason(s, sensitivityPhrase(l.spec?.sensitivity, form))] as const;
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
      void queryClient.invalidateQueries({ queryKey: queryKeys.outcomesAll });
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [queryClient]);
}

import { forestForOutcome, inProcessClient, rob2ForRows, type OutcomeForestExtras, type Rob2Record } from '@grove/shared';
import type { ForestMarkup, ForestPlotInput, ForestPlotOptions, ForestRobJudgement } from '@grove/shared/forest/index';
import { markupPartKey } from '@grove/shared/rm5/rich-text';
import { ROB1_DOMAIN_IDS, rob1StudyLevelJudgements } from '@grove/shared/rob/index';
import type { Backend } from '../../../db/src/backend.ts';
import type { Db } from '../../../db/src/connection.ts';
import { readForestContextRows } from '../../../db/src/repositories/forest-context-repo.ts';
import type { AnalysedOutcome } from '../../../db/src/service/outcome-model.ts';

// What a forest plot of the one analysis model needs besides the analysis, read once per
// review for `grove report --forest`: names with RevMan markup kept by the import (shown
// formatted while the plain name is unchanged), study years (SORT_BY="YEAR"), rows' RevMan
// order (SORT_BY="USER") and, when asked, the review's risk-of-bias judgements.

export interface ForestContext {
  plotOf(a: AnalysedOutcome): { input: ForestPlotInput; options: ForestPlotOptions } | null;
}

interface Memo {
  plain: string;
  xml: string;
}

export async function readForestContext(db: Db, backend: Backend, withRob: boolean): Promise<ForestContext> {
  const stored = readForestContextRows(db);
  const parts = stored.markup;
  /** The kept markup of element `tag` of item `ownerId`, while its plain text is still `plain`. */
  const markupOf = (ownerId: string, tag: string, plain: string | null): string | undefined => {
    const raw = parts.get(markupPartKey(ownerId, tag));
    if (raw === undefined || plain === null) return undefined;
    const memo = JSON.parse(raw) as Memo;
    return memo.plain === plain && memo.xml !== plain ? memo.xml : undefined;
  };
  const years: Record<string, number | null> = {};
  for (const [studyId, year] of stored.studyYears) {
    const y = year === null ? NaN : Number.parseInt(year, 10);
    years[studyId] = Number.isFinite(y) ? y : null;
  }
  const order = stored.rowOrder;

  let rob: { tool: 'rob1'; byStudy: Record<string, ForestRobJudgement[]> } | { tool: 'rob2'; records: Rob2Record[] } | null = null;
  if (withRob) {
    const client = inProcessClient(backend);
    const settings = await client.call('rob.settings.get', {});
    if (settings.tool === 'rob2') rob = { tool: 'rob2', records: await client.call('rob2.list', {}) };
    else {
      const byStudy: Record<string, ForestRobJudgement[]> = {};
      for (const r of await client.call('rob.list', {})) {
        const d = rob1StudyLevelJudgements(r.assessment);
        byStudy[r.label] = ROB1_DOMAIN_IDS.map((id) => d[id] ?? null);
      }
      rob = { tool: 'rob1', byStudy };
    }
  }

  return {
    plotOf(a) {
      const o = a.record;
      const s = o.settings;
      const markup: ForestMarkup = {};
      const title = markupOf(o.key, 'NAME', o.name);
      if (title !== undefined) markup.title = `${o.number} ${title}`;
      const labels = [
        ['experimental', 'GROUP_LABEL_1', s.groupLabel1],
        ['control', 'GROUP_LABEL_2', s.groupLabel2],
        ['favoursLeft', 'GRAPH_LABEL_1', s.graphLabel1],
        ['favoursRight', 'GRAPH_LABEL_2', s.graphLabel2],
      ] as const;
      for (const [key, tag, plain] of labels) {
        const m = markupOf(o.key, tag, plain);
        if (m !== undefined) markup[key] = m;
      }
      const subgroups: Record<string, string> = {};
      for (const g of o.subgroups) {
        const m = markupOf(g.key, 'NAME', g.name);
        if (m !== undefined) subgroups[g.name] = m;
      }
      if (Object.keys(subgroups).length > 0) markup.subgroups = subgroups;
      const extras: OutcomeForestExtras = {
        outcomeNumber: o.number,
        studyYears: years,
        rowOrder: Object.fromEntries(a.analysis.rows.map((r) => [r.id, order.get(r.id) ?? null])),
        ...(Object.keys(markup).length > 0 ? { markup } : {}),
      };
      if (rob?.tool === 'rob1') extras.riskOfBias = rob;
      else if (rob?.tool === 'rob2') extras.riskOfBias = { tool: 'rob2', byStudy: rob2ForRows(a.analysis.rows, rob.records) };
      return forestForOutcome(a.analysis, s, extras);
    },
  };
}

import type { Db } from '../connection.ts';
import type { ServiceContext } from '../service/context.ts';
import type { StageList } from '../service/screening-state.ts';
import { rankingServiceFor, rankingServiceOf, type Ranked } from './ranking-service.ts';

// The hook screening.next calls for `order: 'relevance'`: the title/abstract records in
// the latest ranking's order, read without waiting for the worker. Until there is a ranking
// for the stage's current records (no include and exclude yet, or records just imported
// and not yet ranked), file order: nothing is ever held back from screening.
//
// Which records a reviewer must screen (the dual-screening sample) is decided by the
// screening rules alone; the ranking only orders them, so it changes neither who screens
// what nor the agreement measured on the sample.

const checked = new WeakMap<StageList, { ranked: Ranked; matches: boolean }>();

function matches(ranked: Ranked, list: StageList): boolean {
  const known = checked.get(list);
  if (known?.ranked === ranked) return known.matches;
  const ok = ranked.ids.length === list.ids.length && list.ids.every((id) => ranked.index.has(id));
  checked.set(list, { ranked, matches: ok });
  return ok;
}

/** Starts the review's ranking worker if it is not running (screening.next with relevance order asks first). */
export function startRanking(ctx: ServiceContext): void {
  const file = ctx.file();
  if (file) rankingServiceFor(file);
}

/** The stage's records in relevance order (ids and each one's position), or the list itself in file order. */
export function relevanceOrder(db: Db, list: StageList): StageList {
  const ranked = rankingServiceOf(db)?.ranked();
  return ranked && matches(ranked, list) ? ranked : list;
}

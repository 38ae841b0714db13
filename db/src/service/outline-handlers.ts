import { randomUUID } from 'node:crypto';
import {
  ApiError,
  defaultOutcomeSettings,
  nextComparisonId,
  nextOutcomeId,
  nextSubgroupId,
  type Handlers,
  type OutlineEdit,
} from '@grove/shared';
import type { ChangeWriter } from '../changes.ts';
import { recordChange } from '../changes.ts';
import type { Db } from '../connection.ts';
import {
  comparisonRow,
  hasGrade,
  outcomeRow,
  outlineIdsInUse,
  storedRowIdsOf,
  subgroupRow,
  ungroupedRowIdsOf,
} from '../repositories/outline-edit-repo.ts';
import { readComparisons, readOutcomes, type ComparisonRecord, type OutcomeRecord } from '../repositories/outline-repo.ts';
import { readProtocol } from '../repositories/protocol-repo.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';
import { outlineOf } from './outcome-model.ts';

// Editing the outline of the one analysis model: comparisons, outcomes and subgroups are
// added, renamed, moved among their siblings and deleted with all they hold, each as one
// audited, undoable change. Ids never change; RevMan's numbers (position and NO) follow.

type OutlineHandlers = Pick<Handlers, 'outline.add' | 'outline.rename' | 'outline.move' | 'outline.delete' | 'outline.linkPlanned'>;

type Subgroup = OutcomeRecord['subgroups'][number];
type Item =
  | { kind: 'comparison'; c: ComparisonRecord; outcomes: OutcomeRecord[] }
  | { kind: 'outcome'; o: OutcomeRecord }
  | { kind: 'subgroup'; o: OutcomeRecord; s: Subgroup };

function findItem(db: Db, id: string): Item {
  const outcomes = readOutcomes(db);
  const c = readComparisons(db).find((x) => x.id === id);
  if (c) return { kind: 'comparison', c, outcomes: outcomes.filter((o) => o.comparisonKey === c.key) };
  const o = outcomes.find((x) => x.id === id);
  if (o) return { kind: 'outcome', o };
  for (const x of outcomes) {
    const s = x.subgroups.find((g) => g.id === id);
    if (s) return { kind: 'subgroup', o: x, s };
  }
  throw new ApiError('NOT_FOUND', `There is no comparison, outcome or subgroup "${id}" in this review.`);
}

function invalid(path: string, message: string): never {
  throw new ApiError('VALIDATION', `${path}: ${message}`, [{ path, message }]);
}

/** A planned outcome is in the outline because the extraction has data for it: deleting it would not hold. */
function refusePlanned(o: OutcomeRecord, what: string): void {
  if (o.source.kind === 'planned')
    throw new ApiError(
      'CONFLICT',
      `Outcome ${o.number} ${o.name} follows a planned outcome of the protocol and rows derived from the extraction; ${what}.`,
    );
}

const itemLabel = (i: Item): string =>
  i.kind === 'comparison'
    ? `comparison ${i.c.number} ${i.c.name}`
    : i.kind === 'outcome'
      ? `outcome ${i.o.number} ${i.o.name}`
      : `subgroup ${i.s.number} ${i.s.name}`;

function deleteOutcome(w: ChangeWriter, db: Db, o: OutcomeRecord): void {
  for (const id of storedRowIdsOf(db, { outcomeKey: o.key }))
    w.delete(TABLES.dataRow, id, `Deleted a row of outcome ${o.number} ${o.name}`);
  for (const s of o.subgroups) w.delete(TABLES.subgroup, s.key, `Deleted subgroup ${s.number} ${s.name}`);
  if (hasGrade(db, o.id)) w.delete(TABLES.gradeAssessment, o.id, `Deleted the GRADE rating of outcome ${o.number} ${o.name}`);
  w.delete(TABLES.outcome, o.key, `Deleted outcome ${o.number} ${o.name}`);
}

/** Writes positions (and RevMan's NO) 0, 1, 2… in the given order; only moved rows change. */
function renumber(w: ChangeWriter, spec: (typeof TABLES)['comparison' | 'outcome' | 'subgroup'], keys: string[], summary: string): void {
  keys.forEach((key, i) => w.update(spec, key, { position: i, no: i + 1 }, () => summary));
}

function swap<T>(list: readonly T[], index: number, direction: 'up' | 'down'): T[] {
  const j = direction === 'up' ? index - 1 : index + 1;
  const out = [...list];
  [out[index], out[j]] = [out[j]!, out[index]!];
  return out;
}

export function outlineHandlers(ctx: ServiceContext): OutlineHandlers {
  const reply = (db: Db, id: string): OutlineEdit => ({ id, outline: outlineOf(db) });

  return {
    'outline.add': (args) => {
      const db = requireDb(ctx);
      const actor = actorOf(ctx, db);
      const taken = outlineIdsInUse(db);
      if (args.kind === 'comparison') {
        const id = nextComparisonId(taken);
        const position = readComparisons(db).length;
        recordChange(db, actor, `Add comparison ${args.name}`, (w) =>
          w.insert(TABLES.comparison, comparisonRow(randomUUID(), id, args.name, position), `Added comparison ${args.name}`),
        );
        return reply(db, id);
      }
      if (args.kind === 'outcome') {
        const item = findItem(db, args.comparisonId);
        if (item.kind !== 'comparison') invalid('comparisonId', `"${args.comparisonId}" is not a comparison`);
        const id = nextOutcomeId(item.c.id, taken);
        const row = outcomeRow(
          randomUUID(),
          item.c.key,
          id,
          args.name,
          args.dataType,
          item.outcomes.length,
          defaultOutcomeSettings(args.dataType),
        );
        recordChange(db, actor, `Add outcome ${args.name}`, (w) =>
          w.insert(TABLES.outcome, row, `Added outcome ${args.name} to comparison ${item.c.number} ${item.c.name}`),
        );
        return reply(db, id);
      }
      const item = findItem(db, args.outcomeId);
      if (item.kind !== 'outcome') invalid('outcomeId', `"${args.outcomeId}" is not an outcome`);
      const o = item.o;
      refusePlanned(o, 'its subgroups come from the extraction form (Subgroups by, on the outcome page)');
      const id = nextSubgroupId(o.id, taken);
      const key = randomUUID();
      recordChange(db, actor, `Add subgroup ${args.name} to ${o.number}`, (w) => {
        w.insert(
          TABLES.subgroup,
          subgroupRow(key, o.key, id, args.name, o.subgroups.length),
          `Added subgroup ${args.name} to outcome ${o.number} ${o.name}`,
        );
        if (o.subgroups.length > 0) return;
        // RevMan puts every row of an outcome with subgroups in one: the first takes them.
        w.update(TABLES.outcome, o.key, { subgroups: 1 }, () => `Outcome ${o.number} ${o.name} has subgroups`);
        for (const rowId of ungroupedRowIdsOf(db, o.key))
          w.update(TABLES.dataRow, rowId, { subgroup_id: key }, () => `Put a row of outcome ${o.number} in subgroup ${args.name}`);
      });
      return reply(db, id);
    },

    'outline.rename': ({ id, name }) => {
      const db = requireDb(ctx);
      const item = findItem(db, id);
      const [spec, key] =
        item.kind === 'comparison'
          ? [TABLES.comparison, item.c.key]
          : item.kind === 'outcome'
            ? [TABLES.outcome, item.o.key]
            : [TABLES.subgroup, item.s.key];
      recordChange(db, actorOf(ctx, db), `Rename ${itemLabel(item)}`, (w) =>
        w.update(spec, key, { name }, () => `Renamed ${itemLabel(item)} to ${name}`),
      );
      return reply(db, id);
    },

    'outline.move': ({ id, direction }) => {
      const db = requireDb(ctx);
      const item = findItem(db, id);
      const label = `Move ${itemLabel(item)} ${direction}`;
      const siblings =
        item.kind === 'comparison'
          ? readComparisons(db).map((c) => c.key)
          : item.kind === 'outcome'
            ? readOutcomes(db)
                .filter((o) => o.comparisonKey === item.o.comparisonKey)
                .map((o) => o.key)
            : item.o.subgroups.map((s) => s.key);
      const key = item.kind === 'comparison' ? item.c.key : item.kind === 'outcome' ? item.o.key : item.s.key;
      const index = siblings.indexOf(key);
      if ((direction === 'up' && index === 0) || (direction === 'down' && index === siblings.length - 1))
        invalid('direction', `${itemLabel(item)} is already ${direction === 'up' ? 'first' : 'last'}`);
      const spec = item.kind === 'comparison' ? TABLES.comparison : item.kind === 'outcome' ? TABLES.outcome : TABLES.subgroup;
      recordChange(db, actorOf(ctx, db), label, (w) =>
        renumber(w, spec, swap(siblings, index, direction), `Moved ${itemLabel(item)} ${direction}`),
      );
      return reply(db, id);
    },

    'outline.delete': ({ id }) => {
      const db = requireDb(ctx);
      const item = findItem(db, id);
      const why = 'it leaves the outline when no study has data for it (and it has no GRADE rating)';
      if (item.kind === 'comparison')
        for (const o of item.outcomes) refusePlanned(o, `comparison ${item.c.number} cannot be deleted: ${why}`);
      if (item.kind === 'outcome') refusePlanned(item.o, `it cannot be deleted: ${why}`);
      recordChange(db, actorOf(ctx, db), `Delete ${itemLabel(item)}`, (w) => {
        if (item.kind === 'comparison') {
          for (const o of item.outcomes) deleteOutcome(w, db, o);
          w.delete(TABLES.comparison, item.c.key, `Deleted ${itemLabel(item)}`);
          renumber(
            w,
            TABLES.comparison,
            readComparisons(db).map((c) => c.key),
            'Renumbered the comparisons',
          );
        } else if (item.kind === 'outcome') {
          deleteOutcome(w, db, item.o);
          const rest = readOutcomes(db).filter((o) => o.comparisonKey === item.o.comparisonKey);
          renumber(
            w,
            TABLES.outcome,
            rest.map((o) => o.key),
            'Renumbered the outcomes',
          );
        } else {
          const { o, s } = item;
          for (const rowId of storedRowIdsOf(db, { subgroupKey: s.key }))
            w.delete(TABLES.dataRow, rowId, `Deleted a row of ${itemLabel(item)}`);
          w.delete(TABLES.subgroup, s.key, `Deleted ${itemLabel(item)}`);
          const rest = o.subgroups.filter((g) => g.key !== s.key);
          renumber(
            w,
            TABLES.subgroup,
            rest.map((g) => g.key),
            'Renumbered the subgroups',
          );
          if (rest.length === 0) w.update(TABLES.outcome, o.key, { subgroups: 0 }, () => `Outcome ${o.number} ${o.name} has no subgroups`);
        }
      });
      return reply(db, id);
    },

    'outline.linkPlanned': ({ id, planned }) => {
      const db = requireDb(ctx);
      const item = findItem(db, id);
      if (item.kind !== 'outcome') invalid('id', `"${id}" is not an outcome`);
      const o = item.o;
      if (planned === null) {
        if (o.source.kind !== 'planned') invalid('planned', `outcome ${o.number} ${o.name} takes no rows from the extraction`);
        recordChange(db, actorOf(ctx, db), `Unlink outcome ${o.number} from the extraction`, (w) =>
          w.update(
            TABLES.outcome,
            o.key,
            { planned_outcome_id: null, timepoint_category_id: null, follows_conventions: 0 },
            () => `Outcome ${o.number} ${o.name} no longer takes rows derived from the extraction`,
          ),
        );
        return reply(db, id);
      }
      if (o.dataType !== 'continuous' && o.dataType !== 'dichotomous')
        invalid(
          'id',
          `outcome ${o.number} ${o.name} holds ${o.dataType} data; only continuous and dichotomous outcomes take arm-level data`,
        );
      if (o.subgroups.length > 0)
        invalid('id', `outcome ${o.number} ${o.name} has subgroups, and rows derived from the extraction belong to none of them`);
      const protocol = readProtocol(db);
      const outcome = protocol.plannedOutcomes.find((p) => p.id === planned.plannedOutcomeId);
      if (!outcome) invalid('planned.plannedOutcomeId', `there is no planned outcome "${planned.plannedOutcomeId}" in the protocol`);
      const category = protocol.timepointCategories.find((c) => c.id === planned.categoryId);
      if (!category) invalid('planned.categoryId', `there is no timepoint category "${planned.categoryId}" in the protocol`);
      // The outline already shows this planned outcome when a study has data for it: an
      // outcome made for it alone (no rows, subgroups or GRADE rating of its own) gives way.
      const holder = readOutcomes(db).find(
        (x) =>
          x.key !== o.key && x.source.kind === 'planned' && x.source.plannedOutcomeId === outcome.id && x.source.categoryId === category.id,
      );
      if (holder && (storedRowIdsOf(db, { outcomeKey: holder.key }).length > 0 || holder.subgroups.length > 0 || hasGrade(db, holder.id)))
        throw new ApiError(
          'CONFLICT',
          `Outcome ${holder.number} ${holder.name} already takes the extraction of ${outcome.name} at ${category.name}, with rows or a GRADE rating of its own.`,
        );
      recordChange(db, actorOf(ctx, db), `Link outcome ${o.number} to ${outcome.name} at ${category.name}`, (w) => {
        if (holder) {
          deleteOutcome(w, db, holder);
          renumber(
            w,
            TABLES.outcome,
            readOutcomes(db)
              .filter((x) => x.comparisonKey === holder.comparisonKey && x.key !== holder.key)
              .map((x) => x.key),
            'Renumbered the outcomes',
          );
          // The review's own comparison, made for planned outcomes, goes when it is left empty.
          const cmp = readComparisons(db).find((c) => c.key === holder.comparisonKey);
          if (cmp?.origin === 'protocol' && !readOutcomes(db).some((x) => x.comparisonKey === cmp.key && x.key !== holder.key)) {
            w.delete(TABLES.comparison, cmp.key, `Deleted comparison ${cmp.number} ${cmp.name}, left empty`);
            renumber(
              w,
              TABLES.comparison,
              readComparisons(db)
                .filter((c) => c.key !== cmp.key)
                .map((c) => c.key),
              'Renumbered the comparisons',
            );
          }
        }
        w.update(
          TABLES.outcome,
          o.key,
          { planned_outcome_id: outcome.id, timepoint_category_id: category.id, follows_conventions: 0 },
          () => `Outcome ${o.number} ${o.name} takes rows derived from the extraction of ${outcome.name} at ${category.name}`,
        );
      });
      return reply(db, id);
    },
  };
}

import { relevanceOrder, startRanking } from '../screening/relevance-order.ts';
import {
  ApiError,
  FINAL_SLOT,
  SCREENING_STAGES,
  type AgreementDetail,
  type DecisionEntry,
  type Handlers,
  type ScreeningConflict,
  type ScreeningDecision,
  type ScreeningOrder,
  type ScreeningRecord,
  type ScreeningSettings,
  type ScreeningStage,
  type StageAgreement,
  type StageStatus,
} from '@grove/shared';
import {
  fullTextOutcome,
  isConflict,
  mayShowOthers,
  sampleAgreements,
  sampleHash,
  screeningAgreement,
} from '@grove/shared/screening/workflow/index';
import type { Agreement } from '@grove/shared/agreement/index';
import { ruleName } from '@grove/shared/screening/stopping-rules';
import type { Actor } from '../changes.ts';
import { recordChange } from '../changes.ts';
import type { Db } from '../connection.ts';
import { naturalRowId } from '../merge/row-identity.ts';
import { getReviewer, listReviewers } from '../repositories/reviewer-repo.ts';
import {
  decisionRow,
  findDecision,
  readDecidedBy,
  readDecisionsOf,
  readLatestBy,
  type DecisionRow,
} from '../repositories/screening-decision-repo.ts';
import { filePlace, readFields, readUndecidedAfter, type ScreeningRecordFields } from '../repositories/screening-records-repo.ts';
import { findNotRetrieved, readNotRetrievedIds } from '../repositories/retrieval-repo.ts';
import {
  highlightRow,
  readHighlightTerms,
  readReasons,
  readStageSettings,
  reasonInUse,
  readStoppingRule,
  stageSettingsRow,
  stoppingRuleRow,
} from '../repositories/screening-settings-repo.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';
import { finalReason, recordState, stageList, stageStates, type RecordState, type StageList } from './screening-state.ts';

// Screening (issue 14, docs/screening.md): the settings, a reviewer's decisions, the next
// records to screen, the conflicts queue and its resolution, and the status per stage.
// Blinding is enforced here, on the way out: no reply carries another reviewer's decision
// on a record until every reviewer the record needs has decided.

type ScreeningHandlers = Pick<
  Handlers,
  | 'screening.settings.get'
  | 'screening.settings.update'
  | 'screening.decide'
  | 'screening.next'
  | 'screening.record'
  | 'screening.myDecisions'
  | 'screening.conflicts'
  | 'screening.resolve'
  | 'screening.status'
  | 'screening.agreement'
>;

const STAGE_NAME: Record<ScreeningStage, string> = { 'title-abstract': 'title/abstract', 'full-text': 'full text' };
const NO_REVIEWER = 'Choose who you are before screening: every decision is stored as one reviewer’s.';

/** The reviewer a write is made by: screening decisions are always someone's. */
function screenerOf(ctx: ServiceContext, db: Db): Actor & { reviewerId: string } {
  const actor = actorOf(ctx, db);
  if (actor.reviewerId === null) throw new ApiError('CONFLICT', NO_REVIEWER);
  return { ...actor, reviewerId: actor.reviewerId };
}

/** The reviewer a read is for (null when nobody is chosen: nothing is theirs, nothing else is unblinded early). */
function viewerOf(ctx: ServiceContext, db: Db): string | null {
  return ctx.reviewerId && getReviewer(db, ctx.reviewerId) ? ctx.reviewerId : null;
}

function shortTitle(title: string | null, id: string): string {
  if (!title) return `record ${id}`;
  return title.length > 60 ? `"${title.slice(0, 57)}…"` : `"${title}"`;
}

function requireInStage(db: Db, stage: ScreeningStage, recordId: string): StageList {
  const list = stageList(db, stage);
  if (list.index.has(recordId)) return list;
  const place = filePlace(db, recordId);
  if (!place) throw new ApiError('NOT_FOUND', `There is no record with id ${recordId}.`);
  if (!place.remaining)
    throw new ApiError('CONFLICT', `Record ${recordId} is not screened: it was removed as a duplicate or for another reason.`);
  throw new ApiError('CONFLICT', `Record ${recordId} is not in the full-text stage: it was not included at title/abstract.`);
}

/** Checks a decision's reason against the stage: a full-text exclusion needs one of the review's reasons, nothing else takes one. */
function checkReason(db: Db, stage: ScreeningStage, decision: ScreeningDecision, reasonId: string | null): void {
  if (stage === 'full-text' && decision === 'exclude') {
    if (reasonId === null)
      throw new ApiError('VALIDATION', 'A full-text exclusion needs a reason: choose one of the review’s exclusion reasons.', [
        { path: 'reasonId', message: 'choose an exclusion reason' },
      ]);
    if (!readReasons(db).some((r) => r.id === reasonId))
      throw new ApiError('VALIDATION', `There is no exclusion reason with id ${reasonId}.`, [
        { path: 'reasonId', message: 'unknown reason' },
      ]);
  } else if (reasonId !== null) {
    throw new ApiError('VALIDATION', 'Only a full-text exclusion takes an exclusion reason.', [
      { path: 'reasonId', message: 'give no reason for this decision' },
    ]);
  }
}

function reviewerNames(db: Db): Map<string, string> {
  return new Map(listReviewers(db).map((r) => [r.id, r.name]));
}

function entryOf(row: DecisionRow, reasons: ReadonlyMap<string, string>, names: ReadonlyMap<string, string>): DecisionEntry {
  return {
    reviewerId: row.reviewer_id,
    reviewerName: names.get(row.reviewer_id) ?? row.reviewer_name,
    decision: row.decision,
    reasonId: row.reason_id,
    reason: row.reason_id === null ? null : (reasons.get(row.reason_id) ?? null),
    note: row.note,
    labels: JSON.parse(row.labels) as string[],
    decidedAt: row.decided_at,
  };
}

interface Lookups {
  reasons: ReadonlyMap<string, string>;
  names: ReadonlyMap<string, string>;
}
const lookupsOf = (db: Db): Lookups => ({ reasons: new Map(readReasons(db).map((r) => [r.id, r.label])), names: reviewerNames(db) });

/** A record as `viewer` may see it: their own decision, and the others' only once the record is complete. */
function viewOf(
  stage: ScreeningStage,
  fields: ScreeningRecordFields,
  state: RecordState,
  viewer: string | null,
  lookups: Lookups,
): ScreeningRecord {
  const mineRow = viewer === null ? undefined : state.reviewers.find((r) => r.slot === viewer);
  const unblinded = mayShowOthers(
    state.required,
    state.reviewers.map((r) => ({ reviewerId: r.slot, decision: r.decision, decidedAt: r.decided_at })),
  );
  return {
    recordId: fields.id,
    stage,
    title: fields.title,
    authors: fields.authors,
    journal: fields.journal,
    year: fields.year,
    abstract: fields.abstract,
    doi: fields.doi,
    mine: mineRow ? entryOf(mineRow, lookups.reasons, lookups.names) : null,
    others: unblinded ? state.reviewers.filter((r) => r.slot !== viewer).map((r) => entryOf(r, lookups.reasons, lookups.names)) : null,
    final: unblinded ? state.final : null,
    resolution: unblinded && state.resolution ? entryOf(state.resolution, lookups.reasons, lookups.names) : null,
  };
}

function viewsOf(db: Db, stage: ScreeningStage, recordIds: readonly string[], viewer: string | null): ScreeningRecord[] {
  const settings = readStageSettings(db, stage);
  const list = stageList(db, stage);
  const fields = readFields(db, recordIds);
  const decisions = readDecisionsOf(db, stage, recordIds);
  const lookups = lookupsOf(db);
  return recordIds.flatMap((id) => {
    const f = fields.get(id);
    return f ? [viewOf(stage, f, recordState(settings, list, id, decisions.get(id) ?? []), viewer, lookups)] : [];
  });
}

/** Still needs a decision from someone other than those who made one. */
const awaitsAnother = (state: RecordState): boolean => state.resolution === null && state.reviewers.length < state.required;

/** The title/abstract stage in file order: SQLite walks the records and skips the viewer's by index. */
function nextInFileOrder(db: Db, stage: ScreeningStage, viewer: string, after: string | undefined, count: number): string[] {
  const settings = readStageSettings(db, stage);
  const list = stageList(db, stage);
  const found: string[] = [];
  const start = after === undefined ? null : filePlace(db, after);
  // From after the cursor to the end, then from the start up to the cursor: records skipped
  // earlier are offered again, never lost.
  const passes: Array<{ from: { position: number; ordinal: number } | null; until: { position: number; ordinal: number } | null }> = start
    ? [
        { from: start, until: null },
        { from: null, until: start },
      ]
    : [{ from: null, until: null }];
  for (const pass of passes) {
    let cursor = pass.from;
    for (;;) {
      const chunk = readUndecidedAfter(db, stage, viewer, cursor, Math.max(count * 2, 20));
      const open = chunk.filter(
        (r) =>
          !pass.until ||
          r.place.position < pass.until.position ||
          (r.place.position === pass.until.position && r.place.ordinal <= pass.until.ordinal),
      );
      const decisions = readDecisionsOf(
        db,
        stage,
        open.map((r) => r.id),
      );
      for (const r of open) {
        if (awaitsAnother(recordState(settings, list, r.id, decisions.get(r.id) ?? []))) found.push(r.id);
        if (found.length === count) return found;
      }
      if (open.length < chunk.length || chunk.length === 0) break;
      cursor = chunk[chunk.length - 1]!.place;
      if (chunk.length < Math.max(count * 2, 20)) break;
    }
  }
  return found;
}

/** Random orders already sorted, per stage list (a new list, after a change to the stage, sorts again) and reviewer. */
const randomOrders = new WeakMap<StageList, Map<string, { ids: string[]; index: Map<string, number> }>>();

/** A reviewer's own random order of a stage's records: seeded by who they are, stable as they screen. */
function randomOrder(list: StageList, viewer: string): { ids: string[]; index: Map<string, number> } {
  const byViewer = randomOrders.get(list) ?? new Map<string, { ids: string[]; index: Map<string, number> }>();
  randomOrders.set(list, byViewer);
  const known = byViewer.get(viewer);
  if (known) return known;
  const seed = Math.floor(sampleHash(0, viewer) * 2 ** 31);
  const keyed = list.ids.map((id) => ({ id, key: sampleHash(seed, id) }));
  keyed.sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : 1));
  const ids = keyed.map((k) => k.id);
  const order = { ids, index: new Map(ids.map((id, i) => [id, i])) };
  byViewer.set(viewer, order);
  return order;
}

/** Any stage and order, from the stage's record list in memory. */
function nextInList(
  db: Db,
  stage: ScreeningStage,
  order: ScreeningOrder,
  viewer: string,
  after: string | undefined,
  count: number,
): string[] {
  const settings = readStageSettings(db, stage);
  const list = stageList(db, stage);
  const ordered = order === 'random' ? randomOrder(list, viewer) : order === 'relevance' ? relevanceOrder(db, list) : list;
  const ids = ordered.ids;
  const mine = readDecidedBy(db, stage, viewer);
  // A report that could not be obtained takes no decision until it is unmarked.
  const notRetrieved = stage === 'full-text' ? readNotRetrievedIds(db) : new Set<string>();
  const from = after === undefined ? 0 : (ordered.index.get(after) ?? -1) + 1;
  const found: string[] = [];
  const batch: string[] = [];
  const flush = () => {
    const decisions = readDecisionsOf(db, stage, batch);
    for (const id of batch)
      if (found.length < count && awaitsAnother(recordState(settings, list, id, decisions.get(id) ?? []))) found.push(id);
    batch.length = 0;
  };
  for (let k = 0; k < ids.length && found.length < count; k++) {
    const id = ids[(from + k) % ids.length]!;
    if (mine.has(id) || notRetrieved.has(id)) continue;
    batch.push(id);
    if (batch.length === 50) flush();
  }
  flush();
  return found;
}

function conflictOf(stage: ScreeningStage, fields: ScreeningRecordFields, state: RecordState, lookups: Lookups): ScreeningConflict {
  return {
    recordId: fields.id,
    stage,
    title: fields.title,
    authors: fields.authors,
    journal: fields.journal,
    year: fields.year,
    abstract: fields.abstract,
    decisions: state.reviewers.map((r) => entryOf(r, lookups.reasons, lookups.names)),
    resolution: state.resolution ? entryOf(state.resolution, lookups.reasons, lookups.names) : null,
  };
}

const asDecisions = (rows: readonly DecisionRow[]) =>
  rows.map((r) => ({ reviewerId: r.slot, decision: r.decision, reasonId: r.reason_id, decidedAt: r.decided_at }));

function stageStatus(db: Db, stage: ScreeningStage, names: ReadonlyMap<string, string>): StageStatus {
  const states = stageStates(db, stage);
  const counts: StageStatus['decisions'] = {};
  let conflicts = 0;
  let resolved = 0;
  for (const { state } of states) {
    for (const r of state.reviewers) {
      const name = names.get(r.reviewer_id) ?? r.reviewer_name;
      const c = (counts[name] ??= { include: 0, exclude: 0, maybe: 0 });
      c[r.decision]++;
    }
    if (isConflict(asDecisions(state.reviewers))) {
      if (state.resolution) resolved++;
      else conflicts++;
    }
  }
  const agreement = screeningAgreement(states.map(({ state }) => asDecisions(state.reviewers)));
  const rest = {
    decisions: counts,
    conflicts,
    resolved,
    agreement: agreement.percentAgreement,
    kappa: agreement.kappa,
    kappaCi: agreement.kappaCi ? ([agreement.kappaCi[0], agreement.kappaCi[1]] as [number, number]) : null,
  };
  if (stage === 'title-abstract') return { stage, records: states.length, ...rest };
  // Counted as PRISMA counts them (screening-prisma.ts): the stage's records marked, by fullTextOutcome's rule.
  const marked = readNotRetrievedIds(db);
  const notRetrieved = states.filter(({ id, state }) => fullTextOutcome(marked.has(id), state.final).kind === 'not-retrieved').length;
  return { stage, records: states.length, notRetrieved, ...rest };
}

function agreementDetail(a: Agreement<ScreeningDecision>): AgreementDetail {
  return {
    n: a.n,
    agreed: a.agreed,
    percentAgreement: a.percentAgreement,
    kappa: a.kappa,
    kappaStatus: a.kappaStatus,
    kappaSe: a.kappaSe,
    kappaCi: a.kappaCi ? [a.kappaCi[0], a.kappaCi[1]] : null,
    pabak: a.pabak,
    categories: a.categories,
    table: a.table,
  };
}

function stageAgreement(db: Db, stage: ScreeningStage): StageAgreement {
  const settings = readStageSettings(db, stage);
  const records = stageStates(db, stage).map(({ state }) => ({ inSample: state.required === 2, decisions: asDecisions(state.reviewers) }));
  const split = settings.mode === 'dual' && settings.sample.kind === 'included-plus-excluded-fraction';
  return {
    stage,
    settings,
    all: agreementDetail(screeningAgreement(records.map((r) => r.decisions))),
    samples: sampleAgreements(split ? 'split-by-first-decision' : 'in-and-outside', records).map((p) => ({
      part: p.part,
      agreement: agreementDetail(p.agreement),
    })),
  };
}

/** The final full-text exclusions per reason: the resolution's reason, else the reviewers' agreed one. */
function reasonCounts(db: Db): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { state } of stageStates(db, 'full-text')) {
    if (state.final?.decision !== 'exclude') continue;
    const reason = finalReason(state);
    if (reason) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return counts;
}

function readSettings(db: Db): ScreeningSettings {
  const counts = reasonCounts(db);
  return {
    stages: { 'title-abstract': readStageSettings(db, 'title-abstract'), 'full-text': readStageSettings(db, 'full-text') },
    highlight: readHighlightTerms(db),
    exclusionReasons: readReasons(db).map((r) => ({ id: r.id, label: r.label, count: counts.get(r.id) ?? 0 })),
    stoppingRule: readStoppingRule(db),
  };
}

export function screeningHandlers(ctx: ServiceContext): ScreeningHandlers {
  return {
    'screening.settings.get': () => readSettings(requireDb(ctx)),

    'screening.settings.update': ({ patch }) => {
      const db = requireDb(ctx);
      const actor = actorOf(ctx, db);
      const reasons = patch.exclusionReasons;
      if (reasons) {
        const seen = new Map<string, number>();
        reasons.forEach((r, i) => {
          const key = r.label.toLocaleLowerCase();
          if (seen.has(key))
            throw new ApiError('VALIDATION', `Exclusion reason ${i + 1} ("${r.label}") repeats reason ${seen.get(key)! + 1}.`, [
              { path: `patch.exclusionReasons.${i}.label`, message: 'this reason is already in the list' },
            ]);
          seen.set(key, i);
        });
      }
      recordChange(db, actor, 'Edit screening settings', (w) => {
        for (const stage of SCREENING_STAGES) {
          const settings = patch.stages?.[stage];
          if (settings)
            w.update(
              TABLES.screeningStage,
              stage,
              stageSettingsRow(settings),
              (f) => `Edited ${STAGE_NAME[stage]} screening: ${f.join(', ')}`,
            );
        }
        if (patch.highlight) {
          const terms = { ...readHighlightTerms(db), ...patch.highlight };
          w.update(TABLES.screeningSettings, 1, highlightRow(terms), (f) => `Edited highlight terms: ${f.join(', ')}`);
        }
        if (patch.stoppingRule)
          w.update(
            TABLES.screeningSettings,
            1,
            stoppingRuleRow(patch.stoppingRule),
            () => `Set the stopping rule: ${ruleName(patch.stoppingRule!)}`,
          );
        if (reasons) {
          const stored = readReasons(db);
          const kept = new Set(reasons.flatMap((r) => (r.id ? [r.id] : [])));
          for (const old of stored) {
            if (kept.has(old.id)) continue;
            if (reasonInUse(db, old.id))
              throw new ApiError(
                'CONFLICT',
                `The exclusion reason "${old.label}" is given by a decision, so it cannot be removed; rename it instead.`,
              );
            w.delete(TABLES.screeningReason, old.id, `Removed exclusion reason "${old.label}"`);
          }
          reasons.forEach((r, position) => {
            if (r.id !== undefined) {
              if (!stored.some((s) => s.id === r.id))
                throw new ApiError('VALIDATION', `There is no exclusion reason with id ${r.id}.`, [
                  { path: `patch.exclusionReasons.${position}.id`, message: 'unknown reason' },
                ]);
              w.update(TABLES.screeningReason, r.id, { label: r.label, position }, () => `Edited exclusion reason "${r.label}"`);
              return;
            }
            // The id derives from the label, so two copies adding the same reason meet; a
            // renamed reason may hold that id already.
            let id = naturalRowId('screening_reason', r.label.toLocaleLowerCase());
            for (let n = 2; stored.some((s) => s.id === id); n++) id = naturalRowId('screening_reason', r.label.toLocaleLowerCase(), n);
            w.insert(TABLES.screeningReason, { id, position, label: r.label }, `Added exclusion reason "${r.label}"`);
          });
        }
      });
      return readSettings(db);
    },

    'screening.decide': ({ stage, recordId, decision, reasonId, note, labels }) => {
      const db = requireDb(ctx);
      const actor = screenerOf(ctx, db);
      requireInStage(db, stage, recordId);
      checkReason(db, stage, decision, reasonId);
      const fields = readFields(db, [recordId]).get(recordId);
      if (stage === 'full-text' && findNotRetrieved(db, recordId))
        throw new ApiError(
          'CONFLICT',
          `The full text of ${shortTitle(fields?.title ?? null, recordId)} is marked as not obtained, so it is not assessed; unmark it once you have the report.`,
        );
      const label = `Screen ${shortTitle(fields?.title ?? null, recordId)} (${STAGE_NAME[stage]}): ${decision}`;
      recordChange(db, actor, label, (w) => {
        const row = decisionRow(
          {
            recordId,
            stage,
            slot: actor.reviewerId,
            reviewerId: actor.reviewerId,
            reviewerName: actor.reviewerName,
            decision,
            reasonId,
            note,
            labels,
            decidedAt: actor.now,
          },
          w.hlc,
        );
        const existing = findDecision(db, recordId, stage, actor.reviewerId);
        if (!existing) w.insert(TABLES.screeningDecision, row, label);
        else {
          const patch = {
            decision: row.decision ?? null,
            reason_id: row.reason_id ?? null,
            note: row.note ?? '',
            labels: row.labels ?? '[]',
          };
          w.update(TABLES.screeningDecision, existing.id, patch, () => label, {
            decided_at: actor.now,
            decided_hlc: w.hlc,
            reviewer_name: actor.reviewerName,
          });
        }
      });
      return viewsOf(db, stage, [recordId], actor.reviewerId)[0]!;
    },

    'screening.next': ({ stage, after, count, order }) => {
      const db = requireDb(ctx);
      const viewer = viewerOf(ctx, db);
      if (viewer === null) throw new ApiError('CONFLICT', NO_REVIEWER);
      if (order === 'relevance') startRanking(ctx);
      const ids =
        stage === 'title-abstract' && order === 'file'
          ? nextInFileOrder(db, stage, viewer, after, count)
          : nextInList(db, stage, order, viewer, after, count);
      return { records: viewsOf(db, stage, ids, viewer) };
    },

    'screening.record': ({ stage, recordId }) => {
      const db = requireDb(ctx);
      requireInStage(db, stage, recordId);
      return viewsOf(db, stage, [recordId], viewerOf(ctx, db))[0]!;
    },

    'screening.myDecisions': ({ stage, limit }) => {
      const db = requireDb(ctx);
      const viewer = viewerOf(ctx, db);
      if (viewer === null) return [];
      return viewsOf(db, stage, readLatestBy(db, stage, viewer, limit), viewer);
    },

    'screening.conflicts': ({ stage, include }) => {
      const db = requireDb(ctx);
      const lookups = lookupsOf(db);
      const conflicted = stageStates(db, stage).filter(
        ({ state }) => isConflict(asDecisions(state.reviewers)) && (include === 'all' || state.resolution === null),
      );
      const fields = readFields(
        db,
        conflicted.map((c) => c.id),
      );
      return conflicted.flatMap(({ id, state }) => {
        const f = fields.get(id);
        return f ? [conflictOf(stage, f, state, lookups)] : [];
      });
    },

    'screening.resolve': ({ stage, recordId, decision, reasonId, note }) => {
      const db = requireDb(ctx);
      const actor = screenerOf(ctx, db);
      const list = requireInStage(db, stage, recordId);
      checkReason(db, stage, decision, reasonId);
      const rows = readDecisionsOf(db, stage, [recordId]).get(recordId) ?? [];
      const state = recordState(readStageSettings(db, stage), list, recordId, rows);
      if (!isConflict(asDecisions(state.reviewers)))
        throw new ApiError(
          'CONFLICT',
          `Record ${recordId} has no conflict to resolve at ${STAGE_NAME[stage]}: its reviewers do not disagree.`,
        );
      const fields = readFields(db, [recordId]).get(recordId)!;
      const label = `Resolve ${shortTitle(fields.title, recordId)} (${STAGE_NAME[stage]}): ${decision}`;
      recordChange(db, actor, label, (w) => {
        const row = decisionRow(
          {
            recordId,
            stage,
            slot: FINAL_SLOT,
            reviewerId: actor.reviewerId,
            reviewerName: actor.reviewerName,
            decision,
            reasonId,
            note,
            labels: [],
            decidedAt: actor.now,
          },
          w.hlc,
        );
        if (!state.resolution) w.insert(TABLES.screeningDecision, row, label);
        else {
          const patch = {
            decision: row.decision ?? null,
            reason_id: row.reason_id ?? null,
            note: row.note ?? '',
            reviewer_id: row.reviewer_id ?? null,
          };
          w.update(TABLES.screeningDecision, state.resolution.id, patch, () => label, {
            decided_at: actor.now,
            decided_hlc: w.hlc,
            reviewer_name: actor.reviewerName,
          });
        }
      });
      const after = recordState(
        readStageSettings(db, stage),
        stageList(db, stage),
        recordId,
        readDecisionsOf(db, stage, [recordId]).get(recordId) ?? [],
      );
      return conflictOf(stage, fields, after, lookupsOf(db));
    },

    'screening.agreement': () => {
      const db = requireDb(ctx);
      return SCREENING_STAGES.map((stage) => stageAgreement(db, stage));
    },

    'screening.status': () => {
      const db = requireDb(ctx);
      const names = reviewerNames(db);
      return { stages: SCREENING_STAGES.map((stage) => stageStatus(db, stage, names)) };
    },
  };
}

import type { AnalysisConventions, OutcomeDomain, PlannedAnalysis, PlannedOutcome, Protocol, TimepointCategory } from '@grove/shared';
import type { Db } from '../connection.ts';
import type { ChangeWriter, Row, TableSpec } from '../changes.ts';
import { TABLES } from '../tables.ts';
import { fromJsonList, toJsonList } from './json-columns.ts';
import { cached } from '../statements.ts';

// The protocol is one singleton row plus four ordered lists. Reading assembles the
// shared/ Protocol; writing goes through a ChangeWriter (audited) or, for a new or
// imported file, straight in.

type ProtocolRow = Record<string, string | number | null>;

export function protocolRow(p: Protocol): Row {
  const c: AnalysisConventions = p.conventions;
  return {
    singleton: 1,
    title: p.title,
    registration: p.registration,
    question: p.question,
    pico_population: p.pico.population,
    pico_intervention: p.pico.intervention,
    pico_comparator: p.pico.comparator,
    pico_outcomes: p.pico.outcomes,
    eligibility_study_design: p.eligibility.studyDesign,
    eligibility_participants: p.eligibility.participants,
    eligibility_interventions: p.eligibility.interventions,
    eligibility_comparators: p.eligibility.comparators,
    eligibility_outcomes: p.eligibility.outcomes,
    eligibility_other: p.eligibility.other,
    search_databases: toJsonList(p.searches.databases),
    search_other_methods: toJsonList(p.searches.otherMethods),
    search_searched_from: p.searches.searchedFrom,
    search_date: p.searches.searchDate,
    methods_screening: p.methods.screening,
    methods_data_extraction: p.methods.dataExtraction,
    methods_risk_of_bias: p.methods.riskOfBias,
    methods_synthesis: p.methods.synthesis,
    conventions_preset: c.preset,
    conventions_model: c.model,
    conventions_min_studies: c.minStudiesForMetaAnalysis,
    conventions_continuous_measure_rule: c.continuousMeasureRule,
    conventions_smd_small: c.smdSmall,
    conventions_smd_medium: c.smdMedium,
    conventions_smd_large: c.smdLarge,
    conventions_substantial_i2: c.substantialHeterogeneityI2,
    conventions_funnel_min_studies: c.funnelPlotMinStudies,
  };
}

const domainRow = (d: OutcomeDomain, position: number): Row => ({
  id: d.id,
  position,
  name: d.name,
  description: d.description,
  includes: toJsonList(d.includes),
});
const outcomeRow = (o: PlannedOutcome, position: number): Row => ({
  id: o.id,
  domain_id: o.domainId,
  position,
  name: o.name,
  description: o.description,
});
const timepointRow = (t: TimepointCategory, position: number): Row => ({
  id: t.id,
  position,
  name: t.name,
  definition: t.definition,
  after_weeks_min: t.afterWeeksMin,
  after_weeks_max: t.afterWeeksMax,
  selection: t.selection,
});
const analysisRow = (a: PlannedAnalysis, position: number): Row => ({
  id: a.id,
  position,
  kind: a.kind,
  name: a.name,
  description: a.description,
});

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const n = (v: unknown): number => Number(v);
const nn = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function readProtocol(db: Db): Protocol {
  const r = cached(db, 'SELECT * FROM protocol WHERE singleton = 1').get() as ProtocolRow | undefined;
  if (!r) throw new Error('This review has no protocol row; the file is damaged.');
  const list = (table: string) => cached(db, `SELECT * FROM ${table} ORDER BY position, rowid`).all() as ProtocolRow[];
  return {
    title: s(r.title),
    registration: s(r.registration),
    question: s(r.question),
    pico: {
      population: s(r.pico_population),
      intervention: s(r.pico_intervention),
      comparator: s(r.pico_comparator),
      outcomes: s(r.pico_outcomes),
    },
    eligibility: {
      studyDesign: s(r.eligibility_study_design),
      participants: s(r.eligibility_participants),
      interventions: s(r.eligibility_interventions),
      comparators: s(r.eligibility_comparators),
      outcomes: s(r.eligibility_outcomes),
      other: s(r.eligibility_other),
    },
    searches: {
      databases: fromJsonList(r.search_databases),
      otherMethods: fromJsonList(r.search_other_methods),
      searchedFrom: s(r.search_searched_from),
      searchDate: s(r.search_date),
    },
    outcomeDomains: list('outcome_domain').map((d) => ({
      id: s(d.id),
      name: s(d.name),
      description: s(d.description),
      includes: fromJsonList(d.includes),
    })),
    plannedOutcomes: list('planned_outcome').map((o) => ({
      id: s(o.id),
      domainId: s(o.domain_id),
      name: s(o.name),
      description: s(o.description),
    })),
    timepointCategories: list('timepoint_category').map((t) => ({
      id: s(t.id),
      name: s(t.name),
      definition: s(t.definition),
      afterWeeksMin: nn(t.after_weeks_min),
      afterWeeksMax: nn(t.after_weeks_max),
      selection: s(t.selection) as TimepointCategory['selection'],
    })),
    plannedAnalyses: list('planned_analysis').map((a) => ({
      id: s(a.id),
      kind: s(a.kind) as PlannedAnalysis['kind'],
      name: s(a.name),
      description: s(a.description),
    })),
    conventions: {
      preset: s(r.conventions_preset) as AnalysisConventions['preset'],
      model: s(r.conventions_model) as AnalysisConventions['model'],
      minStudiesForMetaAnalysis: n(r.conventions_min_studies),
      continuousMeasureRule: s(r.conventions_continuous_measure_rule),
      smdSmall: n(r.conventions_smd_small),
      smdMedium: n(r.conventions_smd_medium),
      smdLarge: n(r.conventions_smd_large),
      substantialHeterogeneityI2: n(r.conventions_substantial_i2),
      funnelPlotMinStudies: n(r.conventions_funnel_min_studies),
    },
    methods: {
      screening: s(r.methods_screening),
      dataExtraction: s(r.methods_data_extraction),
      riskOfBias: s(r.methods_risk_of_bias),
      synthesis: s(r.methods_synthesis),
    },
  };
}

interface ListSpec<T extends { id: string }> {
  spec: TableSpec;
  rows: (p: Protocol) => readonly T[];
  toRow: (item: T, position: number) => Row;
  label: (item: T) => string;
}

const LISTS = [
  { spec: TABLES.outcomeDomain, rows: (p) => p.outcomeDomains, toRow: domainRow, label: (d) => d.name } satisfies ListSpec<OutcomeDomain>,
  {
    spec: TABLES.plannedOutcome,
    rows: (p) => p.plannedOutcomes,
    toRow: outcomeRow,
    label: (o) => o.name,
  } satisfies ListSpec<PlannedOutcome>,
  {
    spec: TABLES.timepointCategory,
    rows: (p) => p.timepointCategories,
    toRow: timepointRow,
    label: (t) => t.name,
  } satisfies ListSpec<TimepointCategory>,
  {
    spec: TABLES.plannedAnalysis,
    rows: (p) => p.plannedAnalyses,
    toRow: analysisRow,
    label: (a) => a.name,
  } satisfies ListSpec<PlannedAnalysis>,
] as unknown as ListSpec<{ id: string }>[];

/** Writes a whole protocol without auditing: for new and imported files. */
export function writeProtocol(db: Db, p: Protocol): void {
  const row = protocolRow(p);
  const cols = Object.keys(row).filter((c) => c !== 'singleton');
  cached(db, `UPDATE protocol SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE singleton = 1`).run(...cols.map((c) => row[c] ?? null));
  for (const list of [...LISTS].reverse()) cached(db, `DELETE FROM ${list.spec.table}`).run();
  for (const list of LISTS) {
    list.rows(p).forEach((item, i) => {
      const r = list.toRow(item, i);
      const keys = Object.keys(r);
      cached(db, `INSERT INTO ${list.spec.table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(
        ...keys.map((k) => r[k] ?? null),
      );
    });
  }
}

/** Writes the difference between `before` and `after` through the audit log. */
export function updateProtocol(w: ChangeWriter, before: Protocol, after: Protocol): void {
  w.update(TABLES.protocol, 1, protocolRow(after), (fields) => `Edited the protocol: ${fields.join(', ')}`);
  for (const list of LISTS) {
    const old = new Map(list.rows(before).map((item, i) => [item.id, list.toRow(item, i)]));
    const next = list.rows(after);
    const nextIds = new Set(next.map((item) => item.id));
    for (const item of list.rows(before)) {
      if (!nextIds.has(item.id)) w.delete(list.spec, item.id, `Removed ${list.spec.entity} "${list.label(item)}"`);
    }
    next.forEach((item, i) => {
      const row = list.toRow(item, i);
      if (old.has(item.id)) {
        w.update(list.spec, item.id, row, (fields) => `Edited ${list.spec.entity} "${list.label(item)}": ${fields.join(', ')}`);
      } else {
        w.insert(list.spec, row, `Added ${list.spec.entity} "${list.label(item)}"`);
      }
    });
  }
}

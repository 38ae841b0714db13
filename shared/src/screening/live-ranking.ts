import { createModel, DEFAULT_MODEL, ScreeningFeatures, type ModelName, type ScreeningText } from './models.ts';
import { seededRandom, type Random } from './random.ts';
import { type Ranker } from './ranker.ts';

// Priority screening inside a review: the same models as the simulation, fed by the
// review's own records and final decisions as they change. Records are identified by id;
// the features (TF-IDF over every record's title and abstract: the vocabulary and the
// document frequencies need no labels) are built when the record set is first seen and
// rebuilt when it changes (an import, a deduplication). The SVM keeps its solution between
// retrains, which is only valid while the decisions it learnt from still stand: a decision
// undone or changed starts a fresh model.

export interface RankingText extends ScreeningText {
  recordId: string;
}

export interface RankingLabel {
  recordId: string;
  /** 1 include, 0 exclude. */
  label: 0 | 1;
}

export interface RankingResult {
  /**
   * Every record's position in the record list, the order to offer them in: the undecided
   * records by falling predicted relevance (ties in file order), then the decided ones in
   * file order.
   */
  order: Int32Array;
  includes: number;
  excludes: number;
}

export class LiveRanking {
  private ids: readonly string[] = [];
  private index = new Map<string, number>();
  private features: ScreeningFeatures | null = null;
  private model: Ranker | null = null;
  /** Row → label the current model was last trained with. */
  private trained = new Map<number, 0 | 1>();
  private readonly random: Random;

  constructor(
    private readonly modelName: ModelName = DEFAULT_MODEL,
    seed = 0,
  ) {
    this.random = seededRandom(seed);
  }

  get size(): number {
    return this.ids.length;
  }

  get recordIds(): readonly string[] {
    return this.ids;
  }

  /** Whether `ids` (in file order) is the record set the features were built on. */
  sameRecords(ids: readonly string[]): boolean {
    return ids.length === this.ids.length && ids.every((id, i) => id === this.ids[i]);
  }

  /** A new record set: features are rebuilt and the model starts afresh. */
  setRecords(records: readonly RankingText[]): void {
    this.ids = records.map((r) => r.recordId);
    this.index = new Map(this.ids.map((id, i) => [id, i]));
    this.features = new ScreeningFeatures(records);
    this.model = null;
    this.trained = new Map();
  }

  private rowsOf(labels: readonly RankingLabel[]): Map<number, 0 | 1> {
    const rows = new Map<number, 0 | 1>();
    for (const { recordId, label } of labels) {
      const row = this.index.get(recordId);
      if (row !== undefined) rows.set(row, label);
    }
    return rows;
  }

  /** Decisions that differ from what the model last learnt: new, changed or withdrawn. */
  pendingDecisions(labels: readonly RankingLabel[]): number {
    const rows = this.rowsOf(labels);
    let pending = 0;
    for (const [row, label] of rows) if (this.trained.get(row) !== label) pending++;
    for (const row of this.trained.keys()) if (!rows.has(row)) pending++;
    return pending;
  }

  get hasModel(): boolean {
    return this.model !== null;
  }

  /** Retrains on `labels` and ranks every record; null until there is an include and an exclude to learn from. */
  train(labels: readonly RankingLabel[]): RankingResult | null {
    if (!this.features) throw new Error('The ranking has no records yet.');
    const rows = this.rowsOf(labels);
    let includes = 0;
    for (const label of rows.values()) includes += label;
    const excludes = rows.size - includes;
    if (includes === 0 || excludes === 0) return null;
    const stillValid = [...this.trained].every(([row, label]) => rows.get(row) === label);
    if (!this.model || !stillValid) this.model = createModel(this.modelName, this.features);
    const records = [...rows.keys()];
    const scores = this.model.score({ records, labels: records.map((r) => rows.get(r)!) }, this.random);
    this.trained = rows;

    const undecided: number[] = [];
    const decided: number[] = [];
    for (let r = 0; r < this.ids.length; r++) (rows.has(r) ? decided : undecided).push(r);
    undecided.sort((a, b) => scores[b]! - scores[a]! || a - b);
    return { order: Int32Array.from([...undecided, ...decided]), includes, excludes };
  }
}

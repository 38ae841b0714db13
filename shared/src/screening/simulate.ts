import { createModel, DEFAULT_MODEL, ScreeningFeatures, type ModelName, type ScreeningText } from './models.ts';
import { randomInt, seededRandom } from './random.ts';

// Replays screening on a labelled set the way ASReview's simulation does: one random
// relevant and one random irrelevant record (chosen with the seed) are the prior
// knowledge; then the top-ranked unscreened record is always screened next, and the model
// is retrained after every `batch` decisions. Pure and deterministic given the seed.

export interface SimulationOptions {
  seed: number;
  /** Decisions between retrains (1 = retrain after every decision). */
  batch: number;
  model: ModelName;
}

export interface Simulation {
  /** Row numbers in the order screened, the two prior records first. */
  order: number[];
  /** The decision of each record in `order`. */
  found: (0 | 1)[];
}

export const DEFAULT_SIMULATION: SimulationOptions = { seed: 0, batch: 1, model: DEFAULT_MODEL };

/** `records` may be given as their features, to share them between simulations of one set. */
export function simulateScreening(
  records: readonly ScreeningText[] | ScreeningFeatures,
  labels: readonly (0 | 1)[],
  options: SimulationOptions,
): Simulation {
  const features = records instanceof ScreeningFeatures ? records : new ScreeningFeatures(records);
  if (features.size !== labels.length) throw new Error('Every record needs exactly one label.');
  if (!Number.isInteger(options.batch) || options.batch < 1)
    throw new Error(`The batch size must be a whole number of at least 1 (got ${options.batch}).`);
  const relevant = labels.flatMap((l, i) => (l === 1 ? [i] : []));
  const irrelevant = labels.flatMap((l, i) => (l === 0 ? [i] : []));
  if (relevant.length === 0 || irrelevant.length === 0) {
    throw new Error(
      `A simulation needs at least one relevant and one irrelevant record (found ${relevant.length} and ${irrelevant.length}).`,
    );
  }
  const random = seededRandom(options.seed);
  const priors = [relevant[randomInt(random, relevant.length)]!, irrelevant[randomInt(random, irrelevant.length)]!];
  const model = createModel(options.model, features);

  const training: { records: number[]; labels: (0 | 1)[] } = { records: [], labels: [] };
  const screened = new Uint8Array(labels.length);
  const screen = (r: number) => {
    screened[r] = 1;
    training.records.push(r);
    training.labels.push(labels[r]!);
  };
  priors.forEach(screen);

  let scores = model.score(training, random);
  let sinceTraining = 0;
  while (training.labels.length < labels.length) {
    if (sinceTraining >= options.batch) {
      scores = model.score(training, random);
      sinceTraining = 0;
    }
    let best = -1;
    for (let r = 0; r < labels.length; r++) if (!screened[r] && (best < 0 || scores[r]! > scores[best]!)) best = r;
    screen(best);
    sinceTraining++;
  }
  return { order: training.records, found: training.labels };
}

// The methods paragraph of priority screening (issue 15), generated from the review's
// screening settings and its progress, for the report and the clipboard (as the analyses'
// methods paragraph in methods-text.ts): the model and what it learns from, how often it
// retrains, that no record was hidden, the stopping rule with its parameters, and whether
// the rule has been met. One paragraph, plain text.
import type { StoppingRule } from '../screening/stopping-rules.ts';

export interface PriorityMethodsInput {
  rule: StoppingRule;
  /** The model retrains once this many final decisions are new or changed. */
  retrainEvery: number;
  /** Records at title/abstract, those with a final decision, and the includes (or maybe) among them. */
  records: number;
  screened: number;
  includes: number;
  /** Whether the rule says stop after the decisions so far. */
  stop: boolean;
}

const percent = (v: number): string => `${+(v * 100).toFixed(2)}%`;
const count = (n: number): string => n.toLocaleString('en');

function ruleSentence(rule: StoppingRule): string {
  if (rule.kind === 'buffer') {
    return `The stopping rule was a buffer of ${count(rule.buffer)} consecutive records judged irrelevant: screening could stop once the last ${count(rule.buffer)} records screened had all been excluded.`;
  }
  return (
    `The stopping rule was the hypergeometric test of Callaghan and Müller-Hansen (2020): screening could stop once the test rejected, ` +
    `at the ${percent(rule.confidence)} confidence level, the hypothesis that recall was below ${percent(rule.recall)}, ` +
    'treating the records screened last as a random sample (conservative, since they were offered by relevance).'
  );
}

function stateSentence(input: PriorityMethodsInput): string {
  const { records, screened, includes, stop } = input;
  if (screened === 0) return `No records had been screened yet (${count(records)} records).`;
  const found = `${count(includes)} ${includes === 1 ? 'was' : 'were'} included or marked maybe`;
  const met = stop ? 'the stopping rule was met' : 'the stopping rule had not been met';
  if (screened === records) return `All ${count(records)} records were screened (${found}), and at the end ${met}.`;
  return `When this was written, ${count(screened)} of ${count(records)} records had been screened (${found}) and ${met}.`;
}

/** The methods paragraph for priority screening of titles and abstracts. */
export function priorityScreeningMethods(input: PriorityMethodsInput): string {
  const retrain =
    input.retrainEvery === 1 ? 'after every new final decision' : `after every ${count(input.retrainEvery)} new final decisions`;
  return [
    'Titles and abstracts were screened in order of predicted relevance, ranked by a model trained on the review’s own final ' +
      'screening decisions (a single screener’s decision, two reviewers’ agreed decision or a resolved conflict; “maybe” counted as include): ' +
      'TF-IDF features of words and word pairs with a linear support vector machine, includes up-weighted and 100 random unscreened ' +
      `records added as presumed irrelevant, retrained ${retrain}.`,
    'No record was hidden from screening: the reviewers could switch to random or file order at any time, and the records ' +
      'screened in duplicate were chosen independently of the model.',
    ruleSentence(input.rule),
    stateSentence(input),
  ].join(' ');
}

import { worseRob2, type Rob2Judgement } from './judgements.ts';
import { isNo, isYes, isYesOrNi, type Rob2Answer } from './rob2-answers.ts';
import { decideDespiteUnknowns } from './determined.ts';
import {
  effectiveRob2Answers,
  rob2Questions,
  type Rob2Answers,
  type Rob2Context,
  type Rob2DomainId,
  type Rob2QuestionId,
} from './rob2-questions.ts';

// The official RoB 2 "suggested algorithms": signalling-question answers → proposed domain
// judgement (reference rob2-algorithms.md §A.4, individually randomized parallel-group
// trials). Each function below is a literal transcription of its decision table, written as if
// every question it reads were answered; `proposeRob2DomainJudgement` runs it through
// decideDespiteUnknowns so that unanswered questions give no proposal unless the table has
// already decided (e.g. D1 is High once 1.2 is N/PN, whatever 1.1 and 1.3 say).
//
// NA on a reachable question (only via imports; the UI does not offer it) is read as the
// reference's §A.4 "Handling of NA" says: in D2(a) NA on 2.3/2.4 is "no", on 2.5 "yes,
// balanced", on 2.7 "N"; NA on 3.3, 3.4, 4.3, 4.4, 4.5 is "N"; in D2(b) NA on 2.3–2.5 is a real
// branch value and NA on 2.6 reads as Y/PY (CoRATES).

export type Get = (q: Rob2QuestionId) => Rob2Answer;

const noOrNa = (a: Rob2Answer) => isNo(a) || a === 'NA';
const yesOrNa = (a: Rob2Answer) => isYes(a) || a === 'NA';

/** D1, randomization process. Rows refer to the §A.4 D1 table. */
export function d1Randomization(get: Get): Rob2Judgement {
  const concealed = get('1.2');
  if (isNo(concealed)) return 'high'; // row 1 (1.1 ignored)
  if (isYes(concealed)) {
    if (isNo(get('1.1'))) return 'some-concerns'; // row 2
    return isYes(get('1.3')) ? 'some-concerns' : 'low'; // rows 4, 3
  }
  // 1.2 = NI (1.1 ignored)
  return isYes(get('1.3')) ? 'high' : 'some-concerns'; // rows 6, 5
}

/** D2(a) Part 1: questions 2.1–2.5. */
export function d2AssignmentPart1(get: Get): Rob2Judgement {
  if (isNo(get('2.1')) && isNo(get('2.2'))) return 'low'; // row 1
  const deviations = get('2.3');
  if (noOrNa(deviations)) return 'low'; // row 2
  if (deviations === 'NI') return 'some-concerns'; // row 3
  if (noOrNa(get('2.4'))) return 'some-concerns'; // row 4
  return yesOrNa(get('2.5')) ? 'some-concerns' : 'high'; // rows 5, 6
}

/** D2(a) Part 2: questions 2.6–2.7. */
export function d2AssignmentPart2(get: Get): Rob2Judgement {
  if (isYes(get('2.6'))) return 'low'; // row 1
  return noOrNa(get('2.7')) ? 'some-concerns' : 'high'; // rows 2, 3
}

/** D2(a), effect of assignment: the worse of the two parts ("criteria for the domain"). */
export function d2Assignment(get: Get): Rob2Judgement {
  return worseRob2(d2AssignmentPart1(get), d2AssignmentPart2(get));
}

/** D2(b), effect of adhering. Rows refer to the §A.4 D2(b) table. */
export function d2Adhering(get: Get): Rob2Judgement {
  // 2.6 = Y/PY caps the judgement at Some concerns in this variant; NA reads as Y/PY.
  const byAnalysis = (): Rob2Judgement => (yesOrNa(get('2.6')) ? 'some-concerns' : 'high');
  const aware = !(isNo(get('2.1')) && isNo(get('2.2')));
  if (aware) {
    const balanced = get('2.3');
    if (isNo(balanced) || balanced === 'NI') return byAnalysis(); // rows 7, 8
  }
  // `B`: at least one of 2.4 and 2.5 is Y/PY/NI; otherwise `A` (both NA/N/PN).
  const b = isYesOrNi(get('2.4')) || isYesOrNi(get('2.5'));
  return b ? byAnalysis() : 'low'; // rows 2, 3, 5, 6 : rows 1, 4
}

/** D3, missing outcome data. */
export function d3MissingData(get: Get): Rob2Judgement {
  if (isYes(get('3.1'))) return 'low'; // row 1
  if (isYes(get('3.2'))) return 'low'; // row 2
  if (noOrNa(get('3.3'))) return 'low'; // row 3
  return noOrNa(get('3.4')) ? 'some-concerns' : 'high'; // rows 4, 5
}

/** D4, measurement of the outcome. */
export function d4Measurement(get: Get): Rob2Judgement {
  if (isYes(get('4.1'))) return 'high'; // row 1
  const differed = get('4.2');
  if (isYes(differed)) return 'high'; // row 2
  // Branch A (4.2 N/PN) can reach Low; branch B (4.2 NI) never can.
  const unaffected: Rob2Judgement = differed === 'NI' ? 'some-concerns' : 'low';
  if (noOrNa(get('4.3'))) return unaffected;
  if (noOrNa(get('4.4'))) return unaffected;
  return noOrNa(get('4.5')) ? 'some-concerns' : 'high';
}

/** D5, selection of the reported result. */
export function d5ReportedResult(get: Get): Rob2Judgement {
  const outcomes = get('5.2');
  if (isYes(outcomes)) return 'high'; // row 1
  const analyses = get('5.3');
  if (isYes(analyses)) return 'high'; // row 1
  if (outcomes === 'NI' || analyses === 'NI') return 'some-concerns'; // row 2
  return isYes(get('5.1')) ? 'low' : 'some-concerns'; // rows 3, 4
}

/** The decision function of a domain under the review's aim. */
export function rob2DomainAlgorithm(domain: Rob2DomainId, context: Pick<Rob2Context, 'aim'>): (get: Get) => Rob2Judgement {
  switch (domain) {
    case 'D1':
      return d1Randomization;
    case 'D2':
      return context.aim === 'assignment' ? d2Assignment : d2Adhering;
    case 'D3':
      return d3MissingData;
    case 'D4':
      return d4Measurement;
    case 'D5':
      return d5ReportedResult;
  }
}

// One representative per class the algorithms can tell apart (they never tell Y from PY or
// N from PN, §A.2), so exploring unanswered questions stays small.
const REPRESENTATIVES: readonly Rob2Answer[] = ['Y', 'N', 'NI', 'NA'];

export interface Rob2DomainProposal {
  /** The proposed judgement, or null while the answers do not yet decide it. */
  proposed: Rob2Judgement | null;
  /** The unanswered question the algorithm reads next (empty when proposed). */
  waitingFor: Rob2QuestionId[];
}

/** The algorithm's proposal for a domain from the stored answers. */
export function proposeRob2DomainJudgement(domain: Rob2DomainId, answers: Rob2Answers, context: Rob2Context): Rob2DomainProposal {
  const effective = effectiveRob2Answers(domain, answers, context);
  const questions = rob2Questions(domain, context.aim);
  const decide = rob2DomainAlgorithm(domain, context);
  const outcome = decideDespiteUnknowns<Rob2QuestionId, Rob2Answer, Rob2Judgement>(
    (id) => effective[id],
    (id) => {
      const question = questions.find((x) => x.id === id);
      if (!question) return [];
      return REPRESENTATIVES.filter((r) => question.options.includes(r) && (r !== 'NA' || question.naOnReachablePath));
    },
    decide,
  );
  return outcome.determined ? { proposed: outcome.value, waitingFor: [] } : { proposed: null, waitingFor: outcome.waitingFor };
}

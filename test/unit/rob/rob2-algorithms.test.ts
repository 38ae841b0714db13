import { describe, expect, it } from 'vitest';
import {
  allRob2Questions,
  d1Randomization,
  d2Adhering,
  d2Assignment,
  d3MissingData,
  d4Measurement,
  d5ReportedResult,
  effectiveRob2Answers,
  proposeRob2DomainJudgement,
  rob2Question,
  rob2Questions,
  unansweredRob2Questions,
  type Get,
  type Rob2Answer,
  type Rob2Answers,
  type Rob2Context,
  type Rob2DomainId,
  type Rob2Judgement,
  type Rob2QuestionId,
} from '../../../shared/src/rob/index.ts';

// Reference: /work/shared/reference/rob2-algorithms.md §A.3 (questions) and §A.4 (decision
// tables and test vectors), copied into this file as data.

const ITT: Rob2Context = {
  aim: 'assignment',
  deviations: { nonProtocolInterventions: false, implementationFailures: false, nonAdherence: false },
};
const PP_ALL: Rob2Context = {
  aim: 'adhering',
  deviations: { nonProtocolInterventions: true, implementationFailures: true, nonAdherence: true },
};

const propose = (domain: Rob2DomainId, answers: Rob2Answers, ctx: Rob2Context = ITT) =>
  proposeRob2DomainJudgement(domain, answers, ctx).proposed;

/** Parse "1.1=Y, 1.2=PN" into answers. */
const parse = (s: string): Rob2Answers => Object.fromEntries(s.split(',').map((p) => p.trim().split('=') as [Rob2QuestionId, Rob2Answer]));

const J: Record<string, Rob2Judgement> = { Low: 'low', 'Some concerns': 'some-concerns', High: 'high' };

describe('RoB 2 test vectors of the reference (§A.4)', () => {
  const vectors: Array<[Rob2DomainId | 'D2a' | 'D2b', string, string]> = [
    ['D1', '1.1=Y, 1.2=Y, 1.3=N', 'Low'],
    ['D1', '1.1=NI, 1.2=PY, 1.3=NI', 'Low'],
    ['D1', '1.1=N, 1.2=Y, 1.3=N', 'Some concerns'],
    ['D1', '1.1=Y, 1.2=NI, 1.3=N', 'Some concerns'],
    ['D1', '1.1=Y, 1.2=NI, 1.3=PY', 'High'],
    ['D1', '1.1=Y, 1.2=PN, 1.3=N', 'High'],
    ['D2a', '2.1=N, 2.2=N, 2.6=Y', 'Low'],
    ['D2a', '2.1=Y, 2.2=N, 2.3=NI, 2.6=Y', 'Some concerns'],
    ['D2a', '2.1=N, 2.2=N, 2.6=N, 2.7=PN', 'Some concerns'],
    ['D2a', '2.1=N, 2.2=N, 2.6=NI, 2.7=NI', 'High'],
    ['D2a', '2.1=Y, 2.2=Y, 2.3=Y, 2.4=PY, 2.5=N, 2.6=Y', 'High'],
    ['D2b', '2.1=N, 2.2=N, 2.4=NA, 2.5=PN', 'Low'],
    ['D2b', '2.1=Y, 2.2=N, 2.3=N, 2.6=Y', 'Some concerns'],
    ['D2b', '2.1=Y, 2.2=Y, 2.3=Y, 2.4=N, 2.5=Y, 2.6=NI', 'High'],
    ['D3', '3.1=PN, 3.2=Y', 'Low'],
    ['D3', '3.1=N, 3.2=N, 3.3=PN', 'Low'],
    ['D3', '3.1=N, 3.2=N, 3.3=Y, 3.4=N', 'Some concerns'],
    ['D3', '3.1=NI, 3.2=N, 3.3=NI, 3.4=NI', 'High'],
    ['D4', '4.1=N, 4.2=N, 4.3=Y, 4.4=PN', 'Low'],
    ['D4', '4.1=N, 4.2=NI, 4.3=N', 'Some concerns'],
    ['D4', '4.1=N, 4.2=N, 4.3=Y, 4.4=Y, 4.5=PN', 'Some concerns'],
    ['D4', '4.1=PY, 4.2=N', 'High'],
    ['D5', '5.1=Y, 5.2=N, 5.3=PN', 'Low'],
    ['D5', '5.1=NI, 5.2=N, 5.3=N', 'Some concerns'],
    ['D5', '5.1=Y, 5.2=NI, 5.3=N', 'Some concerns'],
    ['D5', '5.1=Y, 5.2=N, 5.3=PY', 'High'],
  ];
  it.each(vectors)('%s: %s → %s', (domain, answers, expected) => {
    const ctx = domain === 'D2b' ? PP_ALL : ITT;
    const d: Rob2DomainId = domain === 'D2a' || domain === 'D2b' ? 'D2' : domain;
    expect(propose(d, parse(answers), ctx)).toBe(J[expected]);
  });
});

// Every row of every decision table, each with only the questions on its path answered
// (others left unanswered: the proposal must not wait for them), and each row's Y/N cases
// also with PY/PN to show the algorithms never tell them apart.
type PathCase = [row: string, answers: string, expected: Rob2Judgement];
const swapProbably = (s: string) => s.replace(/=Y\b/g, '=PY').replace(/=N\b/g, '=PN');

function everyPath(domain: Rob2DomainId, ctx: Rob2Context, cases: PathCase[]) {
  it.each(cases)(`${domain} ${ctx.aim} %s: %s`, (_row, answers, expected) => {
    expect(propose(domain, parse(answers), ctx)).toBe(expected);
    expect(propose(domain, parse(swapProbably(answers)), ctx)).toBe(expected);
  });
}

describe('RoB 2 D1 decision table: every path', () => {
  everyPath('D1', ITT, [
    ['row 1 (1.2 N)', '1.2=N', 'high'],
    ['row 2 (1.2 Y, 1.1 N)', '1.2=Y, 1.1=N', 'some-concerns'],
    ['row 3 (1.1 Y, 1.3 N)', '1.2=Y, 1.1=Y, 1.3=N', 'low'],
    ['row 3 (1.1 NI, 1.3 NI)', '1.2=Y, 1.1=NI, 1.3=NI', 'low'],
    ['row 4 (1.1 Y, 1.3 Y)', '1.2=Y, 1.1=Y, 1.3=Y', 'some-concerns'],
    ['row 4 (1.1 NI, 1.3 Y)', '1.2=Y, 1.1=NI, 1.3=Y', 'some-concerns'],
    ['row 5 (1.2 NI, 1.3 N)', '1.2=NI, 1.3=N', 'some-concerns'],
    ['row 5 (1.2 NI, 1.3 NI)', '1.2=NI, 1.3=NI', 'some-concerns'],
    ['row 6 (1.2 NI, 1.3 Y)', '1.2=NI, 1.3=Y', 'high'],
  ]);
  it('ignores 1.1 when 1.2 is NI or N/PN', () => {
    for (const a of ['Y', 'N', 'NI'] as const) {
      expect(propose('D1', { '1.1': a, '1.2': 'NI', '1.3': 'N' })).toBe('some-concerns');
      expect(propose('D1', { '1.1': a, '1.2': 'PN', '1.3': 'Y' })).toBe('high');
    }
  });
});

describe('RoB 2 D2 (effect of assignment) decision tables: every path', () => {
  // Part 1 rows with Part 2 Low (2.6=Y), so the domain shows Part 1.
  everyPath('D2', ITT, [
    ['part 1 row 1', '2.1=N, 2.2=N, 2.6=Y', 'low'],
    ['part 1 row 2 (2.1 Y)', '2.1=Y, 2.2=N, 2.3=N, 2.6=Y', 'low'],
    ['part 1 row 2 (2.2 NI)', '2.1=N, 2.2=NI, 2.3=N, 2.6=Y', 'low'],
    ['part 1 row 3', '2.1=Y, 2.2=Y, 2.3=NI, 2.6=Y', 'some-concerns'],
    ['part 1 row 4', '2.1=Y, 2.2=N, 2.3=Y, 2.4=N, 2.6=Y', 'some-concerns'],
    ['part 1 row 5 (2.4 Y)', '2.1=Y, 2.2=N, 2.3=Y, 2.4=Y, 2.5=Y, 2.6=Y', 'some-concerns'],
    ['part 1 row 5 (2.4 NI)', '2.1=Y, 2.2=N, 2.3=Y, 2.4=NI, 2.5=Y, 2.6=Y', 'some-concerns'],
    ['part 1 row 6 (2.5 N)', '2.1=Y, 2.2=N, 2.3=Y, 2.4=Y, 2.5=N, 2.6=Y', 'high'],
    ['part 1 row 6 (2.5 NI)', '2.1=NI, 2.2=N, 2.3=Y, 2.4=NI, 2.5=NI, 2.6=Y', 'high'],
    // Part 2 rows with Part 1 Low.
    ['part 2 row 1', '2.1=N, 2.2=N, 2.6=Y', 'low'],
    ['part 2 row 2 (2.6 N)', '2.1=N, 2.2=N, 2.6=N, 2.7=N', 'some-concerns'],
    ['part 2 row 2 (2.6 NI)', '2.1=N, 2.2=N, 2.6=NI, 2.7=N', 'some-concerns'],
    ['part 2 row 3 (2.7 Y)', '2.1=N, 2.2=N, 2.6=N, 2.7=Y', 'high'],
    ['part 2 row 3 (2.7 NI)', '2.1=N, 2.2=N, 2.6=NI, 2.7=NI', 'high'],
    // Domain criteria: the worse of the two parts.
    ['both parts some concerns', '2.1=Y, 2.2=Y, 2.3=NI, 2.6=N, 2.7=N', 'some-concerns'],
    ['part 1 high, part 2 low', '2.1=Y, 2.2=Y, 2.3=Y, 2.4=Y, 2.5=N, 2.6=Y', 'high'],
    ['part 1 low, part 2 high', '2.1=N, 2.2=N, 2.6=N, 2.7=Y', 'high'],
    ['part 1 some concerns, part 2 high', '2.1=Y, 2.2=N, 2.3=NI, 2.6=N, 2.7=Y', 'high'],
  ]);
});

describe('RoB 2 D2 (effect of adhering) decision table: every path', () => {
  everyPath('D2', PP_ALL, [
    ['row 1', '2.1=N, 2.2=N, 2.4=N, 2.5=N', 'low'],
    ['row 2 (2.4 Y)', '2.1=N, 2.2=N, 2.4=Y, 2.6=Y', 'some-concerns'],
    ['row 2 (2.5 NI)', '2.1=N, 2.2=N, 2.4=N, 2.5=NI, 2.6=Y', 'some-concerns'],
    ['row 3', '2.1=N, 2.2=N, 2.4=Y, 2.6=N', 'high'],
    ['row 3 (2.6 NI)', '2.1=N, 2.2=N, 2.4=NI, 2.6=NI', 'high'],
    ['row 4 (2.3 Y)', '2.1=Y, 2.2=N, 2.3=Y, 2.4=N, 2.5=N', 'low'],
    ['row 5', '2.1=Y, 2.2=N, 2.3=Y, 2.4=N, 2.5=Y, 2.6=Y', 'some-concerns'],
    ['row 6', '2.1=NI, 2.2=N, 2.3=Y, 2.4=Y, 2.6=N', 'high'],
    ['row 7 (2.3 N)', '2.1=Y, 2.2=Y, 2.3=N, 2.6=Y', 'some-concerns'],
    ['row 7 (2.3 NI)', '2.1=N, 2.2=Y, 2.3=NI, 2.6=Y', 'some-concerns'],
    ['row 8 (2.6 N)', '2.1=Y, 2.2=N, 2.3=N, 2.6=N', 'high'],
    ['row 8 (2.6 NI)', '2.1=Y, 2.2=N, 2.3=NI, 2.6=NI', 'high'],
  ]);
  it('row 4 with 2.3 NA (non-protocol interventions not selected for assessment)', () => {
    const ctx: Rob2Context = {
      aim: 'adhering',
      deviations: { nonProtocolInterventions: false, implementationFailures: true, nonAdherence: false },
    };
    // 2.3 and 2.5 are not asked, so NA; 2.4 = N gives `A`.
    expect(propose('D2', parse('2.1=Y, 2.2=Y, 2.4=N'), ctx)).toBe('low');
    expect(propose('D2', parse('2.1=Y, 2.2=Y, 2.4=PY, 2.6=PY'), ctx)).toBe('some-concerns');
  });
  it('an appropriate analysis caps the judgement at Some concerns (never Low) once a deviation matters', () => {
    expect(propose('D2', parse('2.1=N, 2.2=N, 2.4=Y, 2.5=Y, 2.6=Y'), PP_ALL)).toBe('some-concerns');
  });
  it('reads an imported NA on 2.6 on a path that needs it as Y/PY (CoRATES)', () => {
    expect(propose('D2', parse('2.1=Y, 2.2=N, 2.3=N, 2.6=NA'), PP_ALL)).toBe('some-concerns');
  });
});

describe('RoB 2 D3 decision table: every path', () => {
  everyPath('D3', ITT, [
    ['row 1', '3.1=Y', 'low'],
    ['row 2 (3.1 N)', '3.1=N, 3.2=Y', 'low'],
    ['row 2 (3.1 NI)', '3.1=NI, 3.2=Y', 'low'],
    ['row 3', '3.1=N, 3.2=N, 3.3=N', 'low'],
    ['row 4 (3.3 Y)', '3.1=N, 3.2=N, 3.3=Y, 3.4=N', 'some-concerns'],
    ['row 4 (3.3 NI)', '3.1=N, 3.2=N, 3.3=NI, 3.4=N', 'some-concerns'],
    ['row 5 (3.4 Y)', '3.1=N, 3.2=N, 3.3=Y, 3.4=Y', 'high'],
    ['row 5 (3.4 NI)', '3.1=NI, 3.2=N, 3.3=NI, 3.4=NI', 'high'],
  ]);
});

describe('RoB 2 D4 decision table: every path (both branches)', () => {
  everyPath('D4', ITT, [
    ['row 1', '4.1=Y', 'high'],
    ['row 2 (4.1 N)', '4.1=N, 4.2=Y', 'high'],
    ['row 2 (4.1 NI)', '4.1=NI, 4.2=Y', 'high'],
    ['A: 4.3 N', '4.1=N, 4.2=N, 4.3=N', 'low'],
    ['A: 4.3 Y, 4.4 N', '4.1=N, 4.2=N, 4.3=Y, 4.4=N', 'low'],
    ['A: 4.3 NI, 4.4 N', '4.1=NI, 4.2=N, 4.3=NI, 4.4=N', 'low'],
    ['A: 4.4 Y, 4.5 N', '4.1=N, 4.2=N, 4.3=Y, 4.4=Y, 4.5=N', 'some-concerns'],
    ['A: 4.4 NI, 4.5 Y', '4.1=N, 4.2=N, 4.3=Y, 4.4=NI, 4.5=Y', 'high'],
    ['A: 4.5 NI', '4.1=N, 4.2=N, 4.3=Y, 4.4=Y, 4.5=NI', 'high'],
    ['B: 4.3 N', '4.1=N, 4.2=NI, 4.3=N', 'some-concerns'],
    ['B: 4.3 Y, 4.4 N', '4.1=N, 4.2=NI, 4.3=Y, 4.4=N', 'some-concerns'],
    ['B: 4.4 Y, 4.5 N', '4.1=N, 4.2=NI, 4.3=Y, 4.4=Y, 4.5=N', 'some-concerns'],
    ['B: 4.4 Y, 4.5 Y', '4.1=N, 4.2=NI, 4.3=NI, 4.4=Y, 4.5=Y', 'high'],
  ]);
  it('can never be Low when 4.2 is NI', () => {
    for (const a43 of ['Y', 'N', 'NI'] as const)
      for (const a44 of ['Y', 'N', 'NI'] as const)
        for (const a45 of ['Y', 'N', 'NI'] as const)
          expect(propose('D4', { '4.1': 'N', '4.2': 'NI', '4.3': a43, '4.4': a44, '4.5': a45 })).not.toBe('low');
  });
});

describe('RoB 2 D5 decision table: every path', () => {
  everyPath('D5', ITT, [
    ['row 1 (5.2 Y)', '5.2=Y', 'high'],
    ['row 1 (5.3 Y)', '5.2=N, 5.3=Y', 'high'],
    ['row 1 (5.2 NI, 5.3 Y)', '5.2=NI, 5.3=Y', 'high'],
    ['row 2 (5.2 NI)', '5.2=NI, 5.3=N', 'some-concerns'],
    ['row 2 (5.3 NI)', '5.2=N, 5.3=NI', 'some-concerns'],
    ['row 2 (both NI)', '5.2=NI, 5.3=NI', 'some-concerns'],
    ['row 3', '5.1=Y, 5.2=N, 5.3=N', 'low'],
    ['row 4 (5.1 N)', '5.1=N, 5.2=N, 5.3=N', 'some-concerns'],
    ['row 4 (5.1 NI)', '5.1=NI, 5.2=N, 5.3=N', 'some-concerns'],
  ]);
});

// Exhaustive cross-check: every complete combination of answers, run through the
// implementation and through the reference's ordered rule lists written here as data.
const YES = ['Y', 'PY'];
const NO = ['N', 'PN'];
const NI = ['NI'];
const inSet = (set: string[]) => (a: Rob2Answer | undefined) => a !== undefined && set.includes(a);
type Rule = [Partial<Record<Rob2QuestionId, (a: Rob2Answer | undefined) => boolean>>, Rob2Judgement];
const firstMatch = (rules: Rule[], answers: Rob2Answers): Rob2Judgement => {
  for (const [cond, result] of rules)
    if ((Object.entries(cond) as Array<[Rob2QuestionId, (a: Rob2Answer | undefined) => boolean]>).every(([q, p]) => p(answers[q])))
      return result;
  throw new Error(`no rule matches ${JSON.stringify(answers)}`);
};
const ANY = () => true;

// §A.4 handling of an NA on a reachable question, applied before the tables.
const naAs = (answers: Rob2Answers, map: Partial<Record<Rob2QuestionId, Rob2Answer>>): Rob2Answers => {
  const out = { ...answers };
  for (const [q, v] of Object.entries(map) as Array<[Rob2QuestionId, Rob2Answer]>) if (out[q] === 'NA') out[q] = v;
  return out;
};

const D1_RULES: Rule[] = [
  [{ '1.2': inSet(NO) }, 'high'],
  [{ '1.2': inSet(YES), '1.1': inSet(NO) }, 'some-concerns'],
  [{ '1.2': inSet(YES), '1.1': inSet([...YES, ...NI]), '1.3': inSet([...NO, ...NI]) }, 'low'],
  [{ '1.2': inSet(YES), '1.1': inSet([...YES, ...NI]), '1.3': inSet(YES) }, 'some-concerns'],
  [{ '1.2': inSet(NI), '1.1': ANY, '1.3': inSet([...NO, ...NI]) }, 'some-concerns'],
  [{ '1.2': inSet(NI), '1.1': ANY, '1.3': inSet(YES) }, 'high'],
];
const D2A_PART1: Rule[] = [
  [{ '2.1': inSet(NO), '2.2': inSet(NO) }, 'low'],
  [{ '2.3': inSet(NO) }, 'low'],
  [{ '2.3': inSet(NI) }, 'some-concerns'],
  [{ '2.3': inSet(YES), '2.4': inSet(NO) }, 'some-concerns'],
  [{ '2.3': inSet(YES), '2.4': inSet([...YES, ...NI]), '2.5': inSet(YES) }, 'some-concerns'],
  [{ '2.3': inSet(YES), '2.4': inSet([...YES, ...NI]), '2.5': inSet([...NO, ...NI]) }, 'high'],
];
const D2A_PART2: Rule[] = [
  [{ '2.6': inSet(YES) }, 'low'],
  [{ '2.6': inSet([...NO, ...NI]), '2.7': inSet(NO) }, 'some-concerns'],
  [{ '2.6': inSet([...NO, ...NI]), '2.7': inSet([...YES, ...NI]) }, 'high'],
];
const rank = { low: 0, 'some-concerns': 1, high: 2 } as const;
const d2aReference = (a: Rob2Answers) => {
  const m = naAs(a, { '2.3': 'N', '2.4': 'N', '2.5': 'Y', '2.7': 'N' });
  const p1 = firstMatch(D2A_PART1, m);
  const p2 = firstMatch(D2A_PART2, m);
  return rank[p1] >= rank[p2] ? p1 : p2;
};
const A = (a: Rob2Answers) => inSet(['NA', ...NO])(a['2.4']) && inSet(['NA', ...NO])(a['2.5']);
const B = (a: Rob2Answers) => inSet([...YES, ...NI])(a['2.4']) || inSet([...YES, ...NI])(a['2.5']);
const d2bReference = (raw: Rob2Answers): Rob2Judgement => {
  const a = naAs(raw, { '2.6': 'Y' });
  const unaware = inSet(NO)(a['2.1']) && inSet(NO)(a['2.2']);
  const aware = !unaware;
  const yes26 = inSet(YES)(a['2.6']);
  const noNi26 = inSet([...NO, ...NI])(a['2.6']);
  const rows: Array<[boolean, Rob2Judgement]> = [
    [unaware && A(a), 'low'],
    [unaware && B(a) && yes26, 'some-concerns'],
    [unaware && B(a) && noNi26, 'high'],
    [aware && inSet(['NA', ...YES])(a['2.3']) && A(a), 'low'],
    [aware && inSet(['NA', ...YES])(a['2.3']) && B(a) && yes26, 'some-concerns'],
    [aware && inSet(['NA', ...YES])(a['2.3']) && B(a) && noNi26, 'high'],
    [aware && inSet([...NO, ...NI])(a['2.3']) && yes26, 'some-concerns'],
    [aware && inSet([...NO, ...NI])(a['2.3']) && noNi26, 'high'],
  ];
  const hit = rows.find(([c]) => c);
  if (!hit) throw new Error(`no D2(b) row matches ${JSON.stringify(a)}`);
  return hit[1];
};
const D3_RULES: Rule[] = [
  [{ '3.1': inSet(YES) }, 'low'],
  [{ '3.1': inSet([...NO, ...NI]), '3.2': inSet(YES) }, 'low'],
  [{ '3.2': inSet(NO), '3.3': inSet(NO) }, 'low'],
  [{ '3.2': inSet(NO), '3.3': inSet([...YES, ...NI]), '3.4': inSet(NO) }, 'some-concerns'],
  [{ '3.2': inSet(NO), '3.3': inSet([...YES, ...NI]), '3.4': inSet([...YES, ...NI]) }, 'high'],
];
const D4_RULES: Rule[] = [
  [{ '4.1': inSet(YES) }, 'high'],
  [{ '4.1': inSet([...NO, ...NI]), '4.2': inSet(YES) }, 'high'],
  [{ '4.2': inSet(NO), '4.3': inSet(NO) }, 'low'],
  [{ '4.2': inSet(NI), '4.3': inSet(NO) }, 'some-concerns'],
  [{ '4.2': inSet(NO), '4.3': inSet([...YES, ...NI]), '4.4': inSet(NO) }, 'low'],
  [{ '4.2': inSet(NI), '4.3': inSet([...YES, ...NI]), '4.4': inSet(NO) }, 'some-concerns'],
  [{ '4.3': inSet([...YES, ...NI]), '4.4': inSet([...YES, ...NI]), '4.5': inSet(NO) }, 'some-concerns'],
  [{ '4.3': inSet([...YES, ...NI]), '4.4': inSet([...YES, ...NI]), '4.5': inSet([...YES, ...NI]) }, 'high'],
];
const D5_RULES: Rule[] = [
  [{ '5.2': inSet(YES) }, 'high'],
  [{ '5.3': inSet(YES) }, 'high'],
  [{ '5.2': inSet([...NO, ...NI]), '5.3': inSet(NI) }, 'some-concerns'],
  [{ '5.2': inSet(NI), '5.3': inSet([...NO, ...NI]) }, 'some-concerns'],
  [{ '5.2': inSet(NO), '5.3': inSet(NO), '5.1': inSet(YES) }, 'low'],
  [{ '5.2': inSet(NO), '5.3': inSet(NO), '5.1': inSet([...NO, ...NI]) }, 'some-concerns'],
];

function* combinations(ids: readonly Rob2QuestionId[], options: (id: Rob2QuestionId) => readonly Rob2Answer[]): Generator<Rob2Answers> {
  if (ids.length === 0) return yield {};
  const [head, ...rest] = ids as [Rob2QuestionId, ...Rob2QuestionId[]];
  for (const tail of combinations(rest, options)) for (const a of options(head)) yield { ...tail, [head]: a };
}

describe('RoB 2 algorithms agree with the reference tables on every complete combination of answers', () => {
  const cases: Array<[string, Rob2DomainId, Rob2Context, (get: Get) => Rob2Judgement, (a: Rob2Answers) => Rob2Judgement]> = [
    ['D1', 'D1', ITT, d1Randomization, (a) => firstMatch(D1_RULES, a)],
    ['D2 assignment', 'D2', ITT, d2Assignment, d2aReference],
    ['D2 adhering', 'D2', PP_ALL, d2Adhering, d2bReference],
    ['D3', 'D3', ITT, d3MissingData, (a) => firstMatch(D3_RULES, naAs(a, { '3.3': 'N', '3.4': 'N' }))],
    ['D4', 'D4', ITT, d4Measurement, (a) => firstMatch(D4_RULES, naAs(a, { '4.3': 'N', '4.4': 'N', '4.5': 'N' }))],
    ['D5', 'D5', ITT, d5ReportedResult, (a) => firstMatch(D5_RULES, a)],
  ];
  it.each(cases)(
    '%s',
    (_name, domain, ctx, algorithm, reference) => {
      const questions = rob2Questions(domain, ctx.aim);
      // 3.2 NA on a reachable path has no reading (treated as unanswered), so it is left out here.
      const options = (id: Rob2QuestionId) => {
        const q = questions.find((x) => x.id === id)!;
        return q.options.filter((o) => o !== 'NA' || q.naOnReachablePath);
      };
      let n = 0;
      for (const answers of combinations(
        questions.map((q) => q.id),
        options,
      )) {
        n++;
        const get: Get = (id) => answers[id] as Rob2Answer;
        expect(algorithm(get), JSON.stringify(answers)).toBe(reference(answers));
      }
      expect(n).toBeGreaterThan(100);
    },
    60_000,
  ); // exhaustive: every complete combination of answers (seconds on a busy machine)
});

describe('RoB 2 proposals from partial answers', () => {
  it('gives no proposal until a needed question is answered, and says which', () => {
    expect(proposeRob2DomainJudgement('D1', {}, ITT)).toEqual({ proposed: null, waitingFor: ['1.2'] });
    expect(proposeRob2DomainJudgement('D1', { '1.2': 'Y' }, ITT).proposed).toBeNull();
    expect(proposeRob2DomainJudgement('D5', { '5.2': 'NI' }, ITT).proposed).toBeNull();
    expect(proposeRob2DomainJudgement('D3', { '3.1': 'N', '3.2': 'N', '3.3': 'Y' }, ITT)).toEqual({ proposed: null, waitingFor: ['3.4'] });
  });
  it('proposes as soon as the table has decided, whatever the unanswered questions say', () => {
    expect(propose('D1', { '1.2': 'N' })).toBe('high');
    expect(propose('D4', { '4.2': 'Y' })).toBe('high'); // row 1 or row 2, High either way
    expect(propose('D5', { '5.3': 'PY' })).toBe('high');
    // D2(a): Part 1 High decides the domain before 2.6 is answered; Part 1 Low does not.
    expect(propose('D2', parse('2.1=Y, 2.2=Y, 2.3=Y, 2.4=Y, 2.5=N'))).toBe('high');
    expect(propose('D2', parse('2.1=N, 2.2=N'))).toBeNull();
  });
});

describe('RoB 2 question applicability ("shown when") and NA', () => {
  it('answers a question that is not asked NA automatically, whatever was stored before', () => {
    const stale = parse('2.1=N, 2.2=N, 2.3=Y, 2.4=Y, 2.5=N, 2.6=Y, 2.7=Y');
    expect(effectiveRob2Answers('D2', stale, ITT)).toEqual(parse('2.1=N, 2.2=N, 2.3=NA, 2.4=NA, 2.5=NA, 2.6=Y, 2.7=NA'));
    expect(propose('D2', stale)).toBe('low');
  });
  it('does not decide applicability from an unanswered controlling question', () => {
    expect(effectiveRob2Answers('D2', { '2.3': 'Y' }, ITT)).toEqual({ '2.3': 'Y' });
  });
  it('under the adhering aim asks 2.3–2.5 only for the deviations ticked', () => {
    const ctx: Rob2Context = {
      aim: 'adhering',
      deviations: { nonProtocolInterventions: false, implementationFailures: false, nonAdherence: true },
    };
    expect(effectiveRob2Answers('D2', parse('2.1=Y, 2.2=Y, 2.3=N, 2.4=Y, 2.5=N'), ctx)).toEqual(
      parse('2.1=Y, 2.2=Y, 2.3=NA, 2.4=NA, 2.5=N, 2.6=NA'),
    );
    expect(propose('D2', parse('2.1=Y, 2.2=Y, 2.3=N, 2.4=Y, 2.5=N'), ctx)).toBe('low');
  });
  it('reads an imported NA on a reachable question as the reference says', () => {
    expect(propose('D2', parse('2.1=Y, 2.2=N, 2.3=NA, 2.6=Y'))).toBe('low'); // 2.3 NA = no
    expect(propose('D2', parse('2.1=Y, 2.2=N, 2.3=Y, 2.4=NA, 2.6=Y'))).toBe('some-concerns'); // 2.4 NA = no
    expect(propose('D2', parse('2.1=Y, 2.2=N, 2.3=Y, 2.4=Y, 2.5=NA, 2.6=Y'))).toBe('some-concerns'); // 2.5 NA = balanced
    expect(propose('D2', parse('2.1=N, 2.2=N, 2.6=N, 2.7=NA'))).toBe('some-concerns'); // 2.7 NA = N
    expect(propose('D3', parse('3.1=N, 3.2=N, 3.3=NA'))).toBe('low');
    expect(propose('D4', parse('4.1=N, 4.2=N, 4.3=Y, 4.4=Y, 4.5=NA'))).toBe('some-concerns');
  });
  it('treats NA where the reference gives it no reading, and answers outside the options, as unanswered', () => {
    expect(proposeRob2DomainJudgement('D3', parse('3.1=N, 3.2=NA'), ITT)).toEqual({ proposed: null, waitingFor: ['3.2'] });
    expect(propose('D3', parse('3.1=N, 3.2=NI'))).toBeNull(); // 3.2 offers no NI
    expect(propose('D1', parse('1.2=NA, 1.3=N'))).toBeNull();
  });
  it('lists the asked questions still unanswered', () => {
    expect(unansweredRob2Questions('D2', parse('2.1=Y'), ITT).map((q) => q.id)).toEqual(['2.2', '2.3', '2.6']);
    expect(unansweredRob2Questions('D2', parse('2.1=N, 2.2=N, 2.6=Y'), ITT).map((q) => q.id)).toEqual([]);
  });
});

describe('RoB 2 signalling questions (§A.3)', () => {
  it('has 22 questions for the assignment aim and 21 for the adhering aim', () => {
    expect(allRob2Questions('assignment')).toHaveLength(22);
    expect(allRob2Questions('adhering')).toHaveLength(21);
  });
  it('keeps the official wording and options', () => {
    expect(rob2Question('D1', '1.2', 'assignment')?.text).toBe(
      'Was the allocation sequence concealed until participants were enrolled and assigned to interventions?',
    );
    expect(rob2Question('D2', '2.3', 'adhering')?.text).toBe(
      '[If applicable:] Were important non-protocol interventions balanced across intervention groups?',
    );
    expect(rob2Question('D2', '2.7', 'adhering')).toBeUndefined();
    expect(rob2Question('D3', '3.2', 'assignment')?.options).toEqual(['NA', 'Y', 'PY', 'PN', 'N']);
    for (const q of allRob2Questions('assignment')) {
      if (q.shownWhen === null) expect(q.options, q.id).toEqual(['Y', 'PY', 'PN', 'N', 'NI']);
      else expect(q.options, q.id).toContain('NA');
    }
    expect(rob2Question('D2', '2.6', 'adhering')?.options).toContain('NA');
  });
});

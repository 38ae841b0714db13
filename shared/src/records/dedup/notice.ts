// Notices: corrections, retractions, expressions of concern, replies and comments. A notice is
// its own record, never the work it concerns, so it is never merged with that work (issue 13);
// what it names ("Erratum to: <the article's title>") gives the reason a pair is kept apart.
// Titles here are already normalised (lower case, no punctuation).

import { editSimilarity } from './similarity.ts';

export type NoticeKind = 'erratum' | 'retraction' | 'retracted' | 'concern' | 'reply' | 'comment';

export interface Notice {
  kind: NoticeKind;
  /**
   * The title after the notice's own words ("erratum to", "comment on"), which names the work
   * the notice concerns; null when nothing follows ("Erratum", "In reply").
   */
  subject: string | null;
}

// What a notice's title begins with, by kind. "response", "comment" and "re" need the word that
// makes them a notice ("response to", "comment on"), or they would catch ordinary titles
// ("Response of tumours to …").
const AT_START: ReadonlyArray<readonly [NoticeKind, string]> = [
  ['erratum', 'errat(?:um|a)|correction|corrigend(?:um|a)'],
  ['retraction', 'retraction(?: note| notice| statement)?|notice of retraction'],
  ['retracted', 'retracted(?: article)?'],
  ['concern', '(?:editorial )?expression of concern'],
  ['reply', 'reply|in reply|author s reply|authors reply|response to'],
  ['comment', 'comments? on|commentary on|re(?= \\S)'],
];

// Notice phrases found later in a title ("Authors' reply to …", "Notice of retraction: …").
const INSIDE: ReadonlyArray<readonly [NoticeKind, string]> = [
  ['erratum', 'erratum to|correction to|corrigendum to'],
  ['retraction', 'retraction of|retraction note(?: to)?|notice of retraction'],
  ['concern', 'expression of concern'],
  ['reply', 'reply to|author s reply'],
];

// Words between a notice's head and the title it names ("retraction note TO", "expression of concern ABOUT").
const CONNECTOR = '(?: (?:to|of|for|on|about|regarding|concerning|in))?';

const compile = (table: ReadonlyArray<readonly [NoticeKind, string]>, anchor: string) =>
  table.map(([kind, head]) => [kind, new RegExp(`${anchor}(?:${head})${CONNECTOR}\\b\\s*`)] as const);

const START = compile(AT_START, '^');
const ANYWHERE = compile(INSIDE, '\\b');

/** The notice a normalised title announces, with the title of the work it concerns, or null for an ordinary title. */
export function readNotice(title: string): Notice | null {
  let kind: NoticeKind | null = null;
  let rest = title;
  // "Reply to comment on <title>": the kind is the first head, the subject what follows the last.
  for (;;) {
    const head = START.find(([, re]) => re.test(rest));
    if (!head) break;
    kind ??= head[0];
    rest = rest.replace(head[1], '');
  }
  if (kind === null) {
    for (const [k, re] of ANYWHERE) {
      const m = re.exec(title);
      if (!m) continue;
      kind = k;
      rest = title.slice(m.index + m[0].length);
      break;
    }
    if (kind === null) return null;
  }
  const subject = rest.trim();
  return { kind, subject: subject === '' ? null : subject };
}

/** How a notice relates to the record it concerns, for the reason a pair is kept apart. */
export const NOTICE_RELATION: Record<NoticeKind, string> = {
  erratum: 'an erratum of this article',
  retraction: 'a retraction of this article',
  retracted: 'this article marked as retracted',
  concern: 'an expression of concern about this article',
  reply: 'a reply about this article',
  comment: 'a comment on this article',
};

/**
 * How close the title a notice names must be to a record's title for the notice to concern that
 * record: the bar a title clears elsewhere to count as the same work's ("compatible").
 */
export const NOTICE_SUBJECT_SIMILARITY = 0.85;

/**
 * Whether the title a notice names (its subject) is one of `titles`: nearly the same text, or
 * the whole title inside the subject ("Commentary on Davison and Martinsons' '<title>'"). Never
 * the subject inside a longer title: "Open sources? A commentary on '<title>'" is another work
 * that names the same article, not the article the notice concerns.
 */
export function noticeNames(subject: string, titles: readonly string[]): boolean {
  return titles.some(
    (t) =>
      editSimilarity(subject, t, NOTICE_SUBJECT_SIMILARITY) >= NOTICE_SUBJECT_SIMILARITY ||
      (t.length >= 25 && t.split(' ').length >= 4 && ` ${subject} `.includes(` ${t} `)),
  );
}

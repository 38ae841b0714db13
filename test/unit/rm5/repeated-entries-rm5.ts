// The sample review (sample-rm5.ts) with the repeats and oddities real Cochrane files have:
// one study judged three times on the same risk-of-bias item (no group), once twice in an
// outcome group, twice on an added item; a characteristic given twice in one row (the first
// empty), a study with two rows in a characteristics table; a study ID used by two STUDY
// elements; a study without a NAME. Importing it must not fail.
import { SAMPLE_RM5 } from './sample-rm5.ts';

function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`sample-rm5.ts no longer contains ${from}`);
  return text.replace(from, to);
}

const edits: Array<[string, string]> = [
  // Three entries for El-Daher on sequence generation: no result, NO, YES.
  [
    '<QUALITY_ITEM_DATA_ENTRY RESULT="NO" STUDY_ID="STD-El_x002d_Daher-1991"><DESCRIPTION><P>Alternate days</P></DESCRIPTION></QUALITY_ITEM_DATA_ENTRY>',
    '<QUALITY_ITEM_DATA_ENTRY STUDY_ID="STD-El_x002d_Daher-1991"><DESCRIPTION><P/></DESCRIPTION></QUALITY_ITEM_DATA_ENTRY>\n' +
      '<QUALITY_ITEM_DATA_ENTRY RESULT="NO" STUDY_ID="STD-El_x002d_Daher-1991"><DESCRIPTION><P>Alternate days</P></DESCRIPTION></QUALITY_ITEM_DATA_ENTRY>\n' +
      '<QUALITY_ITEM_DATA_ENTRY MODIFIED="2012-01-01 10:00:00 +0000" RESULT="YES" STUDY_ID="STD-El_x002d_Daher-1991"><DESCRIPTION><P>Computer list, said <I>later</I></P></DESCRIPTION></QUALITY_ITEM_DATA_ENTRY>',
  ],
  // Twice in the outcome group "Subjective outcomes".
  [
    '<QUALITY_ITEM_DATA_ENTRY GROUP_ID="QIG-03.01" RESULT="UNKNOWN" STUDY_ID="STD-El_x002d_Daher-1991"><DESCRIPTION><P>Not said</P></DESCRIPTION></QUALITY_ITEM_DATA_ENTRY>',
    '<QUALITY_ITEM_DATA_ENTRY GROUP_ID="QIG-03.01" RESULT="UNKNOWN" STUDY_ID="STD-El_x002d_Daher-1991"><DESCRIPTION><P>Not said</P></DESCRIPTION></QUALITY_ITEM_DATA_ENTRY>\n' +
      '<QUALITY_ITEM_DATA_ENTRY GROUP_ID="QIG-03.01" RESULT="NO" STUDY_ID="STD-El_x002d_Daher-1991"><DESCRIPTION><P>Open label</P></DESCRIPTION></QUALITY_ITEM_DATA_ENTRY>',
  ],
  // Twice on the added item.
  [
    '<QUALITY_ITEM_DATA_ENTRY RESULT="YES" STUDY_ID="STD-Brown-2001"><DESCRIPTION><P>Balanced</P></DESCRIPTION></QUALITY_ITEM_DATA_ENTRY>',
    '<QUALITY_ITEM_DATA_ENTRY RESULT="YES" STUDY_ID="STD-Brown-2001"><DESCRIPTION><P>Balanced</P></DESCRIPTION></QUALITY_ITEM_DATA_ENTRY>\n' +
      '<QUALITY_ITEM_DATA_ENTRY RESULT="NO" STUDY_ID="STD-Brown-2001"><DESCRIPTION><P>Imbalanced ages</P></DESCRIPTION></QUALITY_ITEM_DATA_ENTRY>',
  ],
  // Participants twice in one row, the first empty.
  ['<CHAR_PARTICIPANTS><P>Adults</P></CHAR_PARTICIPANTS>', '<CHAR_PARTICIPANTS/><CHAR_PARTICIPANTS><P>Adults</P></CHAR_PARTICIPANTS>'],
  // Gray 1999 has two rows in the excluded table.
  [
    '<EXCLUDED_CHAR STUDY_ID="STD-Gray-1999"><CHAR_REASON_FOR_EXCLUSION><P>Not randomised</P></CHAR_REASON_FOR_EXCLUSION></EXCLUDED_CHAR>',
    '<EXCLUDED_CHAR STUDY_ID="STD-Gray-1999"><CHAR_REASON_FOR_EXCLUSION><P>Not randomised</P></CHAR_REASON_FOR_EXCLUSION></EXCLUDED_CHAR>\n' +
      '<EXCLUDED_CHAR STUDY_ID="STD-Gray-1999"><CHAR_REASON_FOR_EXCLUSION><P>Wrong <B>comparator</B></P></CHAR_REASON_FOR_EXCLUSION></EXCLUDED_CHAR>',
  ],
  // A study without a NAME. (A second STUDY with an ID already used is not a repeat RevMan
  // writes but invalid input, refused with the element and line: test/unit/fuzz/importers.test.ts.)
  [
    '<STUDY DATA_SOURCE="UNPUB" ID="STD-Brown-2001" NAME="Brown 2001" YEAR="2001"><IDENTIFIERS/></STUDY>',
    '<STUDY DATA_SOURCE="UNPUB" ID="STD-Brown-2001" NAME="Brown 2001" YEAR="2001"><IDENTIFIERS/></STUDY>\n' +
      '<STUDY DATA_SOURCE="PUB" ID="STD-Anon" NAME="" YEAR="1980"><IDENTIFIERS/></STUDY>',
  ],
];

export const REPEATED_RM5 = edits.reduce((text, [from, to]) => replaceOnce(text, from, to), SAMPLE_RM5);

import type { ExtractionForm, FormField } from '../model/extraction-form.ts';
import { RCT_FORM_IDS, formSection, neutralRctForm } from '../model/rct-form.ts';

// The extraction form of a review imported from RevMan 5: the review's own
// "Characteristics of included studies" columns (Methods, Participants, Interventions,
// Outcomes, Notes and its user-defined ones), as its authors designed them, followed by
// the few structured essentials of the neutral RCT form that RevMan can only hold as
// prose inside those columns: design, country, number randomised, age and % female. These
// are what Table 1, subgroups and new studies need as values. The neutral form's narrative
// fields (aims, eligibility, intervention, comparator, follow-up, attrition…) are left out:
// RevMan's columns and the risk-of-bias support already carry that text, and a second
// place to type it would split one study's description in two.
// A file without characteristics gets the whole neutral form.

export const IMPORT_ESSENTIALS_SECTION_ID = 'section-essentials';

const ESSENTIAL_IDS: readonly string[] = [
  RCT_FORM_IDS.design,
  RCT_FORM_IDS.country,
  RCT_FORM_IDS.randomised,
  RCT_FORM_IDS.age,
  RCT_FORM_IDS.female,
];

/** `revmanSection` and `revmanFields`: one long-text field per RevMan column, in file order. */
export function importedRevmanForm(revmanSection: ExtractionForm['sections'][number], revmanFields: readonly FormField[]): ExtractionForm {
  if (revmanFields.length === 0) return neutralRctForm();
  // A user-defined column may already be one of the essentials (a "Country" column): keep the review's.
  const taken = new Set(revmanFields.map((f) => f.label.trim().toLowerCase()));
  const essentials = neutralRctForm()
    .fields.filter((f) => ESSENTIAL_IDS.includes(f.id) && !taken.has(f.label.toLowerCase()))
    .map((f) => ({ ...f, sectionId: IMPORT_ESSENTIALS_SECTION_ID }));
  return {
    sections: [
      revmanSection,
      ...(essentials.length
        ? [formSection(IMPORT_ESSENTIALS_SECTION_ID, 'Study essentials', 'Structured values RevMan keeps only as text: for Table 1, subgroups and new studies.')]
        : []),
    ],
    fields: [...revmanFields, ...essentials],
  };
}

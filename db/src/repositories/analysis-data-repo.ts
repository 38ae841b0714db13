import { FINAL_SLOT, type ReviewForAnalysis, type StudyForAnalysis } from '@grove/shared';
import type { Db } from '../connection.ts';
import { listCharacteristics } from './characteristic-repo.ts';
import { readForm } from './form-repo.ts';
import { readProtocol } from './protocol-repo.ts';
import { readStudyData } from './study-data-repo.ts';
import { listStudies } from './study-repo.ts';
import { listStudyRob } from '../service/rob-handlers.ts';

// One read of everything the analysis stage needs, for the pure functions in
// shared/src/analysis. Included studies only.

export function readReviewForAnalysis(db: Db): ReviewForAnalysis {
  const protocol = readProtocol(db);
  const form = readForm(db);
  const choiceFields = new Set(
    form.fields.filter((f) => f.type === 'singleChoice' || f.type === 'multiChoice' || f.type === 'yesNoUnclear').map((f) => f.id),
  );
  const values = listCharacteristics(db).filter((v) => v.slot === FINAL_SLOT && choiceFields.has(v.fieldId));
  const rob = new Map(listStudyRob(db, FINAL_SLOT).map((r) => [r.studyId, r.overall]));
  const studies: StudyForAnalysis[] = listStudies(db)
    .filter((s) => s.status === 'included')
    .map((s) => {
      const choices: Record<string, string | string[]> = {};
      for (const v of values) {
        if (v.studyId !== s.id || v.content.status !== 'value') continue;
        const value = v.content.value;
        if (typeof value === 'string' || Array.isArray(value)) choices[v.fieldId] = value;
      }
      return { id: s.id, label: s.label, data: readStudyData(db, s.id), choices, robOverall: rob.get(s.id) ?? 'pending' };
    });
  return { protocol, form, studies };
}

import { addChangeHook } from './changes.ts';
import type { Db } from './connection.ts';
import { insertScaleUnaudited, missingScaleRows } from './repositories/scale-repo.ts';
import { TABLES } from './tables.ts';

// Every measure a study uses is one of its outcome's scales. The workbench's own edits
// choose or confirm a scale (extraction-handlers.ts); measures written by paths that do not
// ask (a review document, a RevMan file, a merge, the examples) are given the scale their
// spelling names, in the same change, or when the file is opened.

export function keepScalesUpToDate(db: Db): void {
  addChangeHook(db, (w) => {
    if (!w.touchedTables.has('study_outcome')) return;
    for (const row of missingScaleRows(db)) w.insert(TABLES.outcomeScale, row, `Added scale ${String(row.name)}`);
  });
  db.transaction(() => {
    for (const row of missingScaleRows(db)) insertScaleUnaudited(db, row);
  })();
}

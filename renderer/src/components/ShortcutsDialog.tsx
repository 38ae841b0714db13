import { conflictKeyHelp, NOT_RETRIEVED_KEY_HELP, screenKeyHelp } from '../stages/screening/keys.ts';
import { STAGES } from '../stages/stages.ts';
import { useApp } from '../store/app.ts';
import { Dialog } from './Dialog.tsx';

/** A stage's key list as rows of this table, each named by where it works (its `?` row is this dialog's own). */
function screeningRows(where: string, rows: readonly (readonly [string, string])[]): [string, string][] {
  return rows.filter(([k]) => k !== '?').map(([k, what]) => [k, `${where}: ${what.charAt(0).toLowerCase()}${what.slice(1)}`]);
}

export function ShortcutsDialog() {
  const open = useApp((s) => s.shortcutsOpen);
  const setOpen = useApp((s) => s.setShortcutsOpen);
  const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  const mod = mac ? '⌘' : 'Ctrl+';
  const alt = mac ? '⌥' : 'Alt+';
  const rows: [string, string][] = [
    [`${mod}Z`, 'Undo the last change (outside text fields; inside one, it undoes typing)'],
    [mac ? '⌘⇧Z' : 'Ctrl+Shift+Z or Ctrl+Y', 'Redo the change last undone (until a new change is made; survives reopening the file)'],
    ...STAGES.map((s): [string, string] => [`${alt}${s.key}`, `Go to ${s.label}${s.available ? '' : ' (not available yet)'}`]),
    [`${mod}N or ${alt}N`, 'Add a study (in Studies & data)'],
    ['/', 'Filter the list on screen: studies, the Analyses outline, records (Esc in the box clears it)'],
    ['↑ ↓', 'Move between studies in the study list'],
    ['Delete', 'Delete the study focused in the study list (asks first)'],
    ['← → Home End', 'Move between tabs (Reports, Characteristics, Outcome data; Studies, Extraction form)'],
    [`${alt}⇧N`, 'Characteristics: mark the focused field as not reported (N/R); typing “N/R” works too'],
    ['↑ ↓ Enter', 'Results grid: move down and up a row'],
    ['← → Tab', 'Results grid: move across (← → at the edge of the number)'],
    ['=', 'Results grid: open the calculators for the cell (SD from SE, CI, t, P; median; combine arms)'],
    ['Ctrl+V', 'Results grid: paste a block of numbers from a spreadsheet or PDF, filling from the cell'],
    ['Esc', 'Results grid: undo the edit of the cell’s arm result'],
    ['Arrow keys', 'Risk of bias: move between cells of the judgement grid'],
    ['L H U or 1 2 3', 'Risk of bias: judge low, high, unclear risk'],
    ['Enter', 'Risk of bias: edit the judgement and its support text (Ctrl+Enter saves)'],
    ['Delete', 'Risk of bias: clear the judgement to “not judged”'],
    ['J K or Alt+↓ Alt+↑', 'Compare A and B (dual extraction): next / previous open disagreement'],
    ['A B O', 'Compare A and B, on a row: take A’s value, B’s value, or type another as the consensus'],
    ['↑ ↓', 'RoB 2 form: move between the signalling questions shown'],
    ['Y Shift+Y Shift+N N I A', 'RoB 2 form: answer Yes, Probably yes, Probably no, No, No information, Not applicable (or 1–5, 0)'],
    // The Screening stage's keys, from the same lists its own Keys popovers show.
    ...screeningRows('Screening', screenKeyHelp(false)),
    ['E, then 1–9', 'Screening at full text: exclude, choosing the reason (1–9 alone excludes with that reason)'],
    ...screeningRows('Screening at full text', [NOT_RETRIEVED_KEY_HELP]),
    ...screeningRows('Screening conflicts', conflictKeyHelp(false)),
    [`${alt}S`, 'Sync with the team server (sends this review’s changes, brings in the rest; File › Team server… sets it up)'],
    [`${alt}F`, 'Open the File menu (import a RevMan file, export for RevMan); ↑ ↓ move, Enter chooses, Esc closes'],
    ['?', 'Show these shortcuts'],
    ['Esc', 'Close a dialog without saving (asks first when you have typed in it)'],
  ];
  return (
    <Dialog open={open} onOpenChange={setOpen} title="Keyboard shortcuts">
      <table className="shortcuts">
        <tbody>
          {rows.map(([k, what]) => (
            <tr key={`${k}|${what}`}>
              <th scope="row">
                <kbd>{k}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}

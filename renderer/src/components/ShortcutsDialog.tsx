import { STAGES } from '../stages/stages.ts';
import { useApp } from '../store/app.ts';
import { Dialog } from './Dialog.tsx';

export function ShortcutsDialog() {
  const open = useApp((s) => s.shortcutsOpen);
  const setOpen = useApp((s) => s.setShortcutsOpen);
  const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  const mod = mac ? '⌘' : 'Ctrl+';
  const alt = mac ? '⌥' : 'Alt+';
  const rows: [string, string][] = [
    [`${mod}Z`, 'Undo the last change (outside text fields; inside one, it undoes typing)'],
    ...STAGES.map((s): [string, string] => [`${alt}${s.key}`, `Go to ${s.label}${s.available ? '' : ' (not available yet)'}`]),
    [`${mod}N or ${alt}N`, 'Add a study (in Studies & data)'],
    ['↑ ↓', 'Move between studies in the study list'],
    ['Delete', 'Delete the study focused in the study list (asks first)'],
    ['?', 'Show these shortcuts'],
    ['Esc', 'Close a dialog without saving'],
  ];
  return (
    <Dialog open={open} onOpenChange={setOpen} title="Keyboard shortcuts">
      <table className="shortcuts">
        <tbody>
          {rows.map(([k, what]) => (
            <tr key={k}>
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

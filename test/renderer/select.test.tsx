import './jsdom-shims.ts';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Select, type SelectGroup, type SelectOption } from '../../renderer/src/components/fields.tsx';

// The one <select> of the app (components/fields.tsx): plain options, option groups (planned
// outcomes by domain), options after the groups (a characteristic's "Not reported"), and
// shortcut keys handled while it has focus.

afterEach(() => cleanup());

type Pick = '' | 'a' | 'b' | 'c' | 'nr';

function Harness(props: {
  options: SelectOption<Pick>[];
  groups?: SelectGroup<Pick>[];
  after?: SelectOption<Pick>[];
  onKey?: (key: string) => void;
  onPick?: (v: Pick) => void;
}) {
  const [value, setValue] = useState<Pick>('');
  return (
    <Select<Pick>
      aria-label="Outcome"
      value={value}
      options={props.options}
      {...(props.groups ? { groups: props.groups } : {})}
      {...(props.after ? { after: props.after } : {})}
      onKeyDown={(e) => props.onKey?.(e.key)}
      onChange={(v) => {
        setValue(v);
        props.onPick?.(v);
      }}
    />
  );
}

describe('Select', () => {
  it('renders options, then each group under its heading, then the options after them', () => {
    render(
      <Harness
        options={[{ value: '', label: '— choose —' }]}
        groups={[
          { label: 'Recovery', options: [{ value: 'a', label: 'RAS' }] },
          {
            label: 'Service use',
            options: [
              { value: 'b', label: 'Admissions' },
              { value: 'c', label: 'Bed days', disabled: true },
            ],
          },
        ]}
        after={[{ value: 'nr', label: 'Not reported (N/R)' }]}
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Outcome' });
    // Children in order: the option, two optgroups, the option after them.
    expect(Array.from(select.children).map((c) => `${c.tagName.toLowerCase()}:${c.getAttribute('label') ?? c.textContent}`)).toEqual([
      'option:— choose —',
      'optgroup:Recovery',
      'optgroup:Service use',
      'option:Not reported (N/R)',
    ]);
    const service = within(select).getByRole('group', { name: 'Service use' });
    expect(
      within(service)
        .getAllByRole('option')
        .map((o) => [o.textContent, (o as HTMLOptionElement).disabled]),
    ).toEqual([
      ['Admissions', false],
      ['Bed days', true],
    ]);
  });

  it('hands the chosen value, grouped or not, to onChange, and keys pressed on it to onKeyDown', async () => {
    const picked = vi.fn();
    const keys: string[] = [];
    const user = userEvent.setup();
    render(
      <Harness
        options={[{ value: '', label: '— choose —' }]}
        groups={[{ label: 'Recovery', options: [{ value: 'a', label: 'RAS' }] }]}
        after={[{ value: 'nr', label: 'Not reported (N/R)' }]}
        onPick={picked}
        onKey={(k) => keys.push(k)}
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Outcome' }) as HTMLSelectElement;
    await user.selectOptions(select, 'a');
    expect(picked).toHaveBeenLastCalledWith('a');
    expect(select.value).toBe('a');
    await user.selectOptions(select, 'Not reported (N/R)');
    expect(picked).toHaveBeenLastCalledWith('nr');
    select.focus();
    await user.keyboard('{Alt>}{Shift>}N{/Shift}{/Alt}');
    expect(keys).toContain('N');
  });
});

import { useId } from 'react';
import { LIST_FILTER_ATTR } from './list-filter.ts';

// The filter box of a long list. `/` (keyboard.ts) focuses the one on screen, as in most
// tools with a list to search; Esc in it clears it.

export function FilterBox(props: { label: string; value: string; onChange: (value: string) => void; placeholder?: string }) {
  const id = useId();
  return (
    <div className="filter-box">
      <label htmlFor={id} className="visually-hidden">
        {props.label}
      </label>
      <input
        id={id}
        type="search"
        {...{ [LIST_FILTER_ATTR]: '' }}
        value={props.value}
        placeholder={props.placeholder ?? `${props.label} (press /)`}
        aria-keyshortcuts="/"
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && props.value !== '') {
            e.preventDefault();
            e.stopPropagation();
            props.onChange('');
          }
        }}
      />
    </div>
  );
}

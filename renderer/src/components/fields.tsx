import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';

// Labelled form controls. Every control has a visible <label>, an optional hint and an
// error message wired up with aria-describedby / aria-invalid, so a screen reader says
// what is wrong where it is wrong. Values are always rendered as text (React escapes).

interface BaseProps {
  readonly label: string;
  readonly hint?: ReactNode;
  readonly error?: string | null | undefined;
  readonly className?: string;
  readonly disabled?: boolean;
  readonly id?: string;
}

function useFieldIds(id?: string) {
  const auto = useId();
  const base = id ?? `f${auto.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return { id: base, hintId: `${base}-hint`, errorId: `${base}-error` };
}

function describedBy(hint: unknown, error: unknown, ids: { hintId: string; errorId: string }): string | undefined {
  const parts = [hint ? ids.hintId : null, error ? ids.errorId : null].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

function FieldShell(props: {
  ids: ReturnType<typeof useFieldIds>;
  label: string;
  hint?: ReactNode;
  error?: string | null | undefined;
  className?: string | undefined;
  children: ReactNode;
}) {
  const { ids, label, hint, error, className, children } = props;
  return (
    <div className={`field${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={ids.id} className="field__label">
        {label}
      </label>
      {hint ? (
        <p id={ids.hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={ids.errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export interface TextFieldProps extends BaseProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly multiline?: boolean;
  readonly rows?: number;
  readonly placeholder?: string;
  readonly type?: 'text' | 'date' | 'email';
  readonly required?: boolean;
  readonly autoFocus?: boolean;
  readonly onBlur?: () => void;
}

export function TextField(props: TextFieldProps) {
  const ids = useFieldIds(props.id);
  const common = {
    id: ids.id,
    value: props.value,
    disabled: props.disabled,
    placeholder: props.placeholder,
    required: props.required,
    autoFocus: props.autoFocus,
    onBlur: props.onBlur,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy(props.hint, props.error, ids),
    spellCheck: props.type === undefined || props.type === 'text' ? true : undefined,
  } as const;
  return (
    <FieldShell ids={ids} label={props.label} hint={props.hint} error={props.error} className={props.className}>
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 3} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...common} type={props.type ?? 'text'} onChange={(e) => props.onChange(e.target.value)} />
      )}
    </FieldShell>
  );
}

export interface NumberFieldProps extends BaseProps {
  /** NaN while the text typed is not a number (so a form can hold the edit back). */
  readonly value: number | null;
  readonly onChange: (value: number | null) => void;
  /** Empty means null ("not known"); otherwise empty is an error. */
  readonly nullable?: boolean;
  readonly integer?: boolean;
  readonly placeholder?: string;
  readonly onBlur?: () => void;
  readonly suffix?: string;
}

export function parseNumber(text: string, nullable: boolean): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return nullable ? null : Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number.NaN;
  return Number(t);
}

function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
}

export function NumberField(props: NumberFieldProps) {
  const ids = useFieldIds(props.id);
  const nullable = props.nullable ?? false;
  const [text, setText] = useState(() => (props.value === null || Number.isNaN(props.value) ? '' : String(props.value)));
  // Follow the value when it changes from outside (undo, reload), not while typing.
  useEffect(() => {
    if (!sameNumber(parseNumber(text, nullable), props.value) && !(props.value !== null && Number.isNaN(props.value))) {
      setText(props.value === null ? '' : String(props.value));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);
  const parsed = parseNumber(text, nullable);
  const localError = parsed !== null && Number.isNaN(parsed) ? (text.trim() === '' ? 'enter a number' : 'must be a number') : null;
  const error = localError ?? props.error;
  return (
    <FieldShell ids={ids} label={props.label} hint={props.hint} error={error} className={props.className}>
      <span className="number-input">
        <input
          id={ids.id}
          type="text"
          inputMode={props.integer ? 'numeric' : 'decimal'}
          value={text}
          disabled={props.disabled}
          placeholder={props.placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(props.hint, error, ids)}
          onBlur={props.onBlur}
          onChange={(e) => {
            setText(e.target.value);
            props.onChange(parseNumber(e.target.value, nullable));
          }}
        />
        {props.suffix ? <span className="number-input__suffix">{props.suffix}</span> : null}
      </span>
    </FieldShell>
  );
}

export interface SelectOption<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly disabled?: boolean;
}

/** Options shown under a heading (an <optgroup>), e.g. planned outcomes by domain. */
export interface SelectGroup<T extends string> {
  readonly label: string;
  readonly options: readonly SelectOption<T>[];
}

export interface SelectProps<T extends string> {
  readonly value: T;
  /** Options before any group (or the only ones). */
  readonly options: readonly SelectOption<T>[];
  /** Groups of options after `options`, each under its heading. */
  readonly groups?: readonly SelectGroup<T>[];
  /** Options after the groups (a "Not reported" choice at the end of a list). */
  readonly after?: readonly SelectOption<T>[];
  readonly onChange: (value: T) => void;
  /** Shortcut keys handled while the select has focus (N/R, Alt+Shift+N). */
  readonly onKeyDown?: ((e: KeyboardEvent<HTMLSelectElement>) => void) | undefined;
  readonly onBlur?: (() => void) | undefined;
  readonly id?: string | undefined;
  /** The name a screen reader says when no <label> names it (a table cell's select). */
  readonly 'aria-label'?: string;
  readonly 'aria-describedby'?: string | undefined;
  readonly invalid?: boolean;
  readonly disabled?: boolean | undefined;
  readonly autoFocus?: boolean;
  readonly className?: string;
}

/**
 * A select whose label is elsewhere (a table's column, a <label> around it, `aria-label`):
 * the one place the app renders a <select>, so options, invalid state and typing of the
 * value are the same everywhere. With its own label, use SelectField.
 */
export function Select<T extends string>(props: SelectProps<T>) {
  return (
    <select
      id={props.id}
      className={props.className}
      value={props.value}
      disabled={props.disabled}
      autoFocus={props.autoFocus}
      aria-label={props['aria-label']}
      aria-invalid={props.invalid ? true : undefined}
      aria-describedby={props['aria-describedby']}
      onBlur={props.onBlur}
      onKeyDown={props.onKeyDown}
      onChange={(e) => props.onChange(e.target.value as T)}
    >
      {props.options.map(renderOption)}
      {props.groups?.map((g, i) => (
        <optgroup key={`${i}:${g.label}`} label={g.label}>
          {g.options.map(renderOption)}
        </optgroup>
      ))}
      {props.after?.map(renderOption)}
    </select>
  );
}

function renderOption<T extends string>(o: SelectOption<T>) {
  return (
    <option key={o.value} value={o.value} disabled={o.disabled}>
      {o.label}
    </option>
  );
}

export interface SelectFieldProps<T extends string> extends BaseProps {
  readonly value: T;
  readonly options: readonly SelectOption<T>[];
  readonly onChange: (value: T) => void;
  readonly onBlur?: () => void;
}

export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const ids = useFieldIds(props.id);
  return (
    <FieldShell ids={ids} label={props.label} hint={props.hint} error={props.error} className={props.className}>
      <Select
        id={ids.id}
        value={props.value}
        options={props.options}
        disabled={props.disabled}
        invalid={!!props.error}
        aria-describedby={describedBy(props.hint, props.error, ids)}
        onBlur={props.onBlur}
        onChange={props.onChange}
      />
    </FieldShell>
  );
}

export function CheckboxField(props: BaseProps & { readonly checked: boolean; readonly onChange: (v: boolean) => void }) {
  const ids = useFieldIds(props.id);
  return (
    <div className={`field field--checkbox${props.className ? ` ${props.className}` : ''}`}>
      <input
        id={ids.id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={describedBy(props.hint, props.error, ids)}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={ids.id} className="field__label">
        {props.label}
      </label>
      {props.hint ? (
        <p id={ids.hintId} className="field__hint">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={ids.errorId} className="field__error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** A list of short strings edited as one line each. */
export function LinesField(
  props: BaseProps & {
    readonly value: readonly string[];
    readonly onChange: (value: string[]) => void;
    readonly rows?: number;
    readonly placeholder?: string;
    readonly onBlur?: () => void;
  },
) {
  const ids = useFieldIds(props.id);
  const [text, setText] = useState(() => props.value.join('\n'));
  useEffect(() => {
    if (splitLines(text).join('\n') !== props.value.join('\n')) setText(props.value.join('\n'));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);
  return (
    <FieldShell ids={ids} label={props.label} hint={props.hint ?? 'One per line.'} error={props.error} className={props.className}>
      <textarea
        id={ids.id}
        rows={props.rows ?? 3}
        value={text}
        disabled={props.disabled}
        placeholder={props.placeholder}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.hint ?? 'One per line.', props.error, ids)}
        onBlur={props.onBlur}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(splitLines(e.target.value));
        }}
      />
    </FieldShell>
  );
}

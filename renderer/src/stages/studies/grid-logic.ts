import {
  eventsWithinN,
  nWithinRandomised,
  resultNumberIssue,
  type Arm,
  type ArmResult,
  type Derivation,
  type OutcomeDataType,
} from '@grove/shared';

// The results grid's pure logic: which cells a row has, reading what was typed in them,
// checking a whole arm result at once (SD > 0, N ≤ randomised, events ≤ N), and splitting
// a block pasted from a spreadsheet or a PDF table into cells.

export type CellField = 'mean' | 'sd' | 'n' | 'events';

export const FIELD_LABELS: Readonly<Record<CellField, string>> = { mean: 'Mean', sd: 'SD', n: 'N', events: 'Events' };

export function fieldsFor(kind: OutcomeDataType): CellField[] {
  return kind === 'dichotomous' ? ['events', 'n'] : ['mean', 'sd', 'n'];
}

export type ResultKind = 'continuous' | 'dichotomous';
/** Contrast outcomes are entered per arm as continuous data until contrast entry lands. */
export function kindOf(dataType: OutcomeDataType): ResultKind {
  return dataType === 'dichotomous' ? 'dichotomous' : 'continuous';
}

/** The texts of one arm result's cells, keyed by field. */
export type CellTexts = Partial<Record<CellField, string>>;

export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (Number.isInteger(v)) return String(v);
  // Derived values keep their precision in the file; the cell shows 4 significant decimals.
  return String(Number(v.toPrecision(Math.max(6, Math.ceil(Math.log10(Math.abs(v) + 1)) + 4))));
}

export function textsOf(result: ArmResult | null, kind: ResultKind): CellTexts {
  if (!result) return {};
  if (result.kind === 'continuous' && kind === 'continuous')
    return { mean: formatNumber(result.mean), sd: formatNumber(result.sd), n: formatNumber(result.n) };
  if (result.kind === 'dichotomous' && kind === 'dichotomous') return { events: formatNumber(result.events), n: formatNumber(result.n) };
  return {};
}

const NUMBER = /^[-+−]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A number typed in a cell: '' is empty (null); a decimal comma is accepted; anything else is an error. */
export function parseCell(text: string): { ok: true; value: number | null } | { ok: false; message: string } {
  const t = text
    .trim()
    .replace(/^−/, '-')
    .replace(/^(-?\d+),(\d+)$/, '$1.$2');
  if (t === '') return { ok: true, value: null };
  if (!NUMBER.test(t)) return { ok: false, message: `“${text.trim()}” is not a number` };
  return { ok: true, value: Number(t) };
}

export interface Checked {
  /** Messages by cell; empty when the result may be saved. */
  readonly errors: Partial<Record<CellField, string>>;
  /** The result to save (null = clear), when there are no errors. */
  readonly result: ArmResult | null;
}

/** Which cells a derivation produced (they show as derived until the user overtypes one). */
export function derivedFields(d: Derivation | null | undefined): CellField[] {
  if (!d) return [];
  if (d.method.startsWith('sd-from')) return ['sd'];
  if (d.method.startsWith('mean-sd-from')) return ['mean', 'sd'];
  if (d.method === 'combine-groups') return ['mean', 'sd', 'n'];
  if (d.method === 'combine-groups-dichotomous') return ['events', 'n'];
  return [];
}

/**
 * Checks the texts of one arm result against the arm. `derivation` is kept only while the
 * cells it produced still hold the values it produced (`derivedValues`).
 */
export function checkResult(
  kind: ResultKind,
  texts: CellTexts,
  arm: Pick<Arm, 'label' | 'randomised'>,
  derivation: Derivation | null = null,
  derivedValues: Partial<Record<CellField, number | null>> = {},
): Checked {
  const errors: Partial<Record<CellField, string>> = {};
  const values: Partial<Record<CellField, number | null>> = {};
  for (const f of fieldsFor(kind)) {
    const p = parseCell(texts[f] ?? '');
    if (!p.ok) errors[f] = p.message;
    else values[f] = p.value;
  }
  // Each number on its own, then how they relate (only between numbers that are valid).
  for (const f of fieldsFor(kind)) {
    const v = values[f] ?? null;
    const issue = v === null || errors[f] ? null : resultNumberIssue(f, v);
    if (issue) errors[f] = issue.message;
  }
  const n = values.n ?? null;
  if (n !== null && !errors.n) {
    const tooMany = nWithinRandomised(n, arm);
    if (tooMany) errors.n = tooMany.message;
  }
  const ev = values.events ?? null;
  if (kind === 'dichotomous' && ev !== null && !errors.events && n !== null && Number.isInteger(n)) {
    const tooMany = eventsWithinN(ev, n);
    if (tooMany) errors.events = tooMany.message;
  }
  if (Object.keys(errors).length) return { errors, result: null };
  const all = fieldsFor(kind).map((f) => values[f] ?? null);
  if (all.every((v) => v === null)) return { errors, result: null };
  const keep =
    derivation && derivedFields(derivation).every((f) => f in derivedValues && sameValue(derivedValues[f] ?? null, values[f] ?? null));
  const d = keep ? derivation : null;
  // A kept derivation's cells hold the exact derived numbers, not the rounded ones shown.
  if (d) for (const f of derivedFields(d)) values[f] = derivedValues[f] ?? null;
  const result: ArmResult =
    kind === 'continuous'
      ? { kind, mean: values.mean ?? null, sd: values.sd ?? null, n, derivation: d }
      : { kind, events: values.events ?? null, n, derivation: d };
  return { errors, result };
}

/** Equal as shown in a cell (a derived 4.58257569… stays derived when the cell shows 4.58258). */
export function sameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return a === b || formatNumber(a) === formatNumber(b);
}

export function sameResult(a: ArmResult | null, b: ArmResult | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Splits a pasted block into rows of cell texts: tab-separated when it has tabs (a
 * spreadsheet), otherwise on spaces, semicolons and the brackets and ± of "12.1 (3.4)"
 * or "12.1 ± 3.4" as PDF tables print them. Returns null for a single value (a normal paste).
 */
export function parsePasteBlock(text: string): string[][] | null {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  const tabbed = text.includes('\t');
  const rows = lines.map((line) =>
    tabbed
      ? line.split('\t').map((c) => c.trim())
      : line
          .replace(/[±()[\];]/g, ' ')
          .trim()
          .split(/\s+/)
          .filter((c) => c !== ''),
  );
  if (rows.length === 1 && (rows[0]?.length ?? 0) <= 1) return null;
  return rows;
}

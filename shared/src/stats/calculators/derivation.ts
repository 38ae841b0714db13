// Every derived value keeps a record of how it was derived (issue 3), so a review can show
// where a number in the analysis came from (Handbook ch. 6).

export interface Derivation {
  /** Machine-readable method id, e.g. 'sd-from-ci'. */
  method: string;
  inputs: Record<string, number | string | boolean>;
  /** The formula used, in plain text. */
  formula: string;
  /** Source of the method (Handbook section or paper). */
  reference: string;
}

export interface Derived<T = number> {
  value: T;
  derivation: Derivation;
}

export function derived<T>(value: T, derivation: Derivation): Derived<T> {
  return { value, derivation };
}

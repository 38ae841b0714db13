// Numbers as RevMan writes them: Java's Double.toString (rm5-format.md §1). Plain decimal
// for 1e-3 ≤ |x| < 1e7 with at least one digit after the point ("5.0", "100.00000000000001"),
// otherwise computerized scientific notation with a capital E and no "+" ("2.2503110486127298E-12",
// "1.0E7"). Digits are the shortest that read back to the same double (as JS's own
// Number→string; JDK 19+ prints the same, older JDKs occasionally one digit more).

export function javaDoubleToString(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mant, expText] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expText);
  const ax = Math.abs(x);
  if (ax >= 1e-3 && ax < 1e7) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1);
      return `${sign}${intPart}.${frac === '' ? '0' : frac}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  const frac = digits.slice(1);
  return `${sign}${digits[0]}.${frac === '' ? '0' : frac}E${exp}`;
}

/** Counts and other whole numbers RevMan writes without ".0" (EVENTS_1="49"). */
export function javaIntToString(x: number): string {
  return String(Math.trunc(x));
}

// Small dense matrices for the meta-regression family (a handful of coefficients, so plain
// arrays and a Cholesky factorisation are all that is needed; no library).

export type Matrix = number[][];

export function zeros(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** Xᵀ·diag(w)·X for X (k×p). */
export function crossprodWeighted(x: Matrix, w: readonly number[]): Matrix {
  const p = x[0]?.length ?? 0;
  const out = zeros(p, p);
  x.forEach((row, i) => {
    const wi = w[i] as number;
    for (let a = 0; a < p; a++) {
      const xa = (row[a] as number) * wi;
      const target = out[a] as number[];
      for (let b = 0; b < p; b++) target[b] = (target[b] as number) + xa * (row[b] as number);
    }
  });
  return out;
}

/** Xᵀ·diag(w)·y. */
export function crossprodWeightedVector(x: Matrix, w: readonly number[], y: readonly number[]): number[] {
  const p = x[0]?.length ?? 0;
  const out = new Array<number>(p).fill(0);
  x.forEach((row, i) => {
    const wy = (w[i] as number) * (y[i] as number);
    for (let a = 0; a < p; a++) out[a] = (out[a] as number) + (row[a] as number) * wy;
  });
  return out;
}

export function multiplyVector(m: Matrix, v: readonly number[]): number[] {
  return m.map((row) => row.reduce((s, x, j) => s + x * (v[j] as number), 0));
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Lower-triangular Cholesky factor of a symmetric positive definite matrix, or null if not positive definite. */
export function cholesky(a: Matrix): Matrix | null {
  const n = a.length;
  const l = zeros(n, n);
  for (let i = 0; i < n; i++) {
    const li = l[i] as number[];
    for (let j = 0; j <= i; j++) {
      const lj = l[j] as number[];
      let s = (a[i] as number[])[j] as number;
      for (let k = 0; k < j; k++) s -= (li[k] as number) * (lj[k] as number);
      if (i === j) {
        if (!(s > 0)) return null;
        li[i] = Math.sqrt(s);
      } else {
        li[j] = s / (lj[j] as number);
      }
    }
  }
  return l;
}

/** Inverse of a symmetric positive definite matrix (via Cholesky), or null if singular. */
export function inverseSpd(a: Matrix): Matrix | null {
  const l = cholesky(a);
  if (!l) return null;
  const n = a.length;
  // Solve L·Lᵀ·X = I column by column.
  const inv = zeros(n, n);
  for (let c = 0; c < n; c++) {
    const z = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= ((l[i] as number[])[k] as number) * (z[k] as number);
      z[i] = s / ((l[i] as number[])[i] as number);
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = z[i] as number;
      for (let k = i + 1; k < n; k++) s -= ((l[k] as number[])[i] as number) * ((inv[k] as number[])[c] as number);
      (inv[i] as number[])[c] = s / ((l[i] as number[])[i] as number);
    }
  }
  return inv;
}

/** Determinant of a symmetric positive definite matrix (via Cholesky); NaN if not positive definite. */
export function determinantSpd(a: Matrix): number {
  const l = cholesky(a);
  if (!l) return NaN;
  let d = 1;
  l.forEach((row, i) => {
    d *= (row[i] as number) ** 2;
  });
  return d;
}

/** The square sub-matrix on the given indices. */
export function subMatrix(a: Matrix, idx: readonly number[]): Matrix {
  return idx.map((i) => idx.map((j) => (a[i] as number[])[j] as number));
}

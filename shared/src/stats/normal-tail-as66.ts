// RevMan 5's normal tail: Hill's algorithm AS 66 (Applied Statistics 22:424, 1973).
//
// Why: RevMan stores P values of the overall-effect test (P_Z) that differ from the exact
// normal tail by up to ~2e-8 absolute for |z| ≤ 1.28, and by ~3e-11 relative beyond. The
// pattern (an error that switches regime at |z| = 1.28) identifies AS 66; this
// implementation reproduces every P_Z stored in the .rm5 corpus to 2.4e-16 relative
// (test/conformance/stats-rm5.test.ts). Used only under pValues: 'revman5'.

const LTONE = 7.0;
const UTZERO = 18.66;
const CON = 1.28;
const P = 0.398942280444;
const Q = 0.39990348504;
const R = 0.398942280385;
const A1 = 5.75885480458;
const A2 = 2.62433121679;
const A3 = 5.92885724438;
const B1 = -29.8213557807;
const B2 = 48.6959930692;
const C1 = -3.8052e-8;
const C2 = 3.98064794e-4;
const C3 = -0.151679116635;
const C4 = 4.8385912808;
const C5 = 0.742380924027;
const C6 = 3.99019417011;
const D1 = 1.00000615302;
const D2 = 1.98615381364;
const D3 = 5.29330324926;
const D4 = -15.1508972451;
const D5 = 30.789933034;

/** AS 66 `alnorm(x, upper)`: P(Z > x) when upper, else P(Z < x). */
export function alnorm(x: number, upper: boolean): number {
  let up = upper;
  let z = x;
  if (z < 0) {
    up = !up;
    z = -z;
  }
  let value: number;
  if (z <= LTONE || (up && z <= UTZERO)) {
    const y = 0.5 * z * z;
    if (z > CON) {
      value = (R * Math.exp(-y)) / (z + C1 + D1 / (z + C2 + D2 / (z + C3 + D3 / (z + C4 + D4 / (z + C5 + D5 / (z + C6))))));
    } else {
      value = 0.5 - z * (P - (Q * y) / (y + A1 + B1 / (y + A2 + B2 / (y + A3))));
    }
  } else {
    value = 0;
  }
  return up ? value : 1 - value;
}

/** Two-sided P value as RevMan 5 stores it: 2·alnorm(|z|, upper). */
export function normalTwoSidedPAs66(z: number): number {
  return 2 * alnorm(Math.abs(z), true);
}

// Hybrid logical clocks (Kulkarni et al., 2014): a clock reading is the larger of the wall
// clock and the last reading seen, plus a counter that breaks ties and carries on when a
// laptop's clock runs behind. Readings are strings that sort in clock order
// ("<ms, 15 digits>.<counter, 6 digits>"), so SQL can order and compare them; between two
// sites with the same reading, the site id decides (see compareStamp).

declare const hlcBrand: unique symbol;
export type Hlc = string & { readonly [hlcBrand]: true };

const MS_DIGITS = 15;
const COUNTER_DIGITS = 6;
const HLC_PATTERN = /^(\d{15})\.(\d{6})$/;

function format(ms: number, counter: number): Hlc {
  if (counter >= 10 ** COUNTER_DIGITS) return format(ms + 1, 0);
  return `${String(ms).padStart(MS_DIGITS, '0')}.${String(counter).padStart(COUNTER_DIGITS, '0')}` as Hlc;
}

export function parseHlc(text: string): { ms: number; counter: number } {
  const m = text.match(HLC_PATTERN);
  if (!m) throw new Error(`"${text}" is not a clock reading`);
  return { ms: Number(m[1]), counter: Number(m[2]) };
}

export function isHlc(text: unknown): text is Hlc {
  return typeof text === 'string' && HLC_PATTERN.test(text);
}

export function hlcFromWallClock(wallMs: number): Hlc {
  return format(Math.max(0, Math.floor(wallMs)), 0);
}

/** The reading after `last` at wall time `wallMs`: later than `last` whatever the wall clock says. */
export function nextHlc(last: Hlc | null, wallMs: number): Hlc {
  const wall = Math.max(0, Math.floor(wallMs));
  if (last === null) return format(wall, 0);
  const { ms, counter } = parseHlc(last);
  return wall > ms ? format(wall, 0) : format(ms, counter + 1);
}

/** A clock reading and the site that made it: a total order over every copy's changes. */
export interface Stamp {
  readonly hlc: Hlc;
  readonly site: string;
}

export function compareStamp(a: Stamp, b: Stamp): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.site !== b.site) return a.site < b.site ? -1 : 1;
  return 0;
}

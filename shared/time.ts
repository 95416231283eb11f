/**
 * Parsing of ISO 8601 times on the hot path. Snapshots carry hundreds of dates per account and
 * `Date.parse` was most of the engine's time; the canonical UTC forms CRMs and JSON produce
 * (`YYYY-MM-DDTHH:MM:SSZ` and `YYYY-MM-DDTHH:MM:SS.sssZ`) are read here with integer
 * arithmetic. Anything else (offsets, other fraction lengths, out-of-range fields) goes to
 * `Date.parse`, so the result is always what `Date.parse` would give.
 */

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days from 1970-01-01 to the first of January of `y` (proleptic Gregorian). */
function daysBeforeYear(y: number): number {
  const p = y - 1;
  return 365 * (y - 1970) + (Math.floor(p / 4) - Math.floor(p / 100) + Math.floor(p / 400)) - 477;
}

export function parseIsoMs(s: string | undefined): number {
  if (s === undefined) return Number.NaN;
  const len = s.length;
  if (
    (len === 20 || len === 24) &&
    s.charCodeAt(len - 1) === 90 /* Z */ &&
    s.charCodeAt(4) === 45 &&
    s.charCodeAt(7) === 45 &&
    s.charCodeAt(10) === 84 /* T */ &&
    s.charCodeAt(13) === 58 &&
    s.charCodeAt(16) === 58 &&
    (len === 20 || s.charCodeAt(19) === 46)
  ) {
    const y = digits(s, 0, 4);
    const mo = digits(s, 5, 2);
    const d = digits(s, 8, 2);
    const h = digits(s, 11, 2);
    const mi = digits(s, 14, 2);
    const sec = digits(s, 17, 2);
    const ms = len === 24 ? digits(s, 20, 3) : 0;
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 59 && ms >= 0) {
      const leap = isLeap(y);
      const monthDays = mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
      if (d <= monthDays) {
        const days = daysBeforeYear(y) + (DAYS_BEFORE_MONTH[mo - 1] as number) + (leap && mo > 2 ? 1 : 0) + d - 1;
        return ((days * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + ms;
      }
    }
  }
  return Date.parse(s);
}

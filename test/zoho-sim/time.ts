/**
 * Zoho's date formats.
 *
 * Zoho returns date-times as ISO 8601 with the org's offset, e.g. "2023-10-15T10:30:00+05:30",
 * and dates as "YYYY-MM-DD" (zoho.md §2 "Value formats"). The seeded org's time zone is
 * Asia/Shanghai (+08:00, no daylight saving), so every date-time in a response carries +08:00.
 * The clock itself is the simulators' shared one (`../sim-kit/time.ts`).
 */
import { MINUTE_MS } from '../sim-kit/time.ts';

export const ORG_OFFSET_MINUTES = 8 * 60;
export const ORG_TIME_ZONE = 'Asia/Shanghai';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "2026-11-23T08:00:00+08:00": seconds precision, the org's offset. */
export function zohoDateTime(ms: number, offsetMinutes = ORG_OFFSET_MINUTES): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * MINUTE_MS);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const off = Math.abs(offsetMinutes);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`
  );
}

/** "2026-11-23": the calendar date in the org's time zone. */
export function zohoDate(ms: number, offsetMinutes = ORG_OFFSET_MINUTES): string {
  return zohoDateTime(ms, offsetMinutes).slice(0, 10);
}

/** Epoch ms of a Zoho date ("YYYY-MM-DD", midnight in the org's zone) or date-time; NaN when unreadable. */
export function parseZohoTime(value: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00+08:00`);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return Date.parse(value);
  return Number.NaN;
}

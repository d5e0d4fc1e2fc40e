/** UTC day arithmetic on unix seconds, without Date allocations in the daily loop. */

export const SECONDS_PER_DAY = 86_400;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → unix seconds at 00:00 UTC, or null when it is not a real calendar day. */
export function dayFromIso(text: string): number | null {
  const m = ISO_DAY.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 1000;
}

/** Start of the UTC day containing `tsSeconds`. */
export function dayStart(tsSeconds: number): number {
  return Math.floor(tsSeconds / SECONDS_PER_DAY) * SECONDS_PER_DAY;
}

/**
 * unix seconds → `YYYY-MM-DD` (H. Hinnant's civil-from-days: integer math only, so a 3,700-day
 * series is formatted without creating 3,700 Date objects).
 */
export function isoFromDay(tsSeconds: number): string {
  const z = Math.floor(tsSeconds / SECONDS_PER_DAY) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Every UTC day start from `fromTs` to `toTs` inclusive. */
export function dayGrid(fromTs: number, toTs: number): Float64Array {
  const n = Math.floor((toTs - fromTs) / SECONDS_PER_DAY) + 1;
  const grid = new Float64Array(Math.max(0, n));
  for (let i = 0; i < grid.length; i++) grid[i] = fromTs + i * SECONDS_PER_DAY;
  return grid;
}

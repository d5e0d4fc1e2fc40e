/** Unix-seconds helpers for UTC days. Every stored timestamp is unix seconds, UTC. */

export const SECONDS_PER_DAY = 86_400;

/**
 * Dates the app accepts, from files and from the renderer: 1990-01-01 through 2100-12-31 UTC. Years
 * 0000, 1969 or 9999 in a file are typos or placeholders, never market history.
 */
export const FIRST_ACCEPTED_TS = Date.UTC(1990, 0, 1) / 1000;
export const LAST_ACCEPTED_TS = Date.UTC(2101, 0, 1) / 1000 - 1;

/** A row problem for a time outside the accepted range, else null. */
export function dateRangeProblem(
  ts: number,
): { code: 'DATE_OUT_OF_RANGE'; message: string } | null {
  if (ts >= FIRST_ACCEPTED_TS && ts <= LAST_ACCEPTED_TS) return null;
  const year = new Date(ts * 1000).getUTCFullYear();
  return {
    code: 'DATE_OUT_OF_RANGE',
    message: `date in year ${Number.isFinite(year) ? year : '?'} is outside 1990-2100`,
  };
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z| UTC)$/;

/** `YYYY-MM-DD` → unix seconds at 00:00 UTC, or null when it is not a real calendar day. */
export function parseIsoDay(text: string): number | null {
  const m = ISO_DAY.exec(text);
  if (!m) return null;
  return utcSeconds(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, 0);
}

/**
 * `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS(.sss)Z` or CoinGecko's `YYYY-MM-DD HH:MM:SS UTC` → unix seconds
 * (fractions of a second dropped), or null when the text is not a real UTC instant.
 */
export function parseUtcInstant(text: string): number | null {
  const day = parseIsoDay(text);
  if (day !== null) return day;
  const m = ISO_INSTANT.exec(text);
  if (!m) return null;
  return utcSeconds(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  );
}

function utcSeconds(y: number, mo: number, d: number, h: number, mi: number, s: number) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 2021-02-30 over to March; a real day survives the round trip.
  if (new Date(ms).getUTCDate() !== d) return null;
  return ms / 1000;
}

export function utcDayStart(tsSeconds: number): number {
  return Math.floor(tsSeconds / SECONDS_PER_DAY) * SECONDS_PER_DAY;
}

/** unix seconds → `YYYY-MM-DD` when at a day start, else `YYYY-MM-DDTHH:MM:SSZ`. */
export function formatUtc(tsSeconds: number): string {
  const iso = new Date(tsSeconds * 1000).toISOString();
  return tsSeconds % SECONDS_PER_DAY === 0 ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}

import { isoFromDay, SECONDS_PER_DAY } from './calendar';

/** A run of UTC days without any reading, between two covered days. */
export interface DayGap {
  /** First missing day (YYYY-MM-DD). */
  from: string;
  /** Last missing day. */
  to: string;
  /** Missing days in the run (from and to included). */
  days: number;
}

/** Which UTC days a series covers: its span and the holes inside it. */
export interface SeriesCoverage {
  /** First and last covered day; null for an empty series. */
  firstDay: string | null;
  lastDay: string | null;
  /** Distinct UTC days with at least one reading. */
  coveredDays: number;
  /** Readings (rows) seen; above coveredDays for intraday data. */
  readings: number;
  /** The first MAX_LISTED_GAPS gaps, oldest first; `gapCount` counts all of them. */
  gaps: DayGap[];
  gapCount: number;
  /** Missing days over all gaps. */
  missingDays: number;
}

/** Gaps listed per series: enough to read, bounded for a pathological file. */
export const MAX_LISTED_GAPS = 500;

/**
 * Streams a series' timestamps (unix seconds, oldest first, any time of day) into its day coverage
 * in constant memory: several readings in one UTC day count as one covered day. Timestamps out of
 * order are a caller bug (the stores read in key order) and throw.
 */
export class CoverageBuilder {
  #first = Number.NaN;
  #last = Number.NaN;
  #lastTs = Number.NEGATIVE_INFINITY;
  #covered = 0;
  #readings = 0;
  #gapCount = 0;
  #missing = 0;
  readonly #gaps: DayGap[] = [];

  constructor(private readonly maxGaps = MAX_LISTED_GAPS) {}

  /** One reading at `ts`, or `readings` of them in that UTC day (a store's per-day count). */
  add(ts: number, readings = 1): void {
    if (!Number.isFinite(ts)) throw new RangeError(`not a timestamp: ${ts}`);
    if (ts < this.#lastTs)
      throw new RangeError(`timestamps out of order: ${ts} after ${this.#lastTs}`);
    this.#lastTs = ts;
    this.#readings += readings;
    const day = Math.floor(ts / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    if (day === this.#last) return;
    if (!Number.isNaN(this.#last)) {
      const missing = (day - this.#last) / SECONDS_PER_DAY - 1;
      if (missing > 0) {
        this.#gapCount++;
        this.#missing += missing;
        if (this.#gaps.length < this.maxGaps) {
          this.#gaps.push({
            from: isoFromDay(this.#last + SECONDS_PER_DAY),
            to: isoFromDay(day - SECONDS_PER_DAY),
            days: missing,
          });
        }
      }
    } else {
      this.#first = day;
    }
    this.#last = day;
    this.#covered++;
  }

  finish(): SeriesCoverage {
    const empty = Number.isNaN(this.#first);
    return {
      firstDay: empty ? null : isoFromDay(this.#first),
      lastDay: empty ? null : isoFromDay(this.#last),
      coveredDays: this.#covered,
      readings: this.#readings,
      gaps: [...this.#gaps],
      gapCount: this.#gapCount,
      missingDays: this.#missing,
    };
  }
}

/** Coverage of a whole array of timestamps (oldest first). */
export function coverageOf(ts: Iterable<number>, maxGaps = MAX_LISTED_GAPS): SeriesCoverage {
  const builder = new CoverageBuilder(maxGaps);
  for (const t of ts) builder.add(t);
  return builder.finish();
}

/** A span of days, both ends included (YYYY-MM-DD). */
export interface DaySpan {
  from: string;
  to: string;
}

/**
 * The days every span covers: the latest start to the earliest end; null when there is no span or
 * they share no day. ISO days compare as strings.
 */
export function commonWindow(spans: readonly DaySpan[]): DaySpan | null {
  if (spans.length === 0) return null;
  let from = spans[0]!.from;
  let to = spans[0]!.to;
  for (const s of spans) {
    if (s.from > from) from = s.from;
    if (s.to < to) to = s.to;
  }
  return from <= to ? { from, to } : null;
}

export const RATE_SIDES = ['supply', 'variable-borrow'] as const;
export type RateSide = (typeof RATE_SIDES)[number];

/** Identifies one rate series: a market (protocol on a chain), an asset and a side. */
export interface RateSeriesKey {
  /** e.g. `aave-v2`, `compound-v2`, `aave-v3`. */
  protocol: string;
  /** e.g. `ethereum`, `arbitrum`. */
  chain: string;
  /** Upper-case symbol as the market lists it, e.g. `USDC`, `WETH`. */
  asset: string;
  side: RateSide;
}

/** One UTC day of a series. `rate` is an annual fraction (0.0703 = 7.03 %). */
export interface DailyRate {
  ts: number;
  rate: number;
  /** Market utilization that day when the source has it, else null. */
  utilization: number | null;
  /** Readings averaged into the day, when known. */
  nSamples: number | null;
}

export interface RateSeriesData {
  key: RateSeriesKey;
  rows: DailyRate[];
}

export interface RateSeriesInfo extends RateSeriesKey {
  id: number;
  source: string;
  firstTs: number | null;
  lastTs: number | null;
  count: number;
}

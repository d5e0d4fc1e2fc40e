import type { Peg } from '../engine/format/schema';
import { pegRatio, USD } from '../engine/prices';
import { dayStart, isoFromDay, SECONDS_PER_DAY } from '../market-data/calendar';
import { pegLinkRatio } from './pricing';
import type { DailyCloses, PriceHistory } from './types';

export interface PegRatioSeries {
  asset: string;
  pegAsset: string;
  ts: number[];
  date: string[];
  /** Market price / (peg asset's market price × exchange rate): 1 on peg, 0.937 = a 6.3 % discount. */
  ratio: number[];
  /** The deepest discount (lowest ratio) and its day; null for an empty series. */
  min: { date: string; ratio: number } | null;
}

/**
 * The market price of a pegged asset relative to its peg, on each day both have a close (no carried
 * days): stETH/ETH, USDC/USD (the unit is 1 every day). For an `exchange-rate` peg the peg side is
 * multiplied by the exchange rate, growing from the first day of the series at the declared rate, so
 * 1 still means "at the protocol's redemption value".
 */
export function pegRatioSeries(input: {
  asset: string;
  peg: Peg;
  prices: PriceHistory;
  fromTs?: number;
  toTs?: number;
}): PegRatioSeries {
  const { asset, peg } = input;
  const out: PegRatioSeries = {
    asset,
    pegAsset: peg.asset,
    ts: [],
    date: [],
    ratio: [],
    min: null,
  };
  const own = input.prices[asset];
  const base = peg.asset === USD ? null : input.prices[peg.asset];
  const rate = pegRatio(peg);
  if (!own || (peg.asset !== USD && !base) || !rate) return out;
  const link = {
    ratio: rate.toNumber(),
    growthApr: peg.kind === 'exchange-rate' ? Number(peg.exchangeRateAprGrowth ?? '0') || 0 : 0,
  };
  const pegClose = base ? closesByDay(base) : null;
  const from = input.fromTs ?? Number.NEGATIVE_INFINITY;
  const to = input.toTs ?? Number.POSITIVE_INFINITY;
  let firstDay: number | null = null;
  for (let j = 0; j < own.ts.length; j++) {
    const day = dayStart(own.ts[j] as number);
    if (day < from || day > to) continue;
    const price = own.close[j] as number;
    const pegPrice = pegClose ? pegClose.get(day) : 1;
    if (!(price > 0) || pegPrice === undefined || !(pegPrice > 0)) continue;
    firstDay ??= day;
    const ratio = price / (pegPrice * pegLinkRatio(link, (day - firstDay) / SECONDS_PER_DAY));
    out.ts.push(day);
    out.date.push(isoFromDay(day));
    out.ratio.push(ratio);
    if (!out.min || ratio < out.min.ratio) out.min = { date: isoFromDay(day), ratio };
  }
  return out;
}

function closesByDay(series: DailyCloses): Map<number, number> {
  const out = new Map<number, number>();
  for (let j = 0; j < series.ts.length; j++)
    out.set(dayStart(series.ts[j] as number), series.close[j] as number);
  return out;
}

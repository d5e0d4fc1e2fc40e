import type { Peg } from '../engine/format/schema';
import { MAX_PEG_DEPTH, pegRatio, type PegMap } from '../engine/prices';

export const DAYS_PER_YEAR = 365;

/** One link of a peg chain: units of the next asset per unit, growing at `growthApr` a year. */
export interface PegLink {
  to: string;
  ratio: number;
  growthApr: number;
}

/**
 * Daily growth of a peg's exchange rate: `ratio × (1 + growthApr/365)^day`, day 0 being the first
 * simulated or replayed day (the strategy's declared exchange rate is the rate on that day).
 */
export function pegLinkRatio(link: { ratio: number; growthApr: number }, day: number): number {
  return link.growthApr === 0 ? link.ratio : link.ratio * Math.pow(1 + link.growthApr / 365, day);
}

function linkOf(peg: Peg): PegLink | null {
  const ratio = pegRatio(peg);
  if (!ratio) return null;
  const growth = peg.kind === 'exchange-rate' ? Number(peg.exchangeRateAprGrowth ?? '0') : 0;
  return {
    to: peg.asset,
    ratio: ratio.toNumber(),
    growthApr: Number.isFinite(growth) ? growth : 0,
  };
}

/** The peg links from `asset` until `stop(symbol)` is true; null when the chain breaks first. */
export function pegPath(
  asset: string,
  pegs: PegMap,
  stop: (symbol: string) => boolean,
): { anchor: string; links: PegLink[] } | null {
  const links: PegLink[] = [];
  let current = asset;
  for (let depth = 0; depth <= MAX_PEG_DEPTH; depth++) {
    if (depth > 0 && stop(current)) return { anchor: current, links };
    const peg = pegs.get(current);
    if (!peg) return null;
    const link = linkOf(peg);
    if (!link) return null;
    links.push(link);
    current = link.to;
  }
  return null;
}

/** Daily multiple of a peg chain's ratio: Π (1 + growthApr/365) over its links. */
export function dailyGrowth(links: readonly { growthApr: number }[]): number {
  return links.reduce((g, link) => g * (1 + link.growthApr / DAYS_PER_YEAR), 1);
}

import { Decimal, ONE } from './decimal';
import { ASSET_CATALOG } from './assets/catalog';
import type { AssetInfo, LendingMarket, Peg, Strategy } from './format/schema';
import type { PriceMap } from './position';

/** Pegs by asset symbol (catalog merged with the strategy's own asset facts). */
export type PegMap = ReadonlyMap<string, Peg>;

/** The unit of account: a peg to 'USD' ends at price 1. */
export const USD = 'USD';
/**
 * The longest peg chain followed, in links (wstETH → stETH → ETH is 2): a longer one prices nothing
 * (`PEG_CHAIN_TOO_LONG` in check-inputs.ts).
 */
export const MAX_PEG_DEPTH = 8;

/** Asset facts: the built-in catalog, overridden per symbol by `strategy.assets`. */
export function assetInfoFromStrategy(strategy: Pick<Strategy, 'assets'>): Map<string, AssetInfo> {
  const book = new Map<string, AssetInfo>(Object.entries(ASSET_CATALOG));
  for (const [symbol, info] of Object.entries(strategy.assets ?? {})) book.set(symbol, info);
  return book;
}

export function pegsFromStrategy(strategy: Pick<Strategy, 'assets'>): Map<string, Peg> {
  const pegs = new Map<string, Peg>();
  for (const [symbol, info] of assetInfoFromStrategy(strategy))
    if (info.peg) pegs.set(symbol, info.peg);
  return pegs;
}

/** Units of the peg asset per unit of the pegged asset: 1 one-to-one, the exchange rate otherwise. */
export function pegRatio(peg: Peg): Decimal | null {
  if (peg.kind === 'one-to-one') return ONE;
  if (peg.exchangeRate === undefined) return null;
  const rate = new Decimal(peg.exchangeRate);
  return rate.isFinite() && rate.greaterThan(0) ? rate : null;
}

/**
 * Follows an asset's peg chain to its root (an asset with no peg, e.g. ETH, BTC or USD).
 * `ratio` is units of the root per unit of the asset (wstETH → stETH → ETH: the exchange rate).
 * Returns null for a broken chain (cycle, too deep, exchange rate missing).
 */
export function priceRoot({ asset, pegs }: { asset: string; pegs: PegMap }): {
  root: string;
  ratio: Decimal;
} | null {
  let current = asset;
  let ratio = ONE;
  for (let depth = 0; depth <= MAX_PEG_DEPTH; depth++) {
    const peg = pegs.get(current);
    if (!peg) return { root: current, ratio };
    const step = pegRatio(peg);
    if (!step) return null;
    ratio = ratio.times(step);
    current = peg.asset;
  }
  return null;
}

/**
 * USD prices for every asset the strategy can price: its explicit `prices`, then assets reachable
 * through a peg from a priced asset (price = peg asset's price × ratio), peg assets priced only
 * through an asset pegged to them (price ÷ ratio), and USD itself at 1.
 */
export function priceMapFromStrategy(strategy: Pick<Strategy, 'prices' | 'assets'>): PriceMap {
  const prices = new Map<string, Decimal>();
  prices.set(USD, ONE);
  for (const [symbol, text] of Object.entries(strategy.prices)) {
    const price = new Decimal(text);
    if (price.isFinite() && price.greaterThanOrEqualTo(0)) prices.set(symbol, price);
  }
  const pegs = pegsFromStrategy(strategy);
  for (let pass = 0; pass < MAX_PEG_DEPTH; pass++) {
    let added = false;
    for (const [symbol, peg] of pegs) {
      if (prices.has(symbol)) continue;
      const base = prices.get(peg.asset);
      const ratio = pegRatio(peg);
      if (base && ratio) {
        prices.set(symbol, base.times(ratio));
        added = true;
      }
    }
    // Upwards too: a root (ETH) priced only through an asset pegged to it (WETH).
    for (const [symbol, peg] of pegs) {
      const own = prices.get(symbol);
      const ratio = pegRatio(peg);
      if (own && ratio && !prices.has(peg.asset)) {
        prices.set(peg.asset, own.div(ratio));
        added = true;
      }
    }
    if (!added) break;
  }
  return prices;
}

/**
 * The price a lending market's oracle reports for `asset`.
 * - `market` mode: the market price.
 * - `exchange-rate` mode: the peg root's market price × the chain of peg ratios (Aave's
 *   wstETH oracle: wstETH/stETH exchange rate × ETH/USD, treating stETH as ETH). A depeg of the
 *   asset's market price then does not move the health factor.
 * Null when the price cannot be determined.
 */
export function oraclePrice({
  asset,
  market,
  marketPrices,
  pegs,
}: {
  asset: string;
  market: Pick<LendingMarket, 'assets'>;
  marketPrices: PriceMap;
  pegs: PegMap;
}): Decimal | null {
  const mode = market.assets[asset]?.oracle ?? 'market';
  if (mode === 'exchange-rate') {
    const root = priceRoot({ asset, pegs });
    if (root && root.root !== asset) {
      const rootPrice = root.root === USD ? ONE : marketPrices.get(root.root);
      if (rootPrice) return rootPrice.times(root.ratio);
    }
  }
  return marketPrices.get(asset) ?? null;
}

/** Oracle prices of every asset a lending market lists (assets it cannot price are left out). */
export function oraclePriceMap({
  market,
  marketPrices,
  pegs,
}: {
  market: Pick<LendingMarket, 'assets'>;
  marketPrices: PriceMap;
  pegs: PegMap;
}): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  for (const asset of Object.keys(market.assets)) {
    const price = oraclePrice({ asset, market, marketPrices, pegs });
    if (price) out.set(asset, price);
  }
  return out;
}

/**
 * Reprices the whole map as if `root`'s USD price were `rootPriceUsd`, moving every asset pegged to
 * it proportionally and holding every other root constant ("others held constant").
 */
export function withRootPrice({
  prices,
  pegs,
  root,
  rootPriceUsd,
}: {
  prices: PriceMap;
  pegs: PegMap;
  root: string;
  rootPriceUsd: Decimal;
}): Map<string, Decimal> {
  const current = prices.get(root);
  const out = new Map(prices);
  out.set(root, rootPriceUsd);
  if (!current || current.isZero()) return out;
  const factor = rootPriceUsd.div(current);
  for (const [symbol, price] of prices) {
    if (symbol === root) continue;
    if (priceRoot({ asset: symbol, pegs })?.root === root) out.set(symbol, price.times(factor));
  }
  return out;
}

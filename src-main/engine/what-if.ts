import { Decimal } from './decimal';
import type { EngineIssue, PriceMap } from './position';
import { MAX_PEG_DEPTH, USD, type PegMap } from './prices';

/** What-if prices: USD price per asset symbol, as decimal strings ("2500", "0.98"). */
export type AtPrices = Readonly<Record<string, string>>;

/**
 * The entry price map with some assets set to what-if prices. Each asset named in `at` takes that
 * USD price; every asset whose peg chain passes through it moves by the same factor (ETH=2500
 * moves WETH, stETH and wstETH; USDC=0.98 depegs USDC alone). When an asset's chain passes
 * through several named assets, the nearest one wins (stETH=… overrides ETH=… for wstETH).
 * Other assets keep their entry price. Returns issues for unknown assets or bad prices.
 */
export function pricesAt({
  prices,
  pegs,
  at,
}: {
  prices: PriceMap;
  pegs: PegMap;
  at: AtPrices;
}): { ok: true; prices: Map<string, Decimal> } | { ok: false; errors: EngineIssue[] } {
  const errors: EngineIssue[] = [];
  const shocked = new Map<string, Decimal>();
  for (const [asset, text] of Object.entries(at)) {
    const field = `at.${asset}`;
    const price = decimalOrNull(text);
    if (asset === USD) {
      errors.push({ code: 'AT_PRICE_FIXED', message: 'USD is the unit of account', field });
    } else if (!prices.has(asset) || asset.startsWith('LP:')) {
      errors.push({
        code: 'AT_PRICE_UNKNOWN_ASSET',
        message: `${asset} is not priced by this strategy`,
        field,
      });
    } else if (!price || !price.isFinite() || !price.greaterThan(0)) {
      errors.push({
        code: 'AT_PRICE_INVALID',
        message: `the price of ${asset} must be a positive number`,
        field,
      });
    } else {
      shocked.set(asset, price);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const out = new Map(prices);
  for (const [asset, price] of prices) {
    const anchor = nearestShocked(asset, pegs, shocked);
    if (!anchor) continue;
    const anchorEntry = prices.get(anchor)!;
    const target = shocked.get(anchor)!;
    // Scale by the anchor's move so a depeg already in the entry prices (stETH at 0.999 ETH) stays.
    out.set(asset, anchorEntry.isZero() ? target : price.times(target).div(anchorEntry));
  }
  return { ok: true, prices: out };
}

function decimalOrNull(text: string): Decimal | null {
  try {
    return new Decimal(text);
  } catch {
    return null;
  }
}

function nearestShocked(
  asset: string,
  pegs: PegMap,
  shocked: ReadonlyMap<string, Decimal>,
): string | null {
  let current = asset;
  for (let depth = 0; depth <= MAX_PEG_DEPTH; depth++) {
    if (shocked.has(current)) return current;
    const peg = pegs.get(current);
    if (!peg) return null;
    current = peg.asset;
  }
  return null;
}

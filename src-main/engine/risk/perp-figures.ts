import { Decimal, ONE, ZERO } from '../decimal';
import type { PerpPosition, PriceMap } from '../position';
import type { PegMap } from '../prices';
import { perpPnlUsd } from '../valuation';
import { perpLiquidationPoint } from './liquidation-price';

/** What a perp position looks like at `prices`: size, margin, leverage and how far liquidation is. */
export interface PerpFigures {
  stepId: string;
  marketId: string;
  asset: string;
  side: 'long' | 'short';
  /** Units of the underlying. */
  size: Decimal;
  /** size × mark price (USD). */
  notionalUsd: Decimal;
  entryPriceUsd: Decimal;
  markPriceUsd: Decimal;
  marginAsset: string;
  /** Units of the margin asset, net of the open fee. */
  margin: Decimal;
  marginUsd: Decimal;
  unrealizedPnlUsd: Decimal;
  /** Margin value + unrealized PnL: what closing would return before the close fee (USD). */
  equityUsd: Decimal;
  /** notional / equity; null when equity ≤ 0. */
  leverage: Decimal | null;
  /** equity / notional (the exchanges' "margin ratio"). */
  marginRatio: Decimal;
  /** maintenanceMarginRate + closeFeeRate: liquidated when marginRatio falls to it. */
  maintenanceRatio: Decimal;
  liquidationPriceUsd: Decimal | null;
  /** 1 − liquidation / mark: positive = the price must fall, negative = rise. */
  liquidationDrop: Decimal | null;
  /** Funding over a year at the mark notional (USD); positive = received. */
  fundingUsdPerYear: Decimal;
}

/**
 * The figures of one perp at `prices` (mark = the underlying's price, margin valued at its own).
 * Liquidation uses `perpLiquidationPoint` (closed form, docs/formulas.md "Perp liquidation").
 * Funding: `fundingApr` > 0 means longs pay shorts, so a short receives notional × fundingApr.
 */
export function perpFigures({
  perp,
  prices,
  pegs,
}: {
  perp: PerpPosition;
  prices: PriceMap;
  pegs: PegMap;
}): PerpFigures {
  const mark = prices.get(perp.asset) ?? perp.entryPrice;
  const marginUsd = perp.margin.times(prices.get(perp.marginAsset) ?? ZERO);
  const pnl = perpPnlUsd(perp, mark);
  const equityUsd = marginUsd.plus(pnl);
  const notionalUsd = perp.size.times(mark);
  const point = perpLiquidationPoint({ perp, prices, pegs });
  const sign = perp.side === 'short' ? ONE : ONE.neg();
  return {
    stepId: perp.stepId,
    marketId: perp.marketId,
    asset: perp.asset,
    side: perp.side,
    size: perp.size,
    notionalUsd,
    entryPriceUsd: perp.entryPrice,
    markPriceUsd: mark,
    marginAsset: perp.marginAsset,
    margin: perp.margin,
    marginUsd,
    unrealizedPnlUsd: pnl,
    equityUsd,
    leverage: equityUsd.greaterThan(0) ? notionalUsd.div(equityUsd) : null,
    marginRatio: notionalUsd.isZero() ? ZERO : equityUsd.div(notionalUsd),
    maintenanceRatio: perp.maintenanceMarginRate.plus(perp.closeFeeRate),
    liquidationPriceUsd: point ? point.priceUsd : null,
    liquidationDrop: point && !mark.isZero() ? ONE.minus(point.priceUsd.div(mark)) : null,
    fundingUsdPerYear: notionalUsd.times(perp.fundingApr).times(sign),
  };
}

import { Decimal } from '../decimal';
import type { LendingMarket } from '../format/schema';

/**
 * Aave v3.3 liquidation constants (aave-dao/aave-v3-origin
 * src/contracts/protocol/libraries/logic/LiquidationLogic.sol):
 * - DEFAULT_LIQUIDATION_CLOSE_FACTOR = 0.5e4 (50 %) of the account's TOTAL debt in base currency;
 * - CLOSE_FACTOR_HF_THRESHOLD = 0.95e18: at HF ≤ 0.95 (inclusive) the whole reserve debt is liquidatable;
 * - MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD = 2000e8 ($2,000, 8-decimal USD base): if the collateral
 *   reserve or the debt reserve is worth less, the whole reserve debt is liquidatable;
 * - MIN_LEFTOVER_BASE = MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD / 2 ($1,000): a liquidation that clears
 *   neither the reserve debt nor the collateral must leave at least this of both (MUST_NOT_LEAVE_DUST).
 * The market's fields override them; "0" thresholds give the v3.0–v3.2 behaviour.
 */
export interface AaveLiquidationRules {
  closeFactor: Decimal;
  fullLiquidationHealthFactor: Decimal;
  fullLiquidationBelowUsd: Decimal;
  minLeftoverUsd: Decimal;
}

export const AAVE_V33_FULL_LIQUIDATION_BELOW_USD = '2000';

export function aaveLiquidationRules(
  market: Pick<
    LendingMarket,
    'closeFactor' | 'fullLiquidationHealthFactor' | 'fullLiquidationBelowUsd' | 'minLeftoverUsd'
  >,
): AaveLiquidationRules {
  const fullBelow = new Decimal(
    market.fullLiquidationBelowUsd ?? AAVE_V33_FULL_LIQUIDATION_BELOW_USD,
  );
  return {
    closeFactor: new Decimal(market.closeFactor ?? '0.5'),
    fullLiquidationHealthFactor: new Decimal(market.fullLiquidationHealthFactor ?? '0.95'),
    fullLiquidationBelowUsd: fullBelow,
    minLeftoverUsd:
      market.minLeftoverUsd !== undefined ? new Decimal(market.minLeftoverUsd) : fullBelow.div(2),
  };
}

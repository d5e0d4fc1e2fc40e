import { Decimal, ONE } from '../decimal';
import type { LendingMarket, LiquidationDesign } from '../format/schema';

export type DesignName = LiquidationDesign['design'];

/** The market's liquidation design; a market without one is Aave v3 (every version-1 file). */
export function designOf(market: Pick<LendingMarket, 'liquidation'>): LiquidationDesign {
  return market.liquidation ?? { design: 'aave-v3' };
}

/** Morpho Blue's cap and cursor (morpho-blue src/libraries/ConstantsLib.sol). */
export const MORPHO_MAX_LIF = new Decimal('1.15');
export const MORPHO_LIQUIDATION_CURSOR = new Decimal('0.3');

/**
 * Morpho Blue liquidation incentive factor (Morpho.sol `liquidate`):
 * LIF = min(MAX_LIQUIDATION_INCENTIVE_FACTOR, 1 / (1 − cursor·(1 − lltv))) = min(1.15, 1/(0.3·lltv + 0.7)).
 */
export function morphoIncentiveFactor(lltv: Decimal): Decimal {
  return Decimal.min(
    MORPHO_MAX_LIF,
    ONE.div(ONE.minus(MORPHO_LIQUIDATION_CURSOR.times(ONE.minus(lltv)))),
  );
}

/**
 * The one asset a design lets the account borrow (Comet's base, a vault's DAI/USDS, Morpho's loan
 * asset); null when any listed, borrow-enabled asset may be borrowed (Aave v3).
 */
export function borrowableAssetOf(design: LiquidationDesign): string | null {
  switch (design.design) {
    case 'compound-v3':
      return design.baseAsset;
    case 'maker-vault':
      return design.debtAsset;
    case 'morpho-blue':
      return design.loanAsset;
    default:
      return null;
  }
}

/** The one collateral asset of an isolated design (Maker vault, Morpho market); null otherwise. */
export function singleCollateralOf(design: LiquidationDesign): string | null {
  return design.design === 'maker-vault' || design.design === 'morpho-blue'
    ? design.collateral
    : null;
}

import { Decimal, ZERO } from '../decimal';
import type { LendingMarket } from '../format/schema';

export interface EffectiveCollateralParams {
  ltv: Decimal;
  liquidationThreshold: Decimal;
  liquidationBonus: Decimal;
  /** True when the e-mode category's parameters replaced the asset's own. */
  eMode: boolean;
}

/**
 * Collateral parameters of `asset` in `market`: Aave v3 applies the e-mode category's LTV,
 * liquidation threshold and bonus to assets in the category the user entered, and the asset's own
 * parameters otherwise. An asset the market does not list, or whose collateral use is disabled,
 * contributes nothing (all zero).
 */
export function effectiveCollateralParams({
  market,
  asset,
}: {
  market: Pick<LendingMarket, 'assets' | 'eMode'>;
  asset: string;
}): EffectiveCollateralParams {
  const params = market.assets[asset];
  if (!params || params.collateralEnabled === false) {
    return { ltv: ZERO, liquidationThreshold: ZERO, liquidationBonus: ZERO, eMode: false };
  }
  const category = market.eMode;
  if (category && category.assets.includes(asset)) {
    return {
      ltv: new Decimal(category.ltv),
      liquidationThreshold: new Decimal(category.liquidationThreshold),
      liquidationBonus: new Decimal(category.liquidationBonus),
      eMode: true,
    };
  }
  return {
    ltv: new Decimal(params.ltv),
    liquidationThreshold: new Decimal(params.liquidationThreshold),
    liquidationBonus: new Decimal(params.liquidationBonus),
    eMode: false,
  };
}

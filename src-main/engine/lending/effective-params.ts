import { Decimal, ONE, ZERO } from '../decimal';
import type { LendingMarket } from '../format/schema';
import { designOf, morphoIncentiveFactor } from './design';

export interface EffectiveCollateralParams {
  ltv: Decimal;
  liquidationThreshold: Decimal;
  liquidationBonus: Decimal;
  /** True when the e-mode category's parameters replaced the asset's own. */
  eMode: boolean;
}

/**
 * Collateral parameters of `asset` in `market`, by the market's liquidation design:
 * - Maker vault: the vault's collateral borrows and is liquidated at 1 / liquidationRatio (`mat`);
 *   its bonus is the liquidation penalty (chop − 1); any other asset is not collateral.
 * - Morpho Blue: the market's collateral borrows and is liquidated at the LLTV; its bonus is LIF − 1.
 * - Compound v3: `ltv` / `liquidationThreshold` are the borrow / liquidate collateral factors; the
 *   "bonus" is what absorb takes from the owner, 1 − liquidationFactor; the base asset is not collateral.
 * - Aave v3 (the default): applies the e-mode category's LTV,
 * liquidation threshold and bonus to assets in the category the user entered, and the asset's own
 * parameters otherwise. An asset the market does not list, or whose collateral use is disabled,
 * contributes nothing (all zero).
 */
export function effectiveCollateralParams({
  market,
  asset,
}: {
  market: Pick<LendingMarket, 'assets' | 'eMode' | 'liquidation'>;
  asset: string;
}): EffectiveCollateralParams {
  const params = market.assets[asset];
  const none = { ltv: ZERO, liquidationThreshold: ZERO, liquidationBonus: ZERO, eMode: false };
  if (!params || params.collateralEnabled === false) return none;
  const design = designOf(market);
  if (design.design === 'maker-vault') {
    if (asset !== design.collateral) return none;
    const lt = ONE.div(new Decimal(design.liquidationRatio));
    const penalty = new Decimal(design.liquidationPenalty);
    return { ltv: lt, liquidationThreshold: lt, liquidationBonus: penalty, eMode: false };
  }
  if (design.design === 'morpho-blue') {
    if (asset !== design.collateral) return none;
    const lltv = new Decimal(design.lltv);
    const bonus = morphoIncentiveFactor(lltv).minus(ONE);
    return { ltv: lltv, liquidationThreshold: lltv, liquidationBonus: bonus, eMode: false };
  }
  if (design.design === 'compound-v3') {
    if (asset === design.baseAsset) return none;
    const factor = design.liquidationFactors[asset];
    return {
      ltv: new Decimal(params.ltv),
      liquidationThreshold: new Decimal(params.liquidationThreshold),
      liquidationBonus: factor === undefined ? ZERO : ONE.minus(new Decimal(factor)),
      eMode: false,
    };
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

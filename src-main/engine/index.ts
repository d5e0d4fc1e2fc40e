/** Public API of the strategy engine (pure: no Electron, DOM, database or file system). */
export { Decimal, dec, str, sum, minDec, maxDec, ZERO, ONE } from './decimal';
export type { DecimalInput } from './decimal';
export * from './format/schema';
export { parseStrategy, type ParseResult } from './format/parse';
export { migrateStrategy, MIGRATIONS, type MigrationResult } from './format/migrate';
export type * from './position';
export {
  priceMapFromStrategy,
  oraclePrice,
  oraclePriceMap,
  pegsFromStrategy,
  assetInfoFromStrategy,
  priceRoot,
  pegRatio,
  withRootPrice,
  USD,
  type PegMap,
} from './prices';
export { ASSET_CATALOG } from './assets/catalog';
export { buildPosition } from './build-position';
export { accountHealth, type AccountHealth } from './lending/account-health';
export { lendingRates, type LendingRates } from './lending/rates';
export {
  liquidationCall,
  type LiquidationResult,
  type LiquidationRefusal,
} from './lending/liquidation';
export {
  effectiveCollateralParams,
  type EffectiveCollateralParams,
} from './lending/effective-params';
export { cloneAccount } from './lending/clone-account';
export { accountOraclePrices, clonePosition } from './chain/context';
export { cpSwapOut, cpAmountsAtPrice, cpDeposit, cpImpermanentLoss } from './amm/constant-product';
export { amountsForLiquidity, liquidityForAmounts, inRange } from './amm/concentrated';
export {
  stableswapD,
  stableswapY,
  stableswapPrice,
  stableswapBalancesAtPrice,
  stableswapBalancesAtPriceFloat,
} from './amm/stableswap';
export { lpAmounts, lpValueUsd, lpTokenValueUsd } from './amm/lp-value';
export { impermanentLoss, impermanentLossCurve, IL_CURVE_MULTIPLES } from './amm/impermanent-loss';
export { aprToApy, apyToApr, aprToApyContinuous, dailyFactor } from './returns/apy';
export { quoteSwap, type SwapQuote } from './steps/swap';
export { holdings, positionTotals, perpPnlUsd, type Holdings, type Totals } from './valuation';
export { evaluate, evaluateStrategy, type EvaluateOptions } from './evaluate';
export { pricesAt, type AtPrices } from './what-if';
export type * from './evaluation';
export { projectEquity } from './returns/projection';
export { yieldModel, type YieldComponents, type YieldModel } from './returns/yield-components';
export {
  lendingLiquidationPoints,
  perpLiquidationPoint,
  solveByRootFinder,
  type LiquidationPoint,
} from './risk/liquidation-price';
export { findRootInBracket } from './risk/root-finder';

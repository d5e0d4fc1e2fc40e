import { ZERO, type Decimal } from '../decimal';
import type { LendingAccount, PriceMap } from '../position';
import { accountHealth } from './account-health';
import { collateralOf } from './collateral';
import { liquidateByDesign } from './design-liquidation';
import { designOf } from './design';
import { liquidationCall, type LiquidationRefusal } from './liquidation';
import { VALUE_TIE_TOLERANCE } from './value-tie';

/**
 * Aave v3 calls on one account at the most: liquidators call again while HF < 1, and the cap guards
 * against a run of calls that each repay almost nothing. The daily kernel's cap per day too
 * (dynamics/lending/aave-v3.ts).
 */
export const MAX_LIQUIDATION_CALLS = 64;

export interface LiquidationsUntilHealthy {
  /** The account after the liquidations (a new object when anything happened). */
  account: LendingAccount;
  /** Aave v3 `liquidationCall`s made, or 1 for a whole-account design liquidation. */
  calls: number;
  /** Why the last Aave call was refused (null: healthy, nothing left to pair, or another design). */
  refusal: LiquidationRefusal | null;
  healthFactorAfter: Decimal;
}

/**
 * An account's liquidation at ORACLE `prices`, by its market's design, in Decimal: Aave v3
 * `liquidationCall`s while HF < 1, each on the largest debt against the largest collateral (oracle
 * USD), as the backtest and the Monte Carlo call them (dynamics/lending/aave-v3.ts, in Float64);
 * Compound v3, Maker and Morpho Blue `liquidateByDesign` (the whole account at once).
 */
export function liquidateUntilHealthy({
  account,
  prices,
}: {
  account: LendingAccount;
  prices: PriceMap;
}): LiquidationsUntilHealthy {
  if (designOf(account.market).design !== 'aave-v3') {
    const r = liquidateByDesign({ account, prices });
    return {
      account: r.account,
      calls: r.liquidated ? 1 : 0,
      refusal: null,
      healthFactorAfter: r.healthFactorAfter,
    };
  }
  let current = account;
  let calls = 0;
  let refusal: LiquidationRefusal | null = null;
  let hf = accountHealth({ account, prices }).healthFactor;
  while (calls < MAX_LIQUIDATION_CALLS && hf.lessThan(1)) {
    const debtAsset = largest(
      [...current.debts].filter(([, units]) => units.greaterThan(0)),
      prices,
    );
    const collateralAsset = largest(collateralOf(current), prices);
    if (debtAsset === null || collateralAsset === null) break;
    const r = liquidationCall({ account: current, prices, debtAsset, collateralAsset });
    if (!r.liquidated) {
      refusal = r.refusal;
      break;
    }
    calls++;
    current = r.account;
    hf = r.healthFactorAfter;
  }
  return { account: current, calls, refusal, healthFactorAfter: hf };
}

/**
 * The asset of the largest value (units × price), near-ties won by the first (`VALUE_TIE_TOLERANCE`);
 * null when none is worth anything.
 */
export function largest(
  holdings: readonly (readonly [string, Decimal])[],
  prices: PriceMap,
): string | null {
  let best: string | null = null;
  let bestUsd = ZERO;
  for (const [asset, units] of holdings) {
    const usd = units.times(prices.get(asset) ?? ZERO);
    if (usd.greaterThan(bestUsd.times(1 + VALUE_TIE_TOLERANCE))) {
      bestUsd = usd;
      best = asset;
    }
  }
  return best;
}

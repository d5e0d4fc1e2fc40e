import type { Decimal } from '../engine/decimal';
import type { LendingMarket } from '../engine/format/schema';
import { effectiveCollateralParams } from '../engine/lending/effective-params';
import { toFloat } from './fast-number';
import type { ReplayState } from './replay-state';

/** Whether a supply counts as collateral: fixed per market and asset, so looked up once. */
const countsAsCollateral = new WeakMap<LendingMarket, Map<string, boolean>>();

function isCollateral(market: LendingMarket, asset: string): boolean {
  let byAsset = countsAsCollateral.get(market);
  if (!byAsset) countsAsCollateral.set(market, (byAsset = new Map()));
  let counts = byAsset.get(asset);
  if (counts === undefined) {
    counts = !effectiveCollateralParams({ market, asset }).liquidationThreshold.isZero();
    byAsset.set(asset, counts);
  }
  return counts;
}

/**
 * What everything is worth today at MARKET prices. Balances are Decimals; the USD sums are floats
 * (they are reported, never fed back into balances), which keeps the daily loop cheap.
 */
export interface DayValuation {
  equityUsd: number;
  exitValueUsd: number;
  collateralUsd: number;
  debtUsd: number;
  impermanentLossUsd: number;
}

export function valueDay(input: {
  state: ReplayState;
  marketFloat: (asset: string) => number;
  marketDec: (asset: string) => Decimal;
}): DayValuation {
  const { state, marketFloat } = input;
  let equity = 0;
  let exitCosts = 0;
  let collateral = 0;
  let debt = 0;
  let il = 0;
  const unitUsd = (asset: string) => {
    const lp = state.lps.get(asset);
    return lp ? lp.tokenUsd : marketFloat(asset);
  };

  for (const [asset, amount] of state.wallet) {
    if (!amount.isZero()) equity += toFloat(amount) * unitUsd(asset);
  }
  for (const { account } of state.accounts) {
    // Lending is non-recourse: an account whose debt exceeds its supplies is worth 0 to its owner (the
    // rest is the market's bad debt), not a negative number.
    let accountUsd = 0;
    for (const supply of account.supplies.values()) {
      if (supply.amount.isZero()) continue;
      const usd = toFloat(supply.amount) * unitUsd(supply.asset);
      accountUsd += usd;
      if (supply.collateral && isCollateral(account.market, supply.asset)) collateral += usd;
    }
    for (const [asset, amount] of account.debts) {
      if (amount.isZero()) continue;
      const usd = toFloat(amount) * marketFloat(asset);
      accountUsd -= usd;
      debt += usd;
    }
    equity += Math.max(0, accountUsd);
  }
  for (const s of state.stakes) {
    equity += s.valueUsd;
    if (!s.pending.isZero()) equity += toFloat(s.pending) * marketFloat(s.stake.rewardAsset);
  }
  for (const replay of state.lps.values()) {
    const [a0, a1] = replay.lp.pool.assets;
    const hold =
      toFloat(replay.lp.entryAmounts[0]) * marketFloat(a0) +
      toFloat(replay.lp.entryAmounts[1]) * marketFloat(a1);
    il += replay.baseValueUsd - hold;
  }
  for (const p of state.perps) {
    if (!p.open) continue;
    const price = marketFloat(p.perp.asset);
    const size = toFloat(p.perp.size);
    const move = (price - toFloat(p.perp.entryPrice)) * size;
    equity +=
      toFloat(p.perp.margin) * marketFloat(p.perp.marginAsset) +
      (p.perp.side === 'long' ? move : -move);
    exitCosts += size * price * toFloat(p.perp.closeFeeRate);
  }
  return {
    equityUsd: equity,
    exitValueUsd: equity - exitCosts,
    collateralUsd: collateral,
    debtUsd: debt,
    impermanentLossUsd: il,
  };
}

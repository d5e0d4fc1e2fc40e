import { Decimal, ONE, ZERO } from '../engine/decimal';
import type { Strategy } from '../engine/format/schema';
import type { HarvestPlan } from '../engine/position';
import { perpPnlUsd } from '../engine/valuation';
import { toFloat } from './fast-number';
import { lpAmountsFloat } from './lp-float';
import type { ReplayState } from './replay-state';

const YEAR = new Decimal(365);

/** Today's value of each LP (pool math at the market price, arbitrage assumed) and whether it is in range. */
export function valueLps(state: ReplayState, marketFloat: (asset: string) => number): void {
  for (const replay of state.lps.values()) {
    const [a0, a1] = replay.lp.pool.assets;
    const p0 = marketFloat(a0);
    const p1 = marketFloat(a1);
    const ratio = p1 > 0 ? p0 / p1 : 0;
    const [x, y] = lpAmountsFloat(replay.math, ratio);
    replay.baseValueUsd = x * p0 + y * p1;
    const supply = toFloat(replay.lp.supply);
    replay.tokenUsd = supply > 0 ? (replay.baseValueUsd * replay.scale) / supply : 0;
    if (replay.math.type === 'concentrated') {
      // Uniswap v3 convention (engine `inRange`): earning while lower ≤ P < upper
      replay.inRange = ratio >= replay.math.lower && ratio < replay.math.upper;
    }
  }
}

/**
 * One day of LP fees: `feeApr/365` of yesterday's position value, earned only while in range
 * (a concentrated position out of range holds one asset and earns nothing). Fees stay in the position
 * (they compound, as in a full-range pool), so the position grows by that factor.
 */
export function accrueLpFees(state: ReplayState): void {
  for (const replay of state.lps.values()) {
    if (!replay.inRange || replay.feeDaily === 0) continue;
    state.totals.feesUsd += replay.baseValueUsd * replay.scale * replay.feeDaily;
    replay.scale *= 1 + replay.feeDaily;
  }
}

/** Today's staked value of each stake (LP tokens through pool math, tokens at market). */
export function valueStakes(state: ReplayState, marketFloat: (asset: string) => number): void {
  for (const s of state.stakes) {
    const lp = state.lps.get(s.stake.asset);
    s.valueUsd = toFloat(s.stake.amount) * (lp ? lp.tokenUsd : marketFloat(s.stake.asset));
  }
}

/** One day of rewards: `rewardApr/365` of yesterday's staked value, in reward tokens at yesterday's price. */
export function accrueStakeRewards(
  state: ReplayState,
  rewardPrice: (asset: string) => number,
): void {
  for (const s of state.stakes) {
    if (s.valueUsd === 0 || s.rewardDaily === 0) continue;
    const price = rewardPrice(s.stake.rewardAsset);
    if (!(price > 0)) continue;
    const usd = s.valueUsd * s.rewardDaily;
    s.pending = s.pending.plus(new Decimal(usd / price));
    state.totals.rewardsUsd += usd;
  }
}

/** A plan harvests on day i when a multiple of its frequency falls in (i − 1, i]; at most daily. */
export function harvestDue(plan: HarvestPlan, day: number): boolean {
  const f = plan.frequencyDays.toNumber();
  if (!(f > 0) || day <= 0) return false;
  if (f <= 1) return true;
  return Math.floor(day / f) > Math.floor((day - 1) / f);
}

/**
 * Harvest: every pending reward is sold into `sellInto` (swap fee unless it already is that asset), the
 * gas is paid from the proceeds, and the rest is reinvested. A harvest whose rewards would not pay its
 * gas is deferred (rewards keep accruing), as a keeper would. Reinvestment targets: a supply step (its
 * lending supply, when it holds `sellInto`), a stake step (when it stakes `sellInto`), an lp step (the
 * position grows by proceeds / value, as if the proceeds were zapped in at the pool's ratio);
 * anything else keeps the proceeds in the wallet.
 */
export function harvest(input: {
  state: ReplayState;
  plan: HarvestPlan;
  strategy: Strategy;
  date: string;
  marketPrice: (asset: string) => Decimal;
}): void {
  const { state, plan, marketPrice } = input;
  let grossUsd = ZERO;
  let netUsd = ZERO;
  for (const s of state.stakes) {
    if (s.pending.isZero()) continue;
    const usd = s.pending.times(marketPrice(s.stake.rewardAsset));
    grossUsd = grossUsd.plus(usd);
    netUsd = netUsd.plus(
      s.stake.rewardAsset === plan.sellInto ? usd : usd.times(ONE.minus(plan.swapFeeRate)),
    );
  }
  if (grossUsd.isZero()) return;
  netUsd = netUsd.minus(plan.gasUsd);
  const sellPrice = marketPrice(plan.sellInto);
  if (netUsd.lessThanOrEqualTo(0) || sellPrice.isZero()) return;
  for (const s of state.stakes) s.pending = ZERO;
  state.totals.gasUsd += plan.gasUsd.toNumber();
  const proceeds = netUsd.div(sellPrice);
  const reinvestedInto = reinvest(input, proceeds, netUsd.toNumber());
  state.events.push({
    type: 'harvest',
    date: input.date,
    stepId: plan.stepId,
    rewardsUsd: grossUsd.toNumber(),
    proceeds: proceeds.toFixed(),
    sellInto: plan.sellInto,
    gasUsd: plan.gasUsd.toNumber(),
    reinvestedInto,
  });
}

function reinvest(
  input: { state: ReplayState; plan: HarvestPlan; strategy: Strategy },
  proceeds: Decimal,
  proceedsUsd: number,
): string | null {
  const { state, plan } = input;
  const target = plan.reinvestInto
    ? input.strategy.steps.find((s) => s.id === plan.reinvestInto)
    : undefined;
  if (target?.type === 'supply' && target.asset === plan.sellInto) {
    const account = state.accounts.find((a) => a.account.marketId === target.market)?.account;
    if (account) {
      const supply = account.supplies.get(target.asset);
      if (supply) supply.amount = supply.amount.plus(proceeds);
      else
        account.supplies.set(target.asset, {
          asset: target.asset,
          amount: proceeds,
          collateral: target.collateral,
        });
      return target.id;
    }
  }
  if (target?.type === 'stake') {
    const stake = state.stakes.find((s) => s.stake.stepId === target.id);
    if (stake && stake.stake.asset === plan.sellInto) {
      stake.stake.amount = stake.stake.amount.plus(proceeds);
      return target.id;
    }
  }
  if (target?.type === 'lp') {
    const lp = [...state.lps.values()].find((l) => l.lp.stepId === target.id);
    const value = lp ? lp.baseValueUsd * lp.scale : 0;
    if (lp && value > 0) {
      lp.scale *= 1 + proceedsUsd / value;
      return target.id;
    }
  }
  state.wallet.set(plan.sellInto, (state.wallet.get(plan.sellInto) ?? ZERO).plus(proceeds));
  return null;
}

/**
 * One day of funding for each open perp: notional (size × yesterday's price) × fundingApr/365, paid by
 * longs to shorts when positive, settled in margin-asset units.
 */
export function accruePerpFunding(state: ReplayState, price: (asset: string) => Decimal): void {
  for (const p of state.perps) {
    if (!p.open || p.perp.fundingApr.isZero()) continue;
    const marginPrice = price(p.perp.marginAsset);
    if (marginPrice.isZero()) continue;
    const paidByLongUsd = p.perp.size.times(price(p.perp.asset)).times(p.perp.fundingApr).div(YEAR);
    const receivedUsd = p.perp.side === 'long' ? paidByLongUsd.negated() : paidByLongUsd;
    p.perp.margin = p.perp.margin.plus(receivedUsd.div(marginPrice));
    state.totals.fundingUsd += toFloat(receivedUsd);
  }
}

/**
 * Mark to market against maintenance margin: a perp whose equity (margin + PnL) is under
 * size × price × (maintenanceMarginRate + closeFeeRate) — the engine's liquidation rule
 * (engine/risk/liquidation-price.ts `perpLiquidationPoint`) — is liquidated and its margin is lost.
 */
export function markPerps(input: {
  state: ReplayState;
  date: string;
  price: (asset: string) => Decimal;
}): number {
  let liquidations = 0;
  for (const p of input.state.perps) {
    if (!p.open) continue;
    const price = input.price(p.perp.asset);
    const equity = p.perp.margin
      .times(input.price(p.perp.marginAsset))
      .plus(perpPnlUsd(p.perp, price));
    const maintenance = p.perp.size
      .times(price)
      .times(p.perp.maintenanceMarginRate.plus(p.perp.closeFeeRate));
    if (equity.greaterThanOrEqualTo(maintenance)) continue;
    liquidations++;
    p.open = false;
    input.state.events.push({
      type: 'perp-liquidation',
      date: input.date,
      stepId: p.perp.stepId,
      asset: p.perp.asset,
      side: p.perp.side,
      price: price.toNumber(),
      marginLostUsd: p.perp.margin.times(input.price(p.perp.marginAsset)).toNumber(),
    });
    p.perp.margin = ZERO;
  }
  return liquidations;
}

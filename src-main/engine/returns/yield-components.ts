import { Decimal, ZERO } from '../decimal';
import { inRange } from '../amm/concentrated';
import { lpTokenValueUsd, lpValueUsd } from '../amm/lp-value';
import type { Step } from '../format/schema';
import { lendingRates, type LendingRates } from '../lending/rates';
import type { HarvestPlan, LpPosition, PositionState, PriceMap } from '../position';
import type { PegMap } from '../prices';
import type { Holdings } from '../valuation';
import { firstYearHarvests } from './projection';

/** Yearly USD flows at the evaluation prices, by component (positive: income). */
export interface YieldComponents {
  supplyInterest: Decimal;
  borrowInterest: Decimal;
  lpFees: Decimal;
  rewards: Decimal;
  funding: Decimal;
  /** Growth of liquid-staking exchange rates (wstETH per stETH …) on net holdings. */
  stakingYield: Decimal;
  gas: Decimal;
  /** Swap fees paid selling harvested rewards. */
  harvestSwapFees: Decimal;
}

/**
 * A stream of value for the projection: `valueUsd` earning `apr`, compounded daily (lending
 * indexes, LP fees that stay in a full-range pool, exchange-rate growth) or accrued simply
 * (funding, uncollected concentrated-range fees, unharvested rewards).
 */
export interface YieldBucket {
  valueUsd: Decimal;
  apr: Decimal;
  /** per-second: (1 + apr/31,536,000)^86,400 a day, as lending markets accrue on-chain. */
  compounding: 'per-second' | 'daily' | 'simple';
}

export interface HarvestModel {
  plan: HarvestPlan;
  /** Rewards per year (USD) the harvest sells and reinvests. */
  rewardsUsdPerYear: Decimal;
  /** APR the reinvested value earns (0 when kept in the wallet). */
  reinvestApr: Decimal;
  /** Harvests executed in the first year (whole events; see firstYearHarvests). */
  harvestsPerYear?: number;
}

export interface YieldModel {
  components: YieldComponents;
  buckets: YieldBucket[];
  harvest: HarvestModel | null;
  /** Rates each lending position pays or earns, by market id then asset. */
  rates: Map<string, Map<string, LendingRates>>;
}

export function lpIsEarning(lp: LpPosition, prices: PriceMap): boolean {
  if (lp.pool.type !== 'concentrated') return true;
  const p0 = prices.get(lp.pool.assets[0]);
  const p1 = prices.get(lp.pool.assets[1]);
  if (!p0 || !p1 || p1.isZero()) return false;
  return inRange({
    price: p0.div(p1),
    lower: new Decimal(lp.pool.lower),
    upper: new Decimal(lp.pool.upper),
  });
}

/** Exchange-rate growth per year of an asset's own peg (e.g. wstETH's stETH rate), 0 if none. */
function growthApr(asset: string, pegs: PegMap): Decimal {
  const peg = pegs.get(asset);
  return peg?.kind === 'exchange-rate' && peg.exchangeRateAprGrowth
    ? new Decimal(peg.exchangeRateAprGrowth)
    : ZERO;
}

export function yieldModel({
  position,
  prices,
  pegs,
  holdings,
  steps = [],
}: {
  position: PositionState;
  prices: PriceMap;
  pegs: PegMap;
  holdings: Holdings;
  /** The strategy's steps, to find the market and asset of a `reinvestInto` supply step. */
  steps?: readonly Step[];
}): YieldModel {
  const c: YieldComponents = {
    supplyInterest: ZERO,
    borrowInterest: ZERO,
    lpFees: ZERO,
    rewards: ZERO,
    funding: ZERO,
    stakingYield: ZERO,
    gas: ZERO,
    harvestSwapFees: ZERO,
  };
  const buckets: YieldBucket[] = [];
  const rates = new Map<string, Map<string, LendingRates>>();
  const price = (asset: string): Decimal => prices.get(asset) ?? ZERO;

  for (const account of position.lending.values()) {
    const byAsset = new Map<string, LendingRates>();
    rates.set(account.marketId, byAsset);
    const accrual = account.market.compounding ?? 'per-second';
    const assets = new Set([...account.supplies.keys(), ...account.debts.keys()]);
    for (const asset of assets) {
      const params = account.market.assets[asset];
      if (!params) continue;
      const supplied = account.supplies.get(asset)?.amount ?? ZERO;
      const owed = account.debts.get(asset) ?? ZERO;
      const r = lendingRates({ rates: params.rates, userSupply: supplied, userBorrow: owed });
      byAsset.set(asset, r);
      const suppliedUsd = supplied.times(price(asset));
      const owedUsd = owed.times(price(asset));
      c.supplyInterest = c.supplyInterest.plus(suppliedUsd.times(r.supplyApr));
      c.borrowInterest = c.borrowInterest.minus(owedUsd.times(r.borrowApr));
      if (!suppliedUsd.isZero())
        buckets.push({ valueUsd: suppliedUsd, apr: r.supplyApr, compounding: accrual });
      if (!owedUsd.isZero())
        buckets.push({ valueUsd: owedUsd.neg(), apr: r.borrowApr, compounding: accrual });
    }
  }

  for (const lp of position.lps.values()) {
    if (!lpIsEarning(lp, prices)) continue;
    const valueUsd = lpValueUsd({ lp, prices });
    c.lpFees = c.lpFees.plus(valueUsd.times(lp.feeApr));
    // Full-range pools keep fees in the reserves (they compound); v3 ranges leave them uncollected.
    buckets.push({
      valueUsd,
      apr: lp.feeApr,
      compounding: lp.pool.type === 'concentrated' ? 'simple' : 'daily',
    });
  }

  let rewardsUsdPerYear = ZERO;
  for (const stake of position.stakes) {
    const lp = position.lps.get(stake.asset);
    const valueUsd = lp
      ? lpTokenValueUsd({ lp, units: stake.amount, prices })
      : stake.amount.times(price(stake.asset));
    rewardsUsdPerYear = rewardsUsdPerYear.plus(valueUsd.times(stake.rewardApr));
  }
  c.rewards = rewardsUsdPerYear;

  for (const perp of position.perps) {
    const notional = perp.size.times(prices.get(perp.asset) ?? perp.entryPrice);
    const paid = notional.times(perp.fundingApr);
    const flow = perp.side === 'long' ? paid.neg() : paid;
    c.funding = c.funding.plus(flow);
    if (!flow.isZero())
      buckets.push({ valueUsd: flow, apr: new Decimal(1), compounding: 'simple' });
  }

  for (const [asset, units] of holdings.long) {
    const growth = growthApr(asset, pegs);
    if (growth.isZero()) continue;
    const net = units.minus(holdings.debt.get(asset) ?? ZERO);
    const valueUsd = net.times(price(asset));
    c.stakingYield = c.stakingYield.plus(valueUsd.times(growth));
    buckets.push({ valueUsd, apr: growth, compounding: 'daily' });
  }

  const plan = position.harvests[0] ?? null;
  let harvest: HarvestModel | null = null;
  if (plan) {
    harvest = {
      plan,
      rewardsUsdPerYear,
      reinvestApr: reinvestApr(position, prices, plan, rates, steps),
    };
    // whole harvests, as the projection (netApy) counts them: ⌊365/h⌋ a year, each paying gas once
    // and selling h days of rewards (see firstYearHarvests)
    const year = firstYearHarvests(harvest);
    harvest.harvestsPerYear = year.harvests;
    c.gas = plan.gasUsd.times(year.harvests).neg();
    c.harvestSwapFees = rewardsUsdPerYear
      .times(plan.frequencyDays.times(year.periodsSold).div(365))
      .times(plan.swapFeeRate)
      .neg();
  } else if (!rewardsUsdPerYear.isZero()) {
    buckets.push({ valueUsd: rewardsUsdPerYear, apr: new Decimal(1), compounding: 'simple' });
  }
  return { components: c, buckets, harvest, rates };
}

/**
 * What reinvested rewards earn: the target step's own yield — supply APR for a supply step,
 * fee APR (+ reward APR where its LP token is staked) for an lp step, reward APR (+ fee APR for a
 * staked LP token) for a stake step.
 */
function reinvestApr(
  position: PositionState,
  prices: PriceMap,
  plan: HarvestPlan,
  rates: Map<string, Map<string, LendingRates>>,
  steps: readonly Step[],
): Decimal {
  const target = plan.reinvestInto;
  if (!target) return ZERO;
  const stake = position.stakes.find((s) => s.stepId === target);
  if (stake) {
    const lp = position.lps.get(stake.asset);
    return stake.rewardApr.plus(lp && lpIsEarning(lp, prices) ? lp.feeApr : ZERO);
  }
  const lp = [...position.lps.values()].find((l) => l.stepId === target);
  if (lp) {
    const staked = position.stakes.find((s) => s.asset === lp.token);
    return (lpIsEarning(lp, prices) ? lp.feeApr : ZERO).plus(staked?.rewardApr ?? ZERO);
  }
  const supply = steps.find((step) => step.id === target);
  if (supply?.type === 'supply')
    return rates.get(supply.market)?.get(supply.asset)?.supplyApr ?? ZERO;
  return ZERO;
}

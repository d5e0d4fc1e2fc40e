import { Decimal, ONE, ZERO, minDec } from '../engine/decimal';
import { effectiveCollateralParams } from '../engine/lending/effective-params';
import { finiteOrNull, healthToday, largestPair } from './lending-day';
import type { AccountReplay, Totals } from './replay-state';
import type { BacktestEvent } from './types';

/** A rule may need a few passes when one pair cannot reach the target alone (a capped withdrawal). */
const MAX_PASSES = 4;

export interface AutomationContext {
  replay: AccountReplay;
  date: string;
  /** Today's MARKET price (Decimal) of an asset: swaps happen at market prices. */
  marketPrice: (asset: string) => Decimal;
  swapFeeRate: Decimal;
  gasUsd: Decimal;
  totals: Totals;
  events: BacktestEvent[];
}

/**
 * Deleverage to `target`: withdraw collateral c, swap it to the debt asset d at market prices paying
 * the swap fee f and the gas (taken from the proceeds), repay. With L = Σ collateral·LT and D = Σ debt
 * at oracle prices, r = oracle/market price of d, withdrawing `a` units of c gives
 *   HF(a) = (L − a·Po_c·LT_c) / (D − r·(a·Pm_c·(1 − f) − gas)),
 * and HF(a) = target solves to
 *   a = (target·D − L + target·r·gas) / (target·r·Pm_c·(1 − f) − Po_c·LT_c).
 * Capped by the collateral balance and by the debt (never repay more than owed).
 */
export function deleverage(ctx: AutomationContext, target: Decimal): void {
  const { replay } = ctx;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const before = healthToday(replay);
    if (before.healthFactor.greaterThanOrEqualTo(target)) return;
    const pair = largestPair(replay);
    if (!pair) return;
    const { collateralAsset: c, debtAsset: d } = pair;
    const supply = replay.account.supplies.get(c);
    const debt = replay.account.debts.get(d) ?? ZERO;
    const poC = replay.oracleToday.get(c);
    const poD = replay.oracleToday.get(d);
    if (!supply || !poC || !poD) return;
    const pmC = ctx.marketPrice(c);
    const pmD = ctx.marketPrice(d);
    const fee = c === d ? ZERO : ctx.swapFeeRate;
    const keep = ONE.minus(fee);
    const lt = effectiveCollateralParams({
      market: replay.account.market,
      asset: c,
    }).liquidationThreshold;
    const r = poD.div(pmD);
    const denominator = target.times(r).times(pmC).times(keep).minus(poC.times(lt));
    if (denominator.lessThanOrEqualTo(0)) return; // withdrawing c cannot raise HF
    const wanted = target
      .times(before.debtUsd)
      .minus(before.liquidationThresholdUsd)
      .plus(target.times(r).times(ctx.gasUsd))
      .div(denominator);
    const forWholeDebt = debt.times(pmD).plus(ctx.gasUsd).div(pmC.times(keep));
    const withdrawn = minDec(minDec(wanted, supply.amount), forWholeDebt);
    if (withdrawn.lessThanOrEqualTo(0)) return;
    const repaid = withdrawn.times(pmC).times(keep).minus(ctx.gasUsd).div(pmD);
    if (repaid.lessThanOrEqualTo(0)) return;

    supply.amount = supply.amount.minus(withdrawn);
    replay.account.debts.set(d, Decimal.max(ZERO, debt.minus(repaid)));
    const swapFeeUsd = withdrawn.times(pmC).times(fee).toNumber();
    ctx.totals.gasUsd += ctx.gasUsd.toNumber();
    ctx.events.push({
      type: 'deleverage',
      date: ctx.date,
      marketId: replay.account.marketId,
      collateralAsset: c,
      debtAsset: d,
      collateralAmount: withdrawn.toFixed(),
      debtAmount: repaid.toFixed(),
      swapFeeUsd,
      gasUsd: ctx.gasUsd.toNumber(),
      healthFactorBefore: before.healthFactor.toNumber(),
      healthFactorAfter: finiteOrNull(healthToday(replay).healthFactor),
    });
  }
}

/**
 * Re-leverage to `target`: borrow b units of d, swap to c (fee f, gas from the proceeds), supply. With
 * q = LT_c·Po_c·Pm_d·(1 − f)/Pm_c and q' = LT_c·Po_c/Pm_c,
 *   HF(b) = (L + q·b − q'·gas) / (D + Po_d·b) = target  ⇒  b = (L − target·D − q'·gas) / (target·Po_d − q),
 * capped by borrow power (LTV): D + Po_d·b ≤ B + ltv_c·Po_c·(b·Pm_d·(1 − f) − gas)/Pm_c.
 */
export function releverage(ctx: AutomationContext, target: Decimal): void {
  const { replay } = ctx;
  const before = healthToday(replay);
  if (!before.healthFactor.isFinite() || before.healthFactor.lessThanOrEqualTo(target)) return;
  const pair = largestPair(replay);
  if (!pair) return;
  const { collateralAsset: c, debtAsset: d } = pair;
  const params = replay.account.market.assets[d];
  const supply = replay.account.supplies.get(c);
  const poC = replay.oracleToday.get(c);
  const poD = replay.oracleToday.get(d);
  if (!params || params.borrowEnabled === false || !supply || !poC || !poD) return;
  const pmC = ctx.marketPrice(c);
  const pmD = ctx.marketPrice(d);
  const fee = c === d ? ZERO : ctx.swapFeeRate;
  const keep = ONE.minus(fee);
  const { ltv, liquidationThreshold: lt } = effectiveCollateralParams({
    market: replay.account.market,
    asset: c,
  });
  const perGasUnit = poC.div(pmC);
  const q = lt.times(perGasUnit).times(pmD).times(keep);
  const denominator = target.times(poD).minus(q);
  if (denominator.lessThanOrEqualTo(0)) return;
  let borrowed = before.liquidationThresholdUsd
    .minus(target.times(before.debtUsd))
    .minus(lt.times(perGasUnit).times(ctx.gasUsd))
    .div(denominator);
  const powerDenominator = poD.minus(ltv.times(perGasUnit).times(pmD).times(keep));
  if (powerDenominator.greaterThan(0)) {
    const byPower = before.borrowPowerUsd
      .minus(before.debtUsd)
      .minus(ltv.times(perGasUnit).times(ctx.gasUsd))
      .div(powerDenominator);
    borrowed = minDec(borrowed, byPower);
  }
  if (borrowed.lessThanOrEqualTo(0)) return;
  const supplied = borrowed.times(pmD).times(keep).minus(ctx.gasUsd).div(pmC);
  if (supplied.lessThanOrEqualTo(0)) return;

  replay.account.debts.set(d, (replay.account.debts.get(d) ?? ZERO).plus(borrowed));
  supply.amount = supply.amount.plus(supplied);
  ctx.totals.gasUsd += ctx.gasUsd.toNumber();
  ctx.events.push({
    type: 'releverage',
    date: ctx.date,
    marketId: replay.account.marketId,
    collateralAsset: c,
    debtAsset: d,
    collateralAmount: supplied.toFixed(),
    debtAmount: borrowed.toFixed(),
    swapFeeUsd: borrowed.times(pmD).times(fee).toNumber(),
    gasUsd: ctx.gasUsd.toNumber(),
    healthFactorBefore: before.healthFactor.toNumber(),
    healthFactorAfter: finiteOrNull(healthToday(replay).healthFactor),
  });
}

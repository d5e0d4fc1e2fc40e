import { Decimal, ONE, ZERO } from '../decimal';
import type { BorrowStep, LoopBodyStep, LoopStep } from '../format/schema';
import { accountHealth } from '../lending/account-health';
import { effectiveCollateralParams } from '../lending/effective-params';
import { positionTotals } from '../valuation';
import {
  accountOraclePrices,
  clonePosition,
  fail,
  readNumber,
  warn,
  type ChainContext,
} from '../chain/context';
import { executeBodyStep } from '../chain/execute-step';

/** Leverage tolerance when deciding a full iteration still stays below the target. */
const LEVERAGE_EPSILON = new Decimal('1e-24');

interface BodyRun {
  ok: boolean;
  grossLongUsd: Decimal;
  equityUsd: Decimal;
}

/**
 * The loop step. Its leverage is measured on what the loop builds — the lending accounts its body
 * uses and the wallet balances of the assets the body moves — not on the whole portfolio, so a
 * perp hedge's margin or an LP elsewhere does not change how far the lending leg is levered
 * (`loopScopeTotals`). `times`: the body runs n times. `untilLeverage`: full iterations run while they
 * stay below the target, then a last iteration borrows exactly what reaches it. Flash-loan mode
 * reaches the target in one pass: flash-borrow F of the debt asset, run the body on it, then borrow
 * F·(1 + fee) from the market to repay the flash loan.
 *
 * Sizing uses linearity: with everything else fixed, a body that borrows B units ends with
 * gross long exposure G0 + α·B and equity E0 + β·B (swaps and supplies are proportional), so
 * leverage = target has the exact solution B = (L·E0 − G0) / (α − L·β). α, β come from two trial
 * runs (B = 0 and a probe B).
 */
export function executeLoop(ctx: ChainContext, step: LoopStep): string | null {
  const borrowIndex = step.body.findIndex((s) => s.type === 'borrow');
  if (step.repeat.mode === 'times') {
    if (step.flashLoan)
      warn(ctx, 'FLASH_LOAN_IGNORED', 'flash-loan mode needs a target leverage', 'flashLoan');
    for (let i = 0; i < step.repeat.times; i++) {
      if (!runBody(ctx, step.body, null).ok) return null;
    }
    return `${step.repeat.times} iterations, ${formatLeverage(ctx, loopScope(step.body))}`;
  }

  const target = readNumber(ctx, step.repeat.targetLeverage, 'repeat.targetLeverage', {
    positive: true,
  });
  if (!target) return null;
  if (borrowIndex < 0)
    return fail(
      ctx,
      'LOOP_WITHOUT_BORROW',
      'a leverage target needs a borrow step in the body',
      'body',
    );
  const maxLeverage = maxLoopLeverage(ctx, step.body);
  if (maxLeverage && target.greaterThanOrEqualTo(maxLeverage)) {
    return fail(
      ctx,
      'LEVERAGE_BEYOND_MAX',
      `target ${target.toFixed()}x is at or beyond the market maximum 1/(1−LTV) = ${maxLeverage.toSignificantDigits(6).toFixed()}x`,
      'repeat.targetLeverage',
    );
  }
  const scope = loopScope(step.body);
  const current = totals(ctx, scope);
  if (current.grossLongUsd.greaterThanOrEqualTo(target.times(current.equityUsd))) {
    warn(
      ctx,
      'LOOP_TARGET_REACHED',
      'leverage is already at or above the target; the loop does nothing',
      'repeat.targetLeverage',
    );
    return 'target already reached';
  }

  if (step.flashLoan) {
    const feeRate = readNumber(ctx, step.flashLoan.feeRate, 'flashLoan.feeRate', {
      min: 0,
      max: 1,
      maxExclusive: true,
    });
    if (!feeRate) return null;
    return flashLoanToTarget(ctx, step, target, feeRate, scope)
      ? `flash loan to ${formatLeverage(ctx, scope)}`
      : null;
  }

  const maxIterations = step.repeat.maxIterations;
  let previous = current.grossLongUsd.div(current.equityUsd);
  for (let i = 1; i <= maxIterations; i++) {
    const trial = trialRun(ctx, step.body, null, scope);
    const trialLeverage = trial.ok ? trial.run.grossLongUsd.div(trial.run.equityUsd) : null;
    if (trialLeverage && trialLeverage.plus(LEVERAGE_EPSILON).lessThan(target)) {
      if (!trialLeverage.greaterThan(previous)) {
        warn(ctx, 'LOOP_NO_PROGRESS', 'an iteration does not raise leverage; stopping', 'body');
        return `stopped after ${i - 1} iterations at ${formatLeverage(ctx, scope)}`;
      }
      ctx.position = trial.position;
      ctx.warnings.push(...trial.warnings);
      ctx.stepCostsUsd = ctx.stepCostsUsd.plus(trial.costsUsd);
      previous = trialLeverage;
      continue;
    }
    // The next full iteration would reach or pass the target (or cannot run): size it exactly.
    const units = solveBorrowUnits(ctx, step.body, target, null, scope);
    if (!units || !runBody(ctx, step.body, { overrideUnits: units }).ok) return null;
    return `${i} iterations to ${formatLeverage(ctx, scope)}`;
  }
  warn(
    ctx,
    'LOOP_TARGET_NOT_REACHED',
    `${maxIterations} iterations reach ${formatLeverage(ctx, scope)}, below the target`,
    'repeat.maxIterations',
  );
  return `${maxIterations} iterations, ${formatLeverage(ctx, scope)}`;
}

function flashLoanToTarget(
  ctx: ChainContext,
  step: LoopStep,
  target: Decimal,
  feeRate: Decimal,
  scope: LoopScope,
): boolean {
  const units = solveBorrowUnits(ctx, step.body, target, feeRate, scope);
  if (!units) return false;
  const flash = { units, feeRate };
  const run = runBody(ctx, step.body, flash);
  if (!run.ok) return false;
  // The market must accept the final debt (Aave checks this when the flash loan becomes debt).
  for (const account of ctx.position.lending.values()) {
    const health = accountHealth({ account, prices: accountOraclePrices(ctx, account) });
    if (
      health.debtUsd.greaterThan(health.borrowPowerUsd.times('1.000000000000000000000000000001'))
    ) {
      fail(
        ctx,
        'LEVERAGE_BEYOND_MAX',
        `after costs the debt ${health.debtUsd.toFixed(2)} USD exceeds the borrow power ${health.borrowPowerUsd.toFixed(2)} USD`,
        'repeat.targetLeverage',
      );
      return false;
    }
  }
  return true;
}

/** Flash mode: `feeRate` set; the borrow at `units` books debt units·(1+fee) and defers capacity. */
type Sizing =
  | { units: Decimal; feeRate: Decimal }
  | { overrideUnits: Decimal; deferCapacityCheck?: boolean }
  | null;

function runBody(ctx: ChainContext, body: LoopBodyStep[], sizing: Sizing): { ok: boolean } {
  const outerPrefix = ctx.scope.fieldPrefix;
  let borrowSeen = false;
  try {
    for (let index = 0; index < body.length; index++) {
      const bodyStep = body[index] as LoopBodyStep;
      ctx.scope.fieldPrefix = [outerPrefix, `body.${index}`].filter(Boolean).join('.');
      const errorsBefore = ctx.errors.length;
      let summary: string | null;
      if (bodyStep.type === 'borrow' && !borrowSeen && sizing) {
        borrowSeen = true;
        summary =
          'feeRate' in sizing
            ? flashBorrow(ctx, bodyStep, sizing.units, sizing.feeRate)
            : executeBodyStep(ctx, bodyStep, sizing);
      } else {
        if (bodyStep.type === 'borrow') borrowSeen = true;
        summary = executeBodyStep(ctx, bodyStep);
      }
      if (summary === null || ctx.errors.length > errorsBefore) return { ok: false };
    }
    return { ok: true };
  } finally {
    ctx.scope.fieldPrefix = outerPrefix;
  }
}

/** Flash loan of `units`: the wallet gets `units`, the market books units·(1 + fee) of debt. */
function flashBorrow(
  ctx: ChainContext,
  step: BorrowStep,
  units: Decimal,
  feeRate: Decimal,
): string | null {
  const debtUnits = units.times(ONE.plus(feeRate));
  const summary = executeBodyStep(ctx, step, {
    overrideUnits: debtUnits,
    deferCapacityCheck: true,
  });
  if (summary === null) return null;
  const fee = debtUnits.minus(units);
  ctx.position.wallet.set(step.asset, (ctx.position.wallet.get(step.asset) ?? ZERO).minus(fee));
  ctx.stepCostsUsd = ctx.stepCostsUsd.plus(fee.times(ctx.prices.get(step.asset) ?? ZERO));
  return `${summary} (flash loan fee ${fee.toSignificantDigits(8).toFixed()} ${step.asset})`;
}

/** Runs the body on a copy of the position; the context is left as it was. */
function trialRun(
  ctx: ChainContext,
  body: LoopBodyStep[],
  sizing: Sizing,
  scope: LoopScope,
): {
  ok: boolean;
  run: BodyRun;
  position: ChainContext['position'];
  warnings: ChainContext['warnings'];
  costsUsd: Decimal;
} {
  const saved = {
    position: ctx.position,
    errors: ctx.errors,
    warnings: ctx.warnings,
    costs: ctx.stepCostsUsd,
  };
  ctx.position = clonePosition(saved.position);
  ctx.errors = [];
  ctx.warnings = [];
  ctx.stepCostsUsd = ZERO;
  try {
    const { ok } = runBody(ctx, body, sizing);
    const t = totals(ctx, scope);
    return {
      ok,
      run: { ok, grossLongUsd: t.grossLongUsd, equityUsd: t.equityUsd },
      position: ctx.position,
      warnings: ctx.warnings,
      costsUsd: ctx.stepCostsUsd,
    };
  } finally {
    ctx.position = saved.position;
    ctx.errors = saved.errors;
    ctx.warnings = saved.warnings;
    ctx.stepCostsUsd = saved.costs;
  }
}

/** Units for the body's first borrow that make leverage exactly `target` (see executeLoop). */
function solveBorrowUnits(
  ctx: ChainContext,
  body: LoopBodyStep[],
  target: Decimal,
  flashFee: Decimal | null,
  scope: LoopScope,
): Decimal | null {
  const borrow = body.find((s): s is BorrowStep => s.type === 'borrow');
  const price = borrow ? ctx.prices.get(borrow.asset) : undefined;
  if (!borrow || !price || price.isZero())
    return fail(ctx, 'PRICE_MISSING', 'the loop borrow needs a priced asset', 'body');
  const probe = totals(ctx, scope).equityUsd.div(price);
  // Trial runs only measure the linear response; capacity is checked by the real run.
  const sizing = (units: Decimal): Sizing =>
    flashFee ? { units, feeRate: flashFee } : { overrideUnits: units, deferCapacityCheck: true };
  const base = trialRun(ctx, body, sizing(ZERO), scope);
  const probed = trialRun(ctx, body, sizing(probe), scope);
  if (!base.ok || !probed.ok) {
    // Re-run the failing case for real so the user sees the step and field that failed.
    runBody(ctx, body, sizing(base.ok ? probe : ZERO));
    return null;
  }
  const alpha = probed.run.grossLongUsd.minus(base.run.grossLongUsd).div(probe);
  const beta = probed.run.equityUsd.minus(base.run.equityUsd).div(probe);
  const denominator = alpha.minus(target.times(beta));
  const units = denominator.isZero()
    ? null
    : target.times(base.run.equityUsd).minus(base.run.grossLongUsd).div(denominator);
  if (!units || !units.isFinite() || units.isNegative()) {
    return fail(
      ctx,
      'LEVERAGE_UNREACHABLE',
      'this body cannot reach the target leverage',
      'repeat.targetLeverage',
    );
  }
  return units;
}

/** 1/(1 − LTV) for the highest-LTV collateral the body supplies (e-mode applied). */
function maxLoopLeverage(ctx: ChainContext, body: LoopBodyStep[]): Decimal | null {
  let best: Decimal | null = null;
  for (const s of body) {
    if (s.type !== 'supply' || !s.collateral) continue;
    const market = ctx.markets.get(s.market);
    if (market?.kind !== 'lending') continue;
    const { ltv } = effectiveCollateralParams({ market, asset: s.asset });
    if (ltv.greaterThanOrEqualTo(1)) return null;
    const max = ONE.div(ONE.minus(ltv));
    if (!best || max.greaterThan(best)) best = max;
  }
  return best;
}

/** The lending markets a loop body uses and the assets it moves. */
export interface LoopScope {
  markets: Set<string>;
  assets: Set<string>;
}

export function loopScope(body: LoopBodyStep[]): LoopScope {
  const markets = new Set<string>();
  const assets = new Set<string>();
  for (const s of body) {
    if (s.type === 'swap') {
      assets.add(s.from);
      assets.add(s.to);
    } else {
      markets.add(s.market);
      assets.add(s.asset);
    }
  }
  return { markets, assets };
}

/**
 * Totals of what the loop builds: its lending accounts, plus the wallet balances of the assets its
 * body moves (the last borrow's proceeds may still sit there, e.g. a body ending in a swap).
 * Perps, LPs, stakes, other accounts and unrelated wallet assets are left out.
 */
export function loopScopeTotals(
  position: ChainContext['position'],
  prices: ChainContext['prices'],
  scope: LoopScope,
): { grossLongUsd: Decimal; equityUsd: Decimal; leverage: Decimal | null } {
  const lending = new Map([...position.lending].filter(([id]) => scope.markets.has(id)));
  const wallet = new Map([...position.wallet].filter(([asset]) => scope.assets.has(asset)));
  return positionTotals({
    position: { wallet, lending, lps: position.lps, stakes: [], perps: [], harvests: [] },
    prices,
  });
}

function totals(
  ctx: ChainContext,
  scope: LoopScope,
): { grossLongUsd: Decimal; equityUsd: Decimal } {
  return loopScopeTotals(ctx.position, ctx.prices, scope);
}

/** "account leverage 3x (portfolio 2.4x)": what the target measures, and the whole position. */
function formatLeverage(ctx: ChainContext, scope: LoopScope): string {
  const four = (d: Decimal | null) => (d ? `${d.toDecimalPlaces(4).toFixed()}x` : 'n/a');
  const account = loopScopeTotals(ctx.position, ctx.prices, scope).leverage;
  const portfolio = positionTotals({ position: ctx.position, prices: ctx.prices }).leverage;
  return `account leverage ${four(account)} (portfolio ${four(portfolio)})`;
}

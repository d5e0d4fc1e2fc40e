import { Decimal, ZERO, minDec } from '../decimal';
import type {
  BorrowStep,
  LendingMarket,
  RepayStep,
  SupplyStep,
  WithdrawStep,
} from '../format/schema';
import { accountHealth } from '../lending/account-health';
import { borrowableAssetOf, designOf, singleCollateralOf } from '../lending/design';
import { isIsolatedAsset, isolatedCollateralOf, isolationRoom } from '../lending/isolation';
import type { LendingAccount } from '../position';
import {
  accountOraclePrices,
  addToWallet,
  fail,
  held,
  lendingAccount,
  readNumber,
  requireAsset,
  requireMarket,
  resolveAmount,
  warn,
  type ChainContext,
} from '../chain/context';

/** Relative slack for "exactly at capacity" after 40-digit rounding. */
const CAPACITY_SLACK = new Decimal('1e-30');

/**
 * Maker's dust floor (Vat.frob reverts "Vat/dust"): a vault's debt is 0 or at least `dust`.
 * Fails the step and returns true when `debtAfter` is in between.
 */
function dustProblem(
  ctx: ChainContext,
  market: LendingMarket,
  debtAfter: Decimal,
  field: string,
): boolean {
  const design = designOf(market);
  if (design.design !== 'maker-vault') return false;
  const dust = new Decimal(design.dust);
  if (debtAfter.lessThanOrEqualTo(0) || debtAfter.greaterThanOrEqualTo(dust)) return false;
  fail(
    ctx,
    'VAULT_BELOW_DUST',
    `the vault's debt would be ${debtAfter.toFixed()} ${design.debtAsset}, under the dust floor of ${dust.toFixed()}: owe 0 or at least the floor`,
    field,
  );
  return true;
}

function listedAsset(ctx: ChainContext, market: LendingMarket, asset: string): boolean {
  if (!requireAsset(ctx, asset, 'asset')) return false;
  if (market.assets[asset]) return true;
  fail(ctx, 'ASSET_NOT_IN_MARKET', `${market.id} does not list ${asset}`, 'asset');
  return false;
}

export function executeSupply(ctx: ChainContext, step: SupplyStep): string | null {
  const market = requireMarket(ctx, step.market, 'lending');
  if (!market || !listedAsset(ctx, market, step.asset)) return null;
  const units = resolveAmount(
    ctx,
    step.amount,
    held(ctx, step.asset),
    'amount',
    step.asset,
    step.asset,
  );
  if (!units) return null;
  const params = market.assets[step.asset];
  let collateral = step.collateral;
  const single = singleCollateralOf(designOf(market));
  if (collateral && single !== null && step.asset !== single) {
    warn(
      ctx,
      'COLLATERAL_NOT_IN_DESIGN',
      `${market.id} (${designOf(market).design}) takes only ${single} as collateral`,
      'collateral',
    );
    collateral = false;
  } else if (collateral && params?.collateralEnabled === false) {
    warn(
      ctx,
      'COLLATERAL_DISABLED',
      `${step.asset} cannot be collateral in ${market.id}`,
      'collateral',
    );
    collateral = false;
  }
  const account = lendingAccount(ctx, market);
  if (collateral) collateral = isolationAllowsCollateral(ctx, market, account, step.asset);
  const existing = account.supplies.get(step.asset);
  account.supplies.set(step.asset, {
    asset: step.asset,
    amount: (existing?.amount ?? ZERO).plus(units),
    collateral,
  });
  addToWallet(ctx, step.asset, units.neg());
  return `supplied ${units.toFixed()} ${step.asset}${collateral ? ' as collateral' : ''}`;
}

/**
 * Aave v3 isolation mode: an isolated asset is collateral only alone, and no other asset becomes
 * collateral beside it (ValidationLogic.validateUseAsCollateral / validateAutomaticUseAsCollateral).
 * Warns and returns false when the supply cannot count as collateral.
 */
function isolationAllowsCollateral(
  ctx: ChainContext,
  market: LendingMarket,
  account: LendingAccount,
  asset: string,
): boolean {
  const isolated = isolatedCollateralOf(account);
  const others = [...account.supplies.values()].some(
    (s) => s.asset !== asset && s.collateral && s.amount.greaterThan(0),
  );
  if (isolated !== null && isolated !== asset) {
    warn(
      ctx,
      'ISOLATED_COLLATERAL_ALONE',
      `${market.id}: the account is in isolation mode with ${isolated} as collateral; ${asset} is supplied without collateral use`,
      'collateral',
    );
    return false;
  }
  if (isolated === null && isIsolatedAsset(market, asset) && others) {
    warn(
      ctx,
      'ISOLATED_COLLATERAL_ALONE',
      `${market.id}: ${asset} is an isolated asset and can be collateral only alone; it is supplied without collateral use`,
      'collateral',
    );
    return false;
  }
  return true;
}

/** Aave v3 isolation mode borrow checks; fails the step and returns true when refused. */
function isolationProblem(
  ctx: ChainContext,
  market: LendingMarket,
  account: LendingAccount,
  asset: string,
  units: Decimal | null,
): boolean {
  const room = isolationRoom(account);
  if (!room) return false;
  if (!market.assets[asset]?.borrowableInIsolation) {
    fail(
      ctx,
      'ASSET_NOT_BORROWABLE_IN_ISOLATION',
      `${market.id}: with ${room.collateral} (isolated) as collateral only assets borrowable in isolation can be borrowed, not ${asset}`,
      'asset',
    );
    return true;
  }
  if (units === null) return false;
  const next = room.used.plus(units);
  if (next.greaterThan(room.ceiling)) {
    fail(
      ctx,
      'DEBT_CEILING_EXCEEDED',
      `${market.id}: ${room.collateral}'s isolation debt ceiling is ${room.ceiling.toFixed()} USD; ${room.used.toFixed(2)} is used and this borrow would bring it to ${next.toFixed(2)}`,
      'amount',
    );
    return true;
  }
  return false;
}

export function executeWithdraw(ctx: ChainContext, step: WithdrawStep): string | null {
  const market = requireMarket(ctx, step.market, 'lending');
  if (!market || !listedAsset(ctx, market, step.asset)) return null;
  const account = ctx.position.lending.get(market.id);
  const supply = account?.supplies.get(step.asset);
  if (!account || !supply || supply.amount.isZero()) {
    return fail(ctx, 'NOTHING_SUPPLIED', `no ${step.asset} supplied in ${market.id}`, 'asset');
  }
  const units = resolveAmount(ctx, step.amount, supply.amount, 'amount', `supplied ${step.asset}`);
  if (!units) return null;
  const before = supply.amount;
  supply.amount = before.minus(units);
  // Aave v3 validateHFAndLtv: a withdrawal may not leave the health factor below 1.
  const health = accountHealth({ account, prices: accountOraclePrices(ctx, account) });
  if (health.healthFactor.lessThan(1)) {
    supply.amount = before;
    return fail(
      ctx,
      'WITHDRAW_BREAKS_HEALTH',
      'the withdrawal would leave the health factor below 1',
      'amount',
    );
  }
  addToWallet(ctx, step.asset, units);
  return `withdrew ${units.toFixed()} ${step.asset}`;
}

export interface BorrowOptions {
  /** Borrow exactly these units, ignoring the step's amount mode (loop sizing, flash loans). */
  overrideUnits?: Decimal;
  /** Flash-loan mode: collateral arrives later in the body, so capacity is checked after it. */
  deferCapacityCheck?: boolean;
}

/** Units of debt a borrow mode asks for, given the account before the borrow (oracle prices). */
function unitsForMode(
  ctx: ChainContext,
  step: BorrowStep,
  health: ReturnType<typeof accountHealth>,
  priceDebt: Decimal,
): Decimal | null {
  const mode = step.amount;
  switch (mode.mode) {
    case 'amount':
      return readNumber(ctx, mode.value, 'amount.value', { min: 0 });
    case 'capacityShare': {
      const share = readNumber(ctx, mode.value, 'amount.value', { min: 0, max: 1 });
      return share ? health.availableBorrowUsd.times(share).div(priceDebt) : null;
    }
    case 'targetLtv': {
      const target = readNumber(ctx, mode.value, 'amount.value', {
        positive: true,
        max: 1,
        maxExclusive: true,
      });
      if (!target) return null;
      const maxLtv = health.borrowPowerUsd.div(health.collateralUsd);
      if (target.greaterThan(maxLtv.times(CAPACITY_SLACK.plus(1)))) {
        return fail(
          ctx,
          'BORROW_BEYOND_LTV',
          `target LTV ${target.toFixed()} is above the maximum ${maxLtv.toSignificantDigits(6).toFixed()}`,
          'amount.value',
        );
      }
      return targetDebtUnits(ctx, target.times(health.collateralUsd), health.debtUsd, priceDebt);
    }
    case 'targetHealthFactor': {
      const target = readNumber(ctx, mode.value, 'amount.value', { positive: true });
      if (!target) return null;
      if (target.lessThanOrEqualTo(1)) {
        return fail(
          ctx,
          'TARGET_HF_TOO_LOW',
          'a target health factor must be above 1',
          'amount.value',
        );
      }
      return targetDebtUnits(
        ctx,
        health.liquidationThresholdUsd.div(target),
        health.debtUsd,
        priceDebt,
      );
    }
  }
}

function targetDebtUnits(
  ctx: ChainContext,
  targetDebtUsd: Decimal,
  debtUsd: Decimal,
  price: Decimal,
): Decimal {
  const units = targetDebtUsd.minus(debtUsd).div(price);
  if (units.greaterThan(0)) return units;
  warn(
    ctx,
    'BORROW_TARGET_REACHED',
    'the account is already at or beyond the target; nothing borrowed',
    'amount.value',
  );
  return ZERO;
}

export function executeBorrow(
  ctx: ChainContext,
  step: BorrowStep,
  options: BorrowOptions = {},
): string | null {
  const market = requireMarket(ctx, step.market, 'lending');
  if (!market || !listedAsset(ctx, market, step.asset)) return null;
  const only = borrowableAssetOf(designOf(market));
  if (only !== null && step.asset !== only) {
    return fail(
      ctx,
      'BORROW_NOT_IN_DESIGN',
      `${market.id} (${designOf(market).design}) lends only ${only}`,
      'asset',
    );
  }
  const params = market.assets[step.asset];
  if (params?.borrowEnabled === false) {
    return fail(
      ctx,
      'BORROW_DISABLED',
      `${step.asset} cannot be borrowed in ${market.id}`,
      'asset',
    );
  }
  if (market.eMode && !market.eMode.assets.includes(step.asset)) {
    return fail(
      ctx,
      'BORROW_NOT_IN_EMODE',
      `in e-mode "${market.eMode.label}" only ${market.eMode.assets.join(', ')} can be borrowed`,
      'asset',
    );
  }
  const account = lendingAccount(ctx, market);
  if (isolationProblem(ctx, market, account, step.asset, null)) return null;
  const oracle = accountOraclePrices(ctx, account);
  const priceDebt = oracle.get(step.asset);
  if (!priceDebt || priceDebt.isZero())
    return fail(ctx, 'PRICE_MISSING', `no oracle price for ${step.asset}`, 'asset');
  const health = accountHealth({ account, prices: oracle });

  if (!options.deferCapacityCheck) {
    if (health.collateralUsd.isZero()) {
      return fail(ctx, 'BORROW_NO_COLLATERAL', `no collateral supplied in ${market.id}`, 'amount');
    }
    if (health.healthFactor.lessThan(1)) {
      return fail(
        ctx,
        'BORROW_UNHEALTHY',
        'the account is already below health factor 1',
        'amount',
      );
    }
  }
  const units = options.overrideUnits ?? unitsForMode(ctx, step, health, priceDebt);
  if (!units) return null;
  // Aave checks the ceiling before the collateral (ValidationLogic.validateBorrow)
  if (isolationProblem(ctx, market, account, step.asset, units)) return null;
  if (!options.deferCapacityCheck) {
    const debtAfterUsd = health.debtUsd.plus(units.times(priceDebt));
    if (debtAfterUsd.greaterThan(health.borrowPowerUsd.times(CAPACITY_SLACK.plus(1)))) {
      return fail(
        ctx,
        'BORROW_EXCEEDS_CAPACITY',
        `debt would be ${debtAfterUsd.toFixed(2)} USD, above the borrow power ${health.borrowPowerUsd.toFixed(2)} USD`,
        'amount',
      );
    }
  }
  if (dustProblem(ctx, market, (account.debts.get(step.asset) ?? ZERO).plus(units), 'amount')) {
    return null;
  }
  applyBorrow(ctx, account, step.asset, units);
  warnIfBeyondLiquidity(ctx, market, account, step.asset);
  return `borrowed ${units.toFixed()} ${step.asset}`;
}

export function applyBorrow(
  ctx: ChainContext,
  account: LendingAccount,
  asset: string,
  units: Decimal,
): void {
  account.debts.set(asset, (account.debts.get(asset) ?? ZERO).plus(units));
  addToWallet(ctx, asset, units);
}

function warnIfBeyondLiquidity(
  ctx: ChainContext,
  market: LendingMarket,
  account: LendingAccount,
  asset: string,
): void {
  const rates = market.assets[asset]?.rates;
  if (rates?.type !== 'curve' && rates?.type !== 'comet') return;
  const supplied = new Decimal(rates.totalSupply).plus(account.supplies.get(asset)?.amount ?? ZERO);
  const borrowed = new Decimal(rates.totalBorrow).plus(account.debts.get(asset) ?? ZERO);
  if (borrowed.greaterThan(supplied)) {
    warn(
      ctx,
      'BORROW_EXCEEDS_LIQUIDITY',
      `the market does not hold enough ${asset} to lend this much`,
      'amount',
    );
  }
}

export function executeRepay(ctx: ChainContext, step: RepayStep): string | null {
  const market = requireMarket(ctx, step.market, 'lending');
  if (!market || !listedAsset(ctx, market, step.asset)) return null;
  const account = ctx.position.lending.get(market.id);
  const debt = account?.debts.get(step.asset) ?? ZERO;
  if (!account || debt.isZero())
    return fail(ctx, 'REPAY_NO_DEBT', `no ${step.asset} debt in ${market.id}`, 'asset');
  const wallet = held(ctx, step.asset);
  let units = resolveAmount(
    ctx,
    step.amount,
    step.amount === 'all' ? minDec(wallet, debt) : wallet,
    'amount',
    step.asset,
    step.asset,
  );
  if (!units) return null;
  if (units.greaterThan(debt)) {
    warn(
      ctx,
      'REPAY_CAPPED',
      `only ${debt.toFixed()} ${step.asset} is owed; the rest stays in the wallet`,
      'amount',
    );
    units = debt;
  }
  if (dustProblem(ctx, market, debt.minus(units), 'amount')) return null;
  account.debts.set(step.asset, debt.minus(units));
  addToWallet(ctx, step.asset, units.neg());
  return `repaid ${units.toFixed()} ${step.asset}`;
}

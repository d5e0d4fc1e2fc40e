import { Decimal, ZERO } from '../decimal';
import type { Amount, AssetInfo, LendingMarket, Market, Strategy } from '../format/schema';
import type { EngineIssue, LendingAccount, PositionState, PriceMap } from '../position';
import { assetInfoFromStrategy, oraclePrice, pegsFromStrategy, type PegMap } from '../prices';
import { lpValueUsd } from '../amm/lp-value';
import { cloneAccount } from '../lending/clone-account';

/** Where issues raised now belong: the step id and, inside a loop body, the field prefix. */
export interface IssueScope {
  stepId: string;
  fieldPrefix: string;
}

/**
 * Everything a step needs while the chain executes. Steps change `position` and report problems
 * through `error`/`warning`; they never throw on user input.
 */
export interface ChainContext {
  strategy: Strategy;
  prices: PriceMap;
  pegs: PegMap;
  assetInfo: Map<string, AssetInfo>;
  markets: Map<string, Market>;
  position: PositionState;
  errors: EngineIssue[];
  warnings: EngineIssue[];
  scope: IssueScope;
  /** One-off costs (USD) paid by the current step: swap fees, price impact, flash/open fees. */
  stepCostsUsd: Decimal;
  /** The last step that took `all` of each wallet asset (to name it when a later step runs short). */
  walletDrains: Map<string, { stepId: string; field: string }>;
}

export function createContext({
  strategy,
  prices,
}: {
  strategy: Strategy;
  prices: PriceMap;
}): ChainContext {
  const wallet = new Map<string, Decimal>();
  const context: ChainContext = {
    strategy,
    prices,
    pegs: pegsFromStrategy(strategy),
    assetInfo: assetInfoFromStrategy(strategy),
    markets: new Map(strategy.markets.map((market) => [market.id, market])),
    position: { wallet, lending: new Map(), lps: new Map(), stakes: [], perps: [], harvests: [] },
    errors: [],
    warnings: [],
    scope: { stepId: '', fieldPrefix: '' },
    stepCostsUsd: ZERO,
    walletDrains: new Map(),
  };
  strategy.capital.forEach((entry, index) => {
    const amount = new Decimal(entry.amount);
    const field = `capital.${index}.amount`;
    if (!amount.isFinite())
      return void context.errors.push(issue('NOT_A_NUMBER', 'not a number', field));
    if (amount.isNegative() && !amount.isZero()) {
      return void context.errors.push(
        issue('NEGATIVE_AMOUNT', 'capital cannot be negative', field),
      );
    }
    if (!prices.has(entry.asset)) {
      context.errors.push(
        issue('UNKNOWN_ASSET', `no price for ${entry.asset}`, `capital.${index}.asset`),
      );
    }
    wallet.set(entry.asset, (wallet.get(entry.asset) ?? ZERO).plus(amount));
  });
  return context;
}

function issue(code: string, message: string, field: string): EngineIssue {
  return { code, message, field };
}

// ---------------------------------------------------------------- issues

export function raise(
  ctx: ChainContext,
  level: 'error' | 'warning',
  code: string,
  message: string,
  field?: string,
): void {
  const fullField = [ctx.scope.fieldPrefix, field].filter(Boolean).join('.');
  const entry: EngineIssue = { code, message };
  if (ctx.scope.stepId) entry.stepId = ctx.scope.stepId;
  if (fullField) entry.field = fullField;
  (level === 'error' ? ctx.errors : ctx.warnings).push(entry);
}

export const fail = (ctx: ChainContext, code: string, message: string, field?: string): null => {
  raise(ctx, 'error', code, message, field);
  return null;
};

export const warn = (ctx: ChainContext, code: string, message: string, field?: string): void =>
  raise(ctx, 'warning', code, message, field);

// ---------------------------------------------------------------- numbers

/**
 * Reads a decimal-string field with range checks. Strings have passed the schema, so they parse;
 * the checks here are semantic (negative, zero, above a maximum).
 */
export function readNumber(
  ctx: ChainContext,
  text: string,
  field: string,
  range: { min?: number; max?: number; positive?: boolean; maxExclusive?: boolean } = {},
): Decimal | null {
  const value = new Decimal(text);
  if (!value.isFinite()) return fail(ctx, 'NOT_A_NUMBER', `${field} is not a finite number`, field);
  if (range.min !== undefined && value.lessThan(range.min)) {
    const code = range.min === 0 ? 'NEGATIVE_AMOUNT' : 'OUT_OF_RANGE';
    return fail(ctx, code, `${field} must be at least ${range.min}`, field);
  }
  if (range.positive && value.lessThanOrEqualTo(0)) {
    return fail(
      ctx,
      value.isNegative() && !value.isZero() ? 'NEGATIVE_AMOUNT' : 'ZERO_AMOUNT', // "-0" is zero
      `${field} must be > 0`,
      field,
    );
  }
  if (range.max !== undefined) {
    const over = range.maxExclusive
      ? value.greaterThanOrEqualTo(range.max)
      : value.greaterThan(range.max);
    if (over) {
      const bound = range.maxExclusive ? 'below' : 'at most';
      return fail(ctx, 'OUT_OF_RANGE', `${field} must be ${bound} ${range.max}`, field);
    }
  }
  return value;
}

/**
 * How many units an `Amount` means given what is held: 'all', a share (0, 1], or absolute units.
 * Spending more than held is INSUFFICIENT_BALANCE. `wallet` names the wallet asset being spent:
 * when an earlier step took `all` of it and this step is left short (or with nothing to take), an
 * ALL_STARVES_LATER_STEP warning names both steps.
 */
export function resolveAmount(
  ctx: ChainContext,
  amount: Amount,
  held: Decimal,
  field: string,
  what: string,
  wallet?: string,
): Decimal | null {
  const drainedBy = wallet ? ctx.walletDrains.get(wallet) : undefined;
  const starved = (need: string) => {
    if (!drainedBy || drainedBy.stepId === ctx.scope.stepId) return;
    ctx.warnings.push({
      code: 'ALL_STARVES_LATER_STEP',
      message: `step "${drainedBy.stepId}" takes all of ${wallet}, leaving step "${ctx.scope.stepId}" ${need}`,
      stepId: drainedBy.stepId,
      field: drainedBy.field,
    });
  };
  if (amount === 'all' || typeof amount === 'object') {
    if (held.isZero()) starved(`with no ${wallet} to use`);
    else if (amount === 'all' && wallet) {
      const where = [ctx.scope.fieldPrefix, field].filter(Boolean).join('.');
      ctx.walletDrains.set(wallet, { stepId: ctx.scope.stepId, field: where });
    }
  }
  if (amount === 'all') return held;
  if (typeof amount === 'object') {
    const share = readNumber(ctx, amount.share, `${field}.share`, { min: 0, max: 1 });
    return share ? held.times(share) : null;
  }
  const units = readNumber(ctx, amount, field, { min: 0 });
  if (!units) return null;
  if (units.greaterThan(held)) {
    starved(`short: it needs ${units.toFixed()} but ${held.toFixed()} is left`);
    return fail(
      ctx,
      'INSUFFICIENT_BALANCE',
      `needs ${units.toFixed()} ${what} but holds ${held.toFixed()}`,
      field,
    );
  }
  return units;
}

// ---------------------------------------------------------------- lookups

export function requireMarket<K extends Market['kind']>(
  ctx: ChainContext,
  id: string,
  kind: K,
  field = 'market',
): Extract<Market, { kind: K }> | null {
  const market = ctx.markets.get(id);
  if (!market) return fail(ctx, 'UNKNOWN_MARKET', `no market "${id}" in the strategy`, field);
  if (market.kind !== kind) {
    return fail(ctx, 'WRONG_MARKET_KIND', `market "${id}" is ${market.kind}, not ${kind}`, field);
  }
  return market as Extract<Market, { kind: K }>;
}

/** A priced asset (tokens through the price map, LP tokens through their pool). */
export function requireAsset(ctx: ChainContext, asset: string, field: string): boolean {
  if (asset.startsWith('LP:')) {
    return ctx.position.lps.has(asset)
      ? true
      : (fail(ctx, 'UNKNOWN_ASSET', `${asset} is not produced by an earlier lp step`, field) ??
          false);
  }
  if (ctx.prices.has(asset)) return true;
  const known = ctx.assetInfo.has(asset);
  const message = known
    ? `no price for ${asset}`
    : `unknown asset ${asset} (no price, no asset info)`;
  return fail(ctx, known ? 'PRICE_MISSING' : 'UNKNOWN_ASSET', message, field) ?? false;
}

/** USD per unit at market prices; LP tokens through pool math. Zero when unpriced. */
export function marketPriceOf(
  ctx: Pick<ChainContext, 'prices' | 'position'>,
  asset: string,
): Decimal {
  if (asset.startsWith('LP:')) {
    const lp = ctx.position.lps.get(asset);
    if (!lp || lp.supply.isZero()) return ZERO;
    return lpValueUsd({ lp, prices: ctx.prices }).div(lp.supply);
  }
  return ctx.prices.get(asset) ?? ZERO;
}

/** Oracle prices for one lending account (LP-token collateral priced through its pool). */
export function accountOraclePrices(
  ctx: Pick<ChainContext, 'prices' | 'position' | 'pegs'>,
  account: Pick<LendingAccount, 'market' | 'supplies' | 'debts'>,
): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  const assets = new Set([
    ...account.supplies.keys(),
    ...account.debts.keys(),
    ...Object.keys(account.market.assets),
  ]);
  for (const asset of assets) {
    if (asset.startsWith('LP:')) {
      const price = marketPriceOf(ctx, asset);
      if (!price.isZero()) out.set(asset, price);
      continue;
    }
    const price = oraclePrice({
      asset,
      market: account.market,
      marketPrices: ctx.prices,
      pegs: ctx.pegs,
    });
    if (price) out.set(asset, price);
  }
  return out;
}

export function lendingAccount(ctx: ChainContext, market: LendingMarket): LendingAccount {
  let account = ctx.position.lending.get(market.id);
  if (!account) {
    account = { marketId: market.id, market, supplies: new Map(), debts: new Map() };
    ctx.position.lending.set(market.id, account);
  }
  return account;
}

// ---------------------------------------------------------------- wallet

export function held(ctx: ChainContext, asset: string): Decimal {
  return ctx.position.wallet.get(asset) ?? ZERO;
}

export function addToWallet(ctx: ChainContext, asset: string, units: Decimal): void {
  const next = held(ctx, asset).plus(units);
  if (next.isZero()) ctx.position.wallet.delete(asset);
  else ctx.position.wallet.set(asset, next);
}

/** A deep-enough copy of the position for trial runs (balances are immutable Decimals). */
export function clonePosition(position: PositionState): PositionState {
  const lending = new Map<string, LendingAccount>();
  for (const [id, account] of position.lending) lending.set(id, cloneAccount(account));
  return {
    wallet: new Map(position.wallet),
    lending,
    lps: new Map(position.lps),
    stakes: position.stakes.map((stake) => ({ ...stake })),
    perps: position.perps.map((perp) => ({ ...perp })),
    harvests: position.harvests.map((plan) => ({ ...plan })),
  };
}

import { Decimal, ZERO } from '../decimal';
import type { LpStep } from '../format/schema';
import { inRange, liquidityForAmounts, amountsForLiquidity } from '../amm/concentrated';
import { cpDeposit } from '../amm/constant-product';
import { stableswapBalancesAtPrice } from '../amm/stableswap';
import type { LpPosition } from '../position';
import {
  addToWallet,
  fail,
  held,
  readNumber,
  requireAsset,
  requireMarket,
  resolveAmount,
  warn,
  type ChainContext,
} from '../chain/context';

/** Amounts the pool takes from what is offered, at price P of asset0 in asset1, and the liquidity. */
function deposit(
  ctx: ChainContext,
  step: LpStep,
  offered: [Decimal, Decimal],
  price: Decimal,
): { used: [Decimal, Decimal]; liquidity: Decimal } | null {
  const pool = step.pool;
  switch (pool.type) {
    case 'constant-product': {
      const result = cpDeposit({ amount0: offered[0], amount1: offered[1], price });
      return { used: [result.used0, result.used1], liquidity: result.liquidity };
    }
    case 'concentrated': {
      const lower = readNumber(ctx, pool.lower, 'pool.lower', { positive: true });
      const upper = readNumber(ctx, pool.upper, 'pool.upper', { positive: true });
      if (!lower || !upper) return null;
      if (!lower.lessThan(upper))
        return fail(ctx, 'RANGE_INVALID', 'lower must be below upper', 'pool.lower');
      if (!inRange({ price, lower, upper })) {
        warn(
          ctx,
          'LP_OUT_OF_RANGE',
          `price ${price.toSignificantDigits(8).toFixed()} is outside the range; the position earns no fees`,
          'pool',
        );
      }
      const liquidity = liquidityForAmounts({
        amount0: offered[0],
        amount1: offered[1],
        price,
        lower,
        upper,
      });
      return { used: amountsForLiquidity({ liquidity, price, lower, upper }), liquidity };
    }
    case 'stableswap': {
      const amp = readNumber(ctx, pool.amplification, 'pool.amplification', { positive: true });
      if (!amp) return null;
      // The unit pool (D = 1) at this price gives the ratio the pool takes; D scales linearly.
      const [x1, y1] = stableswapBalancesAtPrice({ d: new Decimal(1), amp, price });
      const scale = Decimal.min(offered[0].div(x1), offered[1].div(y1));
      return { used: [x1.times(scale), y1.times(scale)], liquidity: scale };
    }
  }
}

export function executeLp(ctx: ChainContext, step: LpStep): string | null {
  if (!requireMarket(ctx, step.market, 'dex')) return null;
  const [asset0, asset1] = step.pool.assets;
  if (asset0 === asset1)
    return fail(ctx, 'LP_SAME_ASSET', 'a pool needs two different assets', 'pool.assets');
  const ok0 = requireAsset(ctx, asset0, 'pool.assets.0');
  const ok1 = requireAsset(ctx, asset1, 'pool.assets.1');
  const feeApr = readNumber(ctx, step.feeApr, 'feeApr', { min: 0 });
  const feeTier = readNumber(ctx, step.feeTier, 'feeTier', { min: 0, max: 1, maxExclusive: true });
  if (!ok0 || !ok1 || !feeApr || !feeTier) return null;
  if (asset0.startsWith('LP:') || asset1.startsWith('LP:')) {
    return fail(ctx, 'LP_OF_LP', 'pools of LP tokens are not modelled', 'pool.assets');
  }
  const offered0 = resolveAmount(
    ctx,
    step.amounts[0],
    held(ctx, asset0),
    'amounts.0',
    asset0,
    asset0,
  );
  const offered1 = resolveAmount(
    ctx,
    step.amounts[1],
    held(ctx, asset1),
    'amounts.1',
    asset1,
    asset1,
  );
  if (!offered0 || !offered1) return null;
  const price0 = ctx.prices.get(asset0) ?? ZERO;
  const price1 = ctx.prices.get(asset1) ?? ZERO;
  if (price0.isZero() || price1.isZero())
    return fail(ctx, 'PRICE_MISSING', 'pool assets need non-zero prices', 'pool.assets');
  const price = price0.div(price1);
  const result = deposit(ctx, step, [offered0, offered1], price);
  if (!result) return null;
  if (result.liquidity.lessThanOrEqualTo(0)) {
    return fail(
      ctx,
      'LP_NOTHING_DEPOSITED',
      `the pool needs both ${asset0} and ${asset1} at this price`,
      'amounts',
    );
  }
  const token = `LP:${step.id}`;
  const lp: LpPosition = {
    token,
    stepId: step.id,
    marketId: step.market,
    pool: step.pool,
    entryAmounts: result.used,
    entryPrice: price,
    liquidity: result.liquidity,
    feeApr,
    supply: result.liquidity,
  };
  ctx.position.lps.set(token, lp);
  addToWallet(ctx, asset0, result.used[0].neg());
  addToWallet(ctx, asset1, result.used[1].neg());
  addToWallet(ctx, token, result.liquidity);
  return `added ${result.used[0].toSignificantDigits(12).toFixed()} ${asset0} + ${result.used[1].toSignificantDigits(12).toFixed()} ${asset1} to a ${step.pool.type} pool`;
}

import { describe, expect, it } from 'vitest';
import { buildPosition } from '../../src-main/engine/build-position';
import { accountOraclePrices } from '../../src-main/engine/chain/context';
import { Decimal } from '../../src-main/engine/decimal';
import { evaluate } from '../../src-main/engine/evaluate';
import type { StrategyInput } from '../../src-main/engine/format/schema';
import { accountHealth } from '../../src-main/engine/lending/account-health';
import { pegsFromStrategy, withRootPrice } from '../../src-main/engine/prices';
import {
  lendingLiquidationPoints,
  perpLiquidationPoint,
  solveByRootFinder,
} from '../../src-main/engine/risk/liquidation-price';
import { perpPnlUsd } from '../../src-main/engine/valuation';
import { borrowUsdc, D, expectClose, lendingMarket, parsed, strategy, supplyAll } from './helpers';

function built(input: StrategyInput) {
  const b = buildPosition({ strategy: parsed(input) });
  expect(b.errors).toEqual([]);
  return b;
}

/** Min HF over the markets after repricing the root asset. */
function healthAt(b: ReturnType<typeof built>, root: string, priceUsd: Decimal): Decimal {
  const pegs = pegsFromStrategy(b.strategy);
  const prices = withRootPrice({ prices: b.prices, pegs, root, rootPriceUsd: priceUsd });
  let min = new Decimal(Infinity);
  for (const account of b.position.lending.values()) {
    const hf = accountHealth({
      account,
      prices: accountOraclePrices({ prices, position: b.position, pegs }, account),
    }).healthFactor;
    if (hf.lessThan(min)) min = hf;
  }
  return min;
}

/** The lending liquidation points of `b` when ETH (the root asset) alone moves. */
function ethRootPoints(b: ReturnType<typeof built>) {
  return lendingLiquidationPoints({
    position: b.position,
    prices: b.prices,
    pegs: pegsFromStrategy(b.strategy),
    variable: 'ETH',
    kind: 'root',
  });
}

describe('lending liquidation price', () => {
  it('hand-worked Aave case: 10 WETH (LT 0.825) against 8250 USDC liquidates at 1000', () => {
    // HF(P) = 10·P·0.825 / 8250 = 1 ⇔ P = 1000; from 2000 that is a 50% drop.
    const result = evaluate(strategy({ steps: [supplyAll(), borrowUsdc('8250')] }));
    expect(result.healthFactor.overall).toBe('2');
    expect(result.liquidationPrice.ETH).toBe('1000');
    expect(result.liquidationDrop.ETH).toBe('0.5');
  });

  it('round trip: at the computed liquidation price the health factor is 1 (to 1e-20)', () => {
    const b = built(
      strategy({
        capital: [
          { asset: 'WETH', amount: '7.3' },
          { asset: 'USDC', amount: '1234.56' },
        ],
        steps: [supplyAll(), supplyAll('s2', 'USDC'), borrowUsdc('9876.54321')],
      }),
    );
    const [point] = ethRootPoints(b);
    expect(point?.method).toBe('closed-form');
    expect(point?.direction).toBe('down');
    const hf = healthAt(b, 'ETH', (point as { priceUsd: Decimal }).priceUsd);
    expect(hf.minus(1).abs().lessThan('1e-20')).toBe(true);
  });

  it('debt in the volatile asset liquidates on a rise', () => {
    // 10000 USDC (LT 0.78) against 3 WETH debt: 7800 = 3·P ⇒ P = 2600
    const b = built(
      strategy({
        capital: [{ asset: 'USDC', amount: '10000' }],
        steps: [
          supplyAll('s', 'USDC'),
          {
            id: 'b',
            type: 'borrow',
            market: 'lend',
            asset: 'WETH',
            amount: { mode: 'amount', value: '3' },
          },
        ],
      }),
    );
    const [point] = ethRootPoints(b);
    expect(point?.priceUsd.toFixed()).toBe('2600');
    expect(point?.direction).toBe('up');
  });

  it('the bracketed root finder agrees with the closed form', () => {
    const b = built(strategy({ steps: [supplyAll(), borrowUsdc('8250')] }));
    const root = solveByRootFinder((m) => healthAt(b, 'ETH', D(2000).times(m)).minus(1));
    expectClose(root?.m, '0.5', '1e-25');
    expect(root?.direction).toBe('down');
  });

  it('LP-token collateral uses the root finder and still round-trips to HF = 1', () => {
    const input = strategy({
      capital: [
        { asset: 'WETH', amount: '10' },
        { asset: 'USDC', amount: '20000' },
      ],
      steps: [
        {
          id: 'pool',
          type: 'lp',
          market: 'dex',
          pool: { type: 'constant-product', assets: ['WETH', 'USDC'] },
          amounts: ['all', 'all'],
          feeApr: '0.1',
        },
        { id: 'post', type: 'supply', market: 'lend', asset: 'LP:pool', amount: 'all' },
        borrowUsdc('20000'),
      ],
    });
    input.markets[0] = lendingMarket({
      'LP:pool': { ltv: '0.6', lt: '0.7' },
      USDC: { ltv: '0.75', lt: '0.78' },
    });
    const b = built(input);
    const [point] = ethRootPoints(b);
    expect(point?.method).toBe('root-finder');
    // Closed form for a constant-product LP: value(P) = 2L√P with L = √(10·20000);
    // 0.7·2·√200000·√P = 20000 ⇔ P = (20000 / (1.4·√200000))²
    const expected = D(20000)
      .div(D('1.4').times(D(200000).sqrt()))
      .pow(2);
    expectClose(point?.priceUsd, expected, '1e-25');
    expect(
      healthAt(b, 'ETH', (point as { priceUsd: Decimal }).priceUsd)
        .minus(1)
        .abs()
        .lessThan('1e-20'),
    ).toBe(true);
  });

  it('exchange-rate oracles make an LST loop immune to the ETH price, while a market-priced depeg can liquidate', () => {
    const assets = {
      WSTETH: {
        kind: 'liquid-staking' as const,
        peg: { asset: 'STETH', kind: 'exchange-rate' as const, exchangeRate: '1.2' },
      },
    };
    const eMode = {
      label: 'ETH correlated',
      assets: ['WETH', 'WSTETH'],
      ltv: '0.93',
      liquidationThreshold: '0.95',
      liquidationBonus: '0.01',
    };
    const loop = (oracle: 'market' | 'exchange-rate') =>
      evaluate({
        ...strategy({
          capital: [{ asset: 'WSTETH', amount: '10' }],
          prices: { ETH: '2000' },
          assets,
          steps: [
            supplyAll('s', 'WSTETH'),
            {
              id: 'b',
              type: 'borrow',
              market: 'lend',
              asset: 'WETH',
              amount: { mode: 'targetHealthFactor', value: '1.1' },
            },
          ],
        }),
        markets: [
          lendingMarket(
            { WETH: { ltv: '0.8', lt: '0.825' }, WSTETH: { ltv: '0.785', lt: '0.81', oracle } },
            { eMode },
          ),
        ],
      });
    const rateOracle = loop('exchange-rate');
    expect(rateOracle.errors).toEqual([]);
    expect(rateOracle.liquidationPrice).toEqual({ ETH: null });
    const marketOracle = loop('market');
    // Only wstETH moving: 10·P·0.95 / (debt) = 1 where debt = 10·2400·0.95/1.1 ⇒ P = 2400/1.1
    expectClose(marketOracle.liquidationPrice.WSTETH ?? null, D(2400).div('1.1'), '1e-30');
  });
});

describe('perp liquidation price (margin + PnL = (maintenance + close fee)·size·P)', () => {
  it('short with stable margin: P = (M + s·E) / (s·(1 + k)), round trip', () => {
    const result = evaluate(
      strategy({
        capital: [{ asset: 'USDC', amount: '2000' }],
        steps: [
          {
            id: 'short',
            type: 'perp',
            market: 'perps',
            asset: 'WETH',
            side: 'short',
            notionalUsd: '10000',
            marginAsset: 'USDC',
            marginAmount: 'all',
            fundingApr: '0.1',
            maintenanceMarginRate: '0.01',
            openFeeRate: '0.001',
            closeFeeRate: '0.001',
          },
        ],
      }),
    );
    // size 5 WETH, margin 2000 − 10 fee = 1990; k = 0.011 ⇒ P = (1990 + 10000)/(5·1.011)
    const expected = D(11990).div(D(5).times('1.011'));
    expectClose(result.liquidationPrice['perp:short'] ?? null, expected);
    expect(new Decimal(result.liquidationDrop['perp:short'] ?? '0').isNegative()).toBe(true); // a rise
  });

  it('long with margin in the same asset (coin-margined) round-trips to equity = maintenance', () => {
    const b = built(
      strategy({
        steps: [
          {
            id: 'long',
            type: 'perp',
            market: 'perps',
            asset: 'WETH',
            side: 'long',
            notionalUsd: '40000',
            marginAsset: 'WETH',
            marginAmount: '4',
            fundingApr: '0.05',
            maintenanceMarginRate: '0.005',
          },
        ],
      }),
    );
    const perp = b.position.perps[0];
    if (!perp) throw new Error('no perp');
    const point = perpLiquidationPoint({
      perp,
      prices: b.prices,
      pegs: pegsFromStrategy(b.strategy),
    });
    const P = (point as { priceUsd: Decimal }).priceUsd;
    const equity = perp.margin.times(P).plus(perpPnlUsd(perp, P));
    expectClose(equity, perp.maintenanceMarginRate.times(perp.size).times(P), '1e-30');
    expect(point?.direction).toBe('down');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPosition } from '../../src-main/engine/build-position';
import { parseStrategy } from '../../src-main/engine/format/parse';
import type { BuiltPosition } from '../../src-main/engine/position';
import {
  DEFAULT_DEPEG_RATIOS,
  DEFAULT_PRICE_SHOCKS,
  depegGrid,
  oneAssetGrid,
  stressGrid,
} from '../../src-main/risk/stress';
import type { StrategyInput } from '../../src-main/engine/format/schema';
import { fixedRates, lendingMarket, strategy } from '../engine/helpers';
import { fixture } from './helpers';

function builtFrom(input: StrategyInput): BuiltPosition {
  const parsed = parseStrategy(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const b = buildPosition({ strategy: parsed.strategy });
  expect(b.errors).toEqual([]);
  return b;
}

function built(name: string, edit?: (doc: Record<string, unknown>) => void): BuiltPosition {
  const doc = fixture(name) as Record<string, unknown>;
  edit?.(doc);
  const parsed = parseStrategy(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return buildPosition({ strategy: parsed.strategy });
}

describe('one-asset grid', () => {
  const position = built('eth-leveraged-long.json');
  const grid = oneAssetGrid({ built: position, asset: 'ETH' });
  // the chain supplied 15.18490625 ETH (LT 0.83) and owes 15,562.5 USDC
  const eth = 15.18490625;
  const debt = 15_562.5;

  it('spans −90 % to +300 %', () => {
    expect(grid.axes[0]!.values[0]).toBeCloseTo(0.1, 12);
    expect(grid.axes[0]!.values.at(-1)).toBe(4);
    expect(grid.points).toHaveLength(DEFAULT_PRICE_SHOCKS.length);
  });

  it('health factor and equity at each shock equal the hand formula', () => {
    for (const point of grid.points) {
      const price = 3000 * point.values[0]!;
      const hf = (eth * price * 0.83) / debt;
      expect(point.healthFactor).toBeCloseTo(hf, 10);
      expect(point.healthFactorByMarket['aave-eth']).toBeCloseTo(hf, 10);
      expect(point.liquidated).toBe(hf < 1);
      // a cell not liquidated keeps its balances (liquidated ones: the worked examples below)
      if (!point.liquidated) expect(point.equityUsd).toBeCloseTo(eth * price - debt, 6);
    }
    // liquidation between −60 % (HF 0.97) and −55 % (HF 1.09): price 15562.5/(15.18490625·0.83) = $1,234.8
    const liquidated = grid.points
      .filter((p) => p.liquidated)
      .map((p) => Number((p.values[0]! - 1).toFixed(2)));
    expect(Math.max(...liquidated)).toBe(-0.6);
  });
});

describe('depeg grid (issue 10): a pegged collateral trading under its peg', () => {
  // 100 stETH (LT 0.93) against 84 ETH: HF = 100·0.93/84 = 1.1071 at the peg
  const hf0 = (100 * 0.93) / 84;

  it('with a MARKET oracle the health factor falls with the ratio and liquidates under 84/93 = 0.903', () => {
    const grid = depegGrid({ built: built('steth-eth-loop.json'), asset: 'STETH' });
    expect(grid.axes[0]!.values).toEqual([...DEFAULT_DEPEG_RATIOS]);
    expect(DEFAULT_DEPEG_RATIOS[0]).toBe(1);
    expect(DEFAULT_DEPEG_RATIOS.at(-1)).toBe(0.8);
    for (const point of grid.points) {
      const r = point.values[0]!;
      expect(point.healthFactor).toBeCloseTo(hf0 * r, 10);
      expect(point.liquidated).toBe(r < 84 / 93);
      // borrowed ETH held, the account = stETH − ETH debt (liquidated cells: the worked examples)
      if (!point.liquidated) expect(point.equityUsd).toBeCloseTo(100 * 3000 * r, 6);
    }
  });

  it('with an EXCHANGE-RATE oracle the health factor ignores the discount; equity does not', () => {
    const grid = depegGrid({
      built: built('steth-eth-loop.json', (doc) => {
        const markets = doc.markets as { assets: Record<string, { oracle?: string }> }[];
        markets[0]!.assets.STETH!.oracle = 'exchange-rate';
      }),
      asset: 'STETH',
    });
    for (const point of grid.points) {
      expect(point.healthFactor).toBeCloseTo(hf0, 10);
      expect(point.liquidated).toBe(false);
      // the stETH falls with the ratio until the account is worth 0 (r < 0.84: 252,000 of ETH debt)
      const account = Math.max(0, 100 * 3000 * point.values[0]! - 84 * 3000);
      expect(point.equityChangeUsd).toBeCloseTo(account - (100 * 3000 - 84 * 3000), 6);
    }
  });
});

describe('two-asset grid: stETH/ETH ratio against ETH/USD', () => {
  it('HF depends on the ratio only (both sides in ETH); equity scales with ETH', () => {
    const grid = stressGrid({
      built: built('steth-eth-loop.json'),
      axes: [
        { kind: 'peg', asset: 'STETH', ratios: [1, 0.95, 0.9] },
        { kind: 'price', asset: 'ETH', shocks: [-0.5, 0, 1] },
      ],
    });
    expect(grid.points).toHaveLength(9);
    for (const point of grid.points) {
      const [ratio, multiple] = point.values as [number, number];
      expect(point.healthFactor).toBeCloseTo((100 * ratio * 0.93) / 84, 10);
      // stETH follows ETH (its peg root) and then trades at `ratio`; the 84 borrowed ETH are held.
      // Under ratio 0.9032 the account is liquidated: one Aave call of half the debt at a 1 % bonus
      // (0.42 ETH lost, the worked example below), so 100·ratio − 0.42 ETH are left.
      const ethLeft = point.liquidated ? 100 * ratio - 0.42 : 100 * ratio;
      expect(point.equityUsd).toBeCloseTo(3000 * multiple * ethLeft, 6);
    }
    // row-major: the second axis varies fastest
    expect(grid.points[1]!.values).toEqual([1, 1]);
  });

  it('refuses a depeg of an asset without a peg', () => {
    expect(() => depegGrid({ built: built('steth-eth-loop.json'), asset: 'ETH' })).toThrow(
      /ASSET_NOT_PEGGED/,
    );
  });
});

describe('equity floors each lending account at zero (non-recourse, as the backtest values it)', () => {
  it('a liquidation at ORACLE prices that stops at HF ≥ 1 can leave the account under water at MARKET prices', () => {
    // 10 stETH (LT 0.8, bonus 5 %, EXCHANGE-RATE oracle: stETH = ETH) against 19,200 USDC, held.
    // ETH −22 % → $2,340: oracle HF = 10·2340·0.8 / 19,200 = 0.975 (> 0.95: 50 %): repay 9,600,
    // seize 9,600·1.05 / 2340 = 4.3077 stETH; left 5.6923 stETH (13,320 at the oracle) against
    // 9,600: HF = 13,320·0.8 / 9,600 = 1.11, stop. stETH trades at ratio r of ETH, 2340·r:
    //   r = 0.75: account 13,320·0.75 − 9,600 = 390, equity 19,200 + 390 = 19,590
    //   r = 0.5:  account 13,320·0.5 − 9,600 = −2,940, the market's bad debt → 0, equity 19,200
    //             (counted as it stands it would read 19,200 − 2,940 = 16,260)
    const grid = stressGrid({
      built: builtFrom(
        strategy({
          capital: [{ asset: 'STETH', amount: '10' }],
          prices: { ETH: '3000', USDC: '1' },
          markets: [
            lendingMarket({
              STETH: { ltv: '0.75', lt: '0.8', bonus: '0.05', oracle: 'exchange-rate' },
              USDC: { ltv: '0.75', lt: '0.78' },
            }),
          ],
          steps: [
            { id: 's', type: 'supply', market: 'lend', asset: 'STETH', amount: 'all' },
            {
              id: 'b',
              type: 'borrow',
              market: 'lend',
              asset: 'USDC',
              amount: { mode: 'amount', value: '19200' },
            },
          ],
        }),
      ),
      axes: [
        { kind: 'price', asset: 'ETH', shocks: [-0.22] },
        { kind: 'peg', asset: 'STETH', ratios: [0.75, 0.5] },
      ],
    });
    expect(grid.baseEquityUsd).toBeCloseTo(30_000, 9);
    for (const point of grid.points) {
      expect(point.liquidated).toBe(true);
      expect(point.healthFactor).toBeCloseTo(0.975, 12); // the oracle ignores the discount
    }
    expect(grid.points[0]!.equityUsd).toBeCloseTo(19_590, 6);
    expect(grid.points[1]!.equityUsd).toBeCloseTo(19_200, 6);
    expect(grid.points[1]!.equityChangeUsd).toBeCloseTo(-10_800, 6);
  });
});

function btcPerpHedge() {
  const doc = JSON.parse(
    readFileSync(new URL('../../resources/examples/btc-perp-hedge.json', import.meta.url), 'utf8'),
  ) as unknown;
  const parsed = parseStrategy(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed;
}

describe('a liquidated perp loses what was left in it', () => {
  it('a perp under maintenance + close fee counts as liquidated (btc-perp-hedge: P* = 118,703.61)', () => {
    // margin 19,950 USDT, short 1 BTC from 100,000, mmr 1 %, close fee 0.05 %: at +18.71 % (118,710)
    // equity 1,240 < 0.0105·118,710 = 1,246.46, though above mmr alone (1,187.10).
    const parsed = btcPerpHedge();
    const grid = oneAssetGrid({
      built: buildPosition({ strategy: parsed.strategy }),
      asset: 'BTC',
      shocks: [0.187, 0.1871],
    });
    expect(grid.points.map((p) => p.liquidated)).toEqual([false, true]);
    // the 1 BTC held plus the perp: at +18.7 % (118,700) 118,700 + 19,950 − 18,700 = 119,950 (the
    // hedge holds); at 118,710 the perp is closed and its 1,240 of equity lost: 118,710 left
    expect(grid.points[0]!.equityUsd).toBeCloseTo(119_950, 6);
    expect(grid.points[1]!.equityUsd).toBeCloseTo(118_710, 6);
    // what the liquidation takes: the 1,240 left in the perp at the shock (119,950 − 118,710), the
    // rest of the margin having gone to the price move; the equity above says the same
    expect(grid.points.map((p) => p.liquidatedMarkets)).toEqual([[], ['gmx-v2-arbitrum']]);
    expect(grid.points[0]!.liquidationLossUsd).toBe(0);
    expect(grid.points[1]!.liquidationLossUsd).toBeCloseTo(1_240, 6);
  });

  it('a perp already underwater at the shock loses nothing more to its liquidation', () => {
    const parsed = btcPerpHedge();
    // at +25 % (125,000) the short's equity is 19,950 − 25,000 < 0: the price move took it all
    const grid = oneAssetGrid({
      built: buildPosition({ strategy: parsed.strategy }),
      asset: 'BTC',
      shocks: [0.25],
    });
    expect(grid.points[0]!.liquidated).toBe(true);
    expect(grid.points[0]!.liquidationLossUsd).toBe(0);
    expect(grid.points[0]!.equityUsd).toBeCloseTo(125_000, 6);
  });
});

describe('a liquidated cell shows the equity after the protocol’s liquidation (Aave v3.3 rules)', () => {
  // Aave v3.3 LiquidationLogic (engine/lending/liquidation.ts): HF < 1 allows a call; HF > 0.95
  // lets liquidators repay 50 % of the debt, HF ≤ 0.95 all of it; they seize repaid × (1 + bonus)
  // of collateral (capped by the balance); with no collateral left the rest of the debt is burned.
  it('ETH leveraged long at −60 %: one call repays half the debt and costs the 5 % bonus', () => {
    // 15.18490625 ETH (LT 0.83, bonus 5 %) against 15,562.5 USDC at ETH $1,200:
    //   HF = 15.18490625·1200·0.83 / 15,562.5 = 15,124.1666 / 15,562.5 = 0.97183 (> 0.95: 50 %)
    //   repaid 7,781.25 USDC; seized 7,781.25·1.05 / 1200 = 6.80859375 ETH
    //   left 8.37631250 ETH against 7,781.25: HF = 8.3763125·1200·0.83 / 7,781.25 = 1.0722 ≥ 1, stop
    //   equity 8.3763125·1200 − 7,781.25 = 10,051.575 − 7,781.25 = 2,270.325
    //   (unliquidated it would read 18,221.8875 − 15,562.5 = 2,659.3875: the bonus is 389.0625)
    const grid = oneAssetGrid({
      built: built('eth-leveraged-long.json'),
      asset: 'ETH',
      shocks: [-0.6],
    });
    const point = grid.points[0]!;
    expect(point.liquidated).toBe(true);
    expect(point.healthFactor).toBeCloseTo(0.971834, 6); // the HF at the shock, before the call
    expect(point.equityUsd).toBeCloseTo(2270.325, 6);
    expect(point.liquidatedMarkets).toEqual(['aave-eth']);
    expect(point.liquidationLossUsd).toBeCloseTo(389.0625, 6); // the bonus
  });

  it('ETH leveraged long at −65 %: HF ≤ 0.95, all the collateral goes and the rest is burned', () => {
    // ETH $1,050: HF = 15.18490625·1050·0.83 / 15,562.5 = 0.85035 (≤ 0.95: the whole debt)
    //   repaying 15,562.5 would seize 15,562.5·1.05 / 1050 = 15.5625 ETH > 15.18490625 held, so all
    //   of it is seized for 15.18490625·1050 / 1.05 = 15,184.90625 USDC; the 377.59375 USDC left has
    //   no collateral and is burned as the reserve's deficit: the account is empty, equity 0
    //   (unliquidated: 15,944.15 − 15,562.5 = 381.65)
    const grid = oneAssetGrid({
      built: built('eth-leveraged-long.json'),
      asset: 'ETH',
      shocks: [-0.65],
    });
    expect(grid.points[0]!.liquidated).toBe(true);
    expect(grid.points[0]!.equityUsd).toBeCloseTo(0, 9);
    // all that was left: 15.18490625·1050 − 15,562.5
    expect(grid.points[0]!.liquidationLossUsd).toBeCloseTo(381.6515625, 6);
  });

  it('stETH loop at a 0.87 peg (market oracle): two calls, each of half the debt at a 1 % bonus', () => {
    // 100 stETH (LT 0.93, bonus 1 %) against 84 ETH, the 84 ETH held; ETH $3,000, stETH $2,610:
    //   HF = 100·2610·0.93 / (84·3000) = 0.96321 (> 0.95): repay 42 ETH, seize 42·3000·1.01 / 2610
    //   = 48.7586 stETH; HF = (100 − 48.7586)·2610·0.93 / (42·3000) = 0.98713, still < 1:
    //   repay 21 ETH, seize 21·3000·1.01 / 2610 = 24.3793 stETH; HF = 26.8621·2610·0.93 / 63,000
    //   = 1.0350, stop. Equity = 26.8621·2610 − 21·3000 + 84·3000 = 70,110 + 189,000 = 259,110,
    //   i.e. 3000·(87 − 0.63): the two bonuses cost 0.42 + 0.21 ETH (unliquidated: 261,000)
    const grid = depegGrid({ built: built('steth-eth-loop.json'), asset: 'STETH', ratios: [0.87] });
    expect(grid.points[0]!.liquidated).toBe(true);
    expect(grid.points[0]!.equityUsd).toBeCloseTo(259_110, 6);
    // the account: 100·2610 − 84·3000 = 9,000 before, 70,110 − 63,000 = 7,110 after
    expect(grid.points[0]!.liquidationLossUsd).toBeCloseTo(1890, 6);
  });
});

describe('a liquidated cell of another design: the whole account at once (liquidateByDesign)', () => {
  const designMarket = (id: string, assets: Record<string, unknown>, liquidation: unknown) =>
    ({
      id,
      kind: 'lending',
      protocol: id,
      chain: 'ethereum',
      assets,
      liquidation,
    }) as StrategyInput['markets'][number];
  const asset = (extra: Record<string, unknown> = {}) => ({
    ltv: '0',
    liquidationThreshold: '0',
    liquidationBonus: '0',
    rates: fixedRates(),
    ...extra,
  });
  const supplyBorrow = (market: string, collateral: string, debt: string, units: string) =>
    strategy({
      capital: [{ asset: collateral, amount: '10' }],
      prices: { [collateral]: '2000', [debt]: '1' },
      markets: [
        market === 'comet'
          ? designMarket(
              'comet',
              {
                WETH: asset({ ltv: '0.83', liquidationThreshold: '0.9', borrowEnabled: false }),
                USDC: asset({ collateralEnabled: false }),
              },
              // Comet cUSDCv3-style: liquidateCollateralFactor 0.90, liquidationFactor 0.95
              { design: 'compound-v3', baseAsset: 'USDC', liquidationFactors: { WETH: '0.95' } },
            )
          : designMarket(
              'vault',
              {
                WETH: asset({ borrowEnabled: false }),
                DAI: asset({ collateralEnabled: false }),
              },
              // Maker ETH-A-style: mat 1.45, chop 1.13, dust 7,500 DAI
              {
                design: 'maker-vault',
                collateral: 'WETH',
                debtAsset: 'DAI',
                liquidationRatio: '1.45',
                liquidationPenalty: '0.13',
                dust: '7500',
              },
            ),
      ],
      steps: [
        { id: 's', type: 'supply', market, asset: collateral, amount: 'all' },
        { id: 'b', type: 'borrow', market, asset: debt, amount: { mode: 'amount', value: units } },
      ],
    });

  it('Compound v3 absorb at WETH −15 %: all collateral seized at the liquidation factor, the surplus credited in USDC', () => {
    // 10 WETH against 16,000 USDC, held. WETH $1,700: HF = 10·1700·0.90 / 16,000 = 0.95625 < 1.
    // Comet.absorb: all 10 WETH taken, 16,000 cleared, 17,000·0.95 − 16,000 = 150 USDC credited:
    // equity 16,000 + 150 = 16,150 (as it stands: 16,000 + 17,000 − 16,000 = 17,000).
    // WETH $1,800 (−10 %): HF 1.0125, kept: 16,000 + 18,000 − 16,000 = 18,000
    const grid = oneAssetGrid({
      built: builtFrom(supplyBorrow('comet', 'WETH', 'USDC', '16000')),
      asset: 'WETH',
      shocks: [-0.15, -0.1],
    });
    expect(grid.points.map((p) => p.liquidated)).toEqual([true, false]);
    expect(grid.points[0]!.healthFactor).toBeCloseTo(0.95625, 12);
    expect(grid.points[0]!.equityUsd).toBeCloseTo(16_150, 6);
    expect(grid.points[1]!.equityUsd).toBeCloseTo(18_000, 6);
  });

  it('Maker vault bark at WETH −16 %: the auction sells debt × chop of collateral and returns the rest', () => {
    // 10 WETH against 12,000 DAI, held. WETH $1,680: 16,800 / 12,000 = 140 % < 145 %,
    // HF = 16,800 / 1.45 / 12,000 = 0.96552. Dog.bark: tab 12,000·1.13 = 13,560 DAI, sold
    // 13,560 / 1680 = 8.0714 WETH, 1.9286 WETH (3,240) returned: equity 12,000 + 3,240 = 15,240,
    // the penalty 1,560 below the 16,800 it reads as it stands
    const grid = oneAssetGrid({
      built: builtFrom(supplyBorrow('vault', 'WETH', 'DAI', '12000')),
      asset: 'WETH',
      shocks: [-0.16],
    });
    expect(grid.points[0]!.liquidated).toBe(true);
    expect(grid.points[0]!.healthFactor).toBeCloseTo(16_800 / 1.45 / 12_000, 12);
    expect(grid.points[0]!.equityUsd).toBeCloseTo(15_240, 6);
  });
});

import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src-main/backtest/run-backtest';
import { buildPosition } from '../../src-main/engine/build-position';
import { evaluate } from '../../src-main/engine/evaluate';
import type { StrategyInput } from '../../src-main/engine/format/schema';
import { morphoIncentiveFactor } from '../../src-main/engine/lending/design';
import { liquidateByDesign } from '../../src-main/engine/lending/design-liquidation';
import { lendingRates } from '../../src-main/engine/lending/rates';
import { oneAssetGrid } from '../../src-main/risk/stress';
import { flat, ok, path, perSecondDay, strategy as backtestStrategy } from '../backtest/helpers';
import { D, expectClose, parsed } from './helpers';

/**
 * Worked cases for each lending design, computed by hand from the protocol's own rules (sources next
 * to the numbers), run through the engine (evaluate: health, liquidation price; the Decimal
 * liquidation) and the shared daily kernel (a backtest on a synthetic path, which is the Monte
 * Carlo's kernel on one lane), plus the stress grid's liquidatable flag.
 */

const fixed0 = { type: 'fixed' as const, supplyApr: '0', borrowApr: '0' };
const asset = (ltv: string, lt: string, extra: Record<string, unknown> = {}) => ({
  ltv,
  liquidationThreshold: lt,
  liquidationBonus: '0',
  rates: fixed0,
  ...extra,
});

/**
 * Compound v3 cUSDCv3-style market. WETH borrowCollateralFactor 0.83, liquidateCollateralFactor 0.90,
 * liquidationFactor 0.95 (the preset's values, see resources/presets/markets.json).
 * Comet.sol `isLiquidatable`: Σ collateral × price × liquidateCollateralFactor < debt × basePrice.
 * Comet.sol `absorbInternal`: all collateral seized; deltaValue = Σ value × liquidationFactor;
 * newBalance = oldBalance + deltaValue/basePrice, floored at 0.
 */
const comet = {
  id: 'comet',
  kind: 'lending' as const,
  protocol: 'compound-v3',
  chain: 'ethereum',
  assets: {
    WETH: asset('0.83', '0.9', { borrowEnabled: false }),
    USDC: asset('0', '0', { collateralEnabled: false }),
  },
  liquidation: {
    design: 'compound-v3' as const,
    baseAsset: 'USDC',
    liquidationFactors: { WETH: '0.95' },
  },
};

/**
 * Maker ETH-A style vault: liquidation ratio (mat) 1.45, penalty (chop) 1.13, dust 7,500 DAI.
 * Vat/Dog: unsafe when ink × spot < art × rate, spot = price / mat; Dog.bark sends the whole vault
 * to the Clipper with tab = debt × chop; Clipper.take returns the unsold collateral to the vault.
 */
const vault = {
  id: 'vault',
  kind: 'lending' as const,
  protocol: 'maker',
  chain: 'ethereum',
  assets: {
    WETH: asset('0', '0', { borrowEnabled: false }),
    DAI: asset('0', '0', { collateralEnabled: false }),
  },
  liquidation: {
    design: 'maker-vault' as const,
    collateral: 'WETH',
    debtAsset: 'DAI',
    liquidationRatio: '1.45',
    liquidationPenalty: '0.13',
    dust: '7500',
  },
};

/**
 * Morpho Blue wstETH/WETH style market, LLTV 0.945. Morpho.sol `_isHealthy`: borrowed ≤ collateral ×
 * price × lltv; `liquidate`: seizedAssets = repaidAssets × LIF / price,
 * LIF = min(MAX_LIQUIDATION_INCENTIVE_FACTOR = 1.15, 1 / (1 − LIQUIDATION_CURSOR·(1 − lltv))), cursor 0.3.
 */
const morpho = {
  id: 'morpho',
  kind: 'lending' as const,
  protocol: 'morpho-blue',
  chain: 'ethereum',
  assets: {
    WSTETH: asset('0', '0', { borrowEnabled: false }),
    WETH: asset('0', '0', { collateralEnabled: false }),
  },
  liquidation: {
    design: 'morpho-blue' as const,
    collateral: 'WSTETH',
    loanAsset: 'WETH',
    lltv: '0.945',
  },
};

function doc(
  market: Record<string, unknown>,
  capital: StrategyInput['capital'],
  prices: Record<string, string>,
  steps: StrategyInput['steps'],
  extra: Partial<StrategyInput> = {},
): StrategyInput {
  return {
    format: 'yieldplan.strategy',
    version: 2,
    name: 'design',
    horizonDays: 30,
    capital,
    prices,
    markets: [market as StrategyInput['markets'][number]],
    steps,
    ...extra,
  };
}

const supply = (market: string, a: string) => ({
  id: 's',
  type: 'supply' as const,
  market,
  asset: a,
  amount: 'all' as const,
});
const borrow = (market: string, a: string, value: string, id = 'b') => ({
  id,
  type: 'borrow' as const,
  market,
  asset: a,
  amount: { mode: 'amount' as const, value },
});

function account(input: StrategyInput, marketId: string) {
  const b = buildPosition({ strategy: parsed(input) });
  expect(b.errors).toEqual([]);
  return b.position.lending.get(marketId)!;
}

describe('Compound v3 (Comet): collateral factors, absorb, kinked curves', () => {
  const cometDoc = (price = '2000') =>
    doc(comet, [{ asset: 'WETH', amount: '10' }], { WETH: price, USDC: '1' }, [
      supply('comet', 'WETH'),
      borrow('comet', 'USDC', '16000'),
    ]);

  it('health on the liquidate collateral factor, borrow power on the borrow factor', () => {
    const r = evaluate(cometDoc());
    // HF = 10 · 2000 · 0.90 / 16000 = 1.125; liquidation at 16000 / (10 · 0.90) = 1777.77…
    expect(r.healthFactor.overall).toBe('1.125');
    expectClose(r.liquidationPrice.ETH, D(16000).div(9), '1e-25');
    // borrowing above 10 · 2000 · 0.83 = 16,600 is refused (Comet.isBorrowCollateralized)
    const over = evaluate(
      doc(comet, [{ asset: 'WETH', amount: '10' }], { WETH: '2000', USDC: '1' }, [
        supply('comet', 'WETH'),
        borrow('comet', 'USDC', '16601'),
      ]),
    );
    expect(over.errors.map((e) => e.code)).toContain('BORROW_EXCEEDS_CAPACITY');
  });

  it('only the base asset can be borrowed', () => {
    const r = evaluate(
      doc(comet, [{ asset: 'WETH', amount: '10' }], { WETH: '2000', USDC: '1' }, [
        supply('comet', 'WETH'),
        borrow('comet', 'WETH', '1'),
      ]),
    );
    expect(r.errors.map((e) => e.code)).toContain('BORROW_NOT_IN_DESIGN');
  });

  it('absorb at 1700: all 10 WETH taken, 16,000 debt cleared, 17,000 · 0.95 − 16,000 = 150 USDC credited', () => {
    const acc = account(cometDoc(), 'comet');
    const prices = new Map([
      ['WETH', D(1700)],
      ['USDC', D(1)],
    ]);
    const result = liquidateByDesign({ account: acc, prices });
    expect(result.liquidated).toBe(true);
    expect(result.collateralSeized.get('WETH')!.toFixed()).toBe('10');
    expect(result.debtCleared.get('USDC')!.toFixed()).toBe('16000');
    expect(result.baseCredited.toFixed()).toBe('150');
    // the owner loses (1 − liquidationFactor) of the collateral value: 0.05 · 17,000 = 850
    expect(result.lossUsd.toFixed()).toBe('850');
    expect(result.account.debts.get('USDC')!.toFixed()).toBe('0');
    expect(result.account.supplies.get('USDC')!.amount.toFixed()).toBe('150');
  });

  it('the kernel absorbs the same way on a replay: 2000 → 1800 (HF 1.0125) → 1700 (HF 0.95625)', () => {
    const r = ok(
      runBacktest({
        strategy: backtestStrategy(cometDoc()),
        prices: { WETH: path('2024-01-01', [2000, 1800, 1700, 1900]), USDC: flat(4) },
        from: '2024-01-01',
        to: '2024-01-04',
      }),
    );
    expect(r.series.healthFactor[1]).toBeCloseTo(1.0125, 12);
    const events = r.events.filter((e) => e.type === 'liquidation');
    expect(events).toHaveLength(1);
    const [event] = events;
    if (event?.type !== 'liquidation') throw new Error('no liquidation');
    expect(event.date).toBe('2024-01-03');
    expect(Number(event.collateralSeized)).toBeCloseTo(10, 12);
    expect(Number(event.debtRepaid)).toBeCloseTo(16000, 9);
    expect(event.bonusUsd).toBeCloseTo(850, 9);
    // equity after: 16,000 USDC in the wallet + 150 credited; the later rise does not help (no WETH left)
    expect(r.series.equity[2]).toBeCloseTo(16150, 9);
    expect(r.series.equity[3]).toBeCloseTo(16150, 9);
  });

  it('Comet curves: separate supply and borrow kinks (getSupplyRate / getBorrowRate)', () => {
    const rates = {
      type: 'comet' as const,
      supplyKink: '0.9',
      supplyBase: '0',
      supplySlopeLow: '0.059',
      supplySlopeHigh: '2.9',
      borrowKink: '0.85',
      borrowBase: '0.015',
      borrowSlopeLow: '0.0555',
      borrowSlopeHigh: '3.1',
      totalSupply: '1000',
      totalBorrow: '950',
    };
    // U = 0.95: supply 0.059·0.9 + 2.9·(0.95 − 0.9) = 0.1981;
    // borrow 0.015 + 0.0555·0.85 + 3.1·(0.95 − 0.85) = 0.372175
    const high = lendingRates({ rates, userSupply: D(0), userBorrow: D(0) });
    expect(high.supplyApr.toFixed()).toBe('0.1981');
    expect(high.borrowApr.toFixed()).toBe('0.372175');
    // the user's 900 of base supply: U = 950 / 1900 = 0.5, under both kinks
    const low = lendingRates({ rates, userSupply: D(900), userBorrow: D(0) });
    expect(low.supplyApr.toFixed()).toBe('0.0295');
    expect(low.borrowApr.toFixed()).toBe('0.04275');
  });

  it('a replay accrues the Comet borrow curve per second: 16,000 · (1 + 0.04275/31,536,000)^86,400 after one day', () => {
    const rates = {
      type: 'comet' as const,
      supplyKink: '0.9',
      supplyBase: '0',
      supplySlopeLow: '0.059',
      supplySlopeHigh: '2.9',
      borrowKink: '0.85',
      borrowBase: '0.015',
      borrowSlopeLow: '0.0555',
      borrowSlopeHigh: '3.1',
      totalSupply: '100000',
      totalBorrow: '34000',
    };
    const market = { ...comet, assets: { ...comet.assets, USDC: { ...comet.assets.USDC, rates } } };
    const r = ok(
      runBacktest({
        strategy: backtestStrategy(
          doc(market, [{ asset: 'WETH', amount: '10' }], { WETH: '2000', USDC: '1' }, [
            supply('comet', 'WETH'),
            borrow('comet', 'USDC', '16000'),
          ]),
        ),
        prices: { WETH: flat(2, 2000), USDC: flat(2) },
        from: '2024-01-01',
        to: '2024-01-02',
      }),
    );
    // U = (34,000 + 16,000) / 100,000 = 0.5 → borrow 0.015 + 0.0555 · 0.5 = 0.04275, accrued per
    // second as Comet's accrueInternal does (per-second rates)
    const debtAfter = 16000 * perSecondDay(0.04275);
    expect(r.series.healthFactor[1]).toBeCloseTo((10 * 2000 * 0.9) / debtAfter, 12);
  });
});

describe('Maker vault (CDP): liquidation ratio, dust, whole-vault auction with penalty', () => {
  const vaultDoc = (debt = '12000') =>
    doc(vault, [{ asset: 'WETH', amount: '10' }], { WETH: '2000', DAI: '1' }, [
      supply('vault', 'WETH'),
      borrow('vault', 'DAI', debt),
    ]);

  it('health on 1 / mat: HF = 20,000 / 1.45 / 12,000; liquidation price 12,000 · 1.45 / 10 = 1,740', () => {
    const r = evaluate(vaultDoc());
    expectClose(r.healthFactor.overall, D(20000).div('1.45').div(12000), '1e-25');
    expectClose(r.liquidationPrice.ETH, '1740', '1e-25');
  });

  it('the dust floor: a vault owes 0 or at least 7,500 DAI (Vat.frob "Vat/dust")', () => {
    const r = evaluate(vaultDoc('5000'));
    expect(r.errors.map((e) => e.code)).toContain('VAULT_BELOW_DUST');
    expect(evaluate(vaultDoc('7500')).errors).toEqual([]);
  });

  it('bark at 1700: tab 12,000 · 1.13 = 13,560 DAI, 13,560 / 1700 WETH sold, the rest returned', () => {
    const acc = account(vaultDoc(), 'vault');
    const prices = new Map([
      ['WETH', D(1700)],
      ['DAI', D(1)],
    ]);
    // 17,000 / 12,000 = 141.7 % < 145 %: unsafe
    const result = liquidateByDesign({ account: acc, prices });
    expect(result.liquidated).toBe(true);
    expectClose(result.collateralSeized.get('WETH')!, D(13560).div(1700), '1e-30');
    expect(result.debtCleared.get('DAI')!.toFixed()).toBe('12000');
    expectClose(result.account.supplies.get('WETH')!.amount, D(10).minus(D(13560).div(1700)));
    expectClose(result.lossUsd, '1560', '1e-30'); // the penalty: 0.13 · 12,000
  });

  it('the kernel auctions the whole vault on a replay; equity loses exactly the penalty', () => {
    const r = ok(
      runBacktest({
        strategy: backtestStrategy(vaultDoc()),
        prices: { WETH: path('2024-01-01', [2000, 1750, 1700]), DAI: flat(3) },
        from: '2024-01-01',
        to: '2024-01-03',
      }),
    );
    // 17,500 / 12,000 = 145.8 % on day 1: still safe
    expect(r.series.healthFactor[1]).toBeCloseTo(17500 / 1.45 / 12000, 12);
    const events = r.events.filter((e) => e.type === 'liquidation');
    expect(events).toHaveLength(1);
    const [event] = events;
    if (event?.type !== 'liquidation') throw new Error('no liquidation');
    expect(event.date).toBe('2024-01-03');
    expect(event.closeFactor).toBe('1');
    expect(Number(event.collateralSeized)).toBeCloseTo(13560 / 1700, 12);
    expect(event.bonusUsd).toBeCloseTo(1560, 9);
    // 12,000 DAI in the wallet + (10 − 7.976…) · 1700 = 17,000 − 1,560
    expect(r.series.equity[2]).toBeCloseTo(17000 - 1560, 9);
  });

  it('an auction discount sells more collateral (the Clipper price below the oracle)', () => {
    const acc = account(
      doc(
        { ...vault, liquidation: { ...vault.liquidation, auctionDiscount: '0.1' } },
        [{ asset: 'WETH', amount: '10' }],
        { WETH: '2000', DAI: '1' },
        [supply('vault', 'WETH'), borrow('vault', 'DAI', '12000')],
      ),
      'vault',
    );
    const result = liquidateByDesign({
      account: acc,
      prices: new Map([
        ['WETH', D(1700)],
        ['DAI', D(1)],
      ]),
    });
    expectClose(result.collateralSeized.get('WETH')!, D(13560).div(1530), '1e-30');
  });
});

describe('Morpho Blue: LLTV, any share of the debt, LIF = min(1.15, 1/(0.3·LLTV + 0.7))', () => {
  it('LIF by LLTV, as Morpho documents it (rounded): 94.5 % → 1.0168, 86 % → 1.0438, 77 % → 1.0741, 62.5 % → 1.1268, 50 % → 1.15 cap', () => {
    const lif = (x: string) => morphoIncentiveFactor(D(x)).toDecimalPlaces(4).toFixed();
    expect(lif('0.945')).toBe('1.0168');
    expect(lif('0.86')).toBe('1.0438');
    expect(lif('0.77')).toBe('1.0741');
    expect(lif('0.625')).toBe('1.1268');
    expect(lif('0.5')).toBe('1.15');
  });

  const morphoDoc = () =>
    doc(morpho, [{ asset: 'WSTETH', amount: '100' }], { WSTETH: '2360', WETH: '2000' }, [
      supply('morpho', 'WSTETH'),
      borrow('morpho', 'WETH', '94'),
    ]);

  it('health on the LLTV: HF = 100 · 2360 · 0.945 / (94 · 2000)', () => {
    const r = evaluate(morphoDoc());
    expectClose(r.healthFactor.overall, D(236000).times('0.945').div(188000), '1e-25');
  });

  it('liquidation at wstETH 1950: all 94 WETH repaid, 188,000 · LIF / 1950 wstETH seized', () => {
    const acc = account(morphoDoc(), 'morpho');
    const prices = new Map([
      ['WSTETH', D(1950)],
      ['WETH', D(2000)],
    ]);
    const lif = D(1).div(D('0.3').times('0.945').plus('0.7'));
    const result = liquidateByDesign({ account: acc, prices });
    expect(result.liquidated).toBe(true);
    expectClose(result.collateralSeized.get('WSTETH')!, D(188000).times(lif).div(1950), '1e-30');
    expect(result.account.debts.get('WETH')!.toFixed()).toBe('0');
  });

  it('the kernel seizes the same on a replay and the stress grid flags the same price as liquidatable', () => {
    const input = morphoDoc();
    const r = ok(
      runBacktest({
        strategy: backtestStrategy(input),
        prices: { WSTETH: path('2024-01-01', [2360, 1950]), WETH: flat(2, 2000) },
        from: '2024-01-01',
        to: '2024-01-02',
      }),
    );
    const [event] = r.events.filter((e) => e.type === 'liquidation');
    if (event?.type !== 'liquidation') throw new Error('no liquidation');
    const lif = 1 / (0.3 * 0.945 + 0.7);
    expect(Number(event.collateralSeized)).toBeCloseTo((188000 * lif) / 1950, 10);
    expect(Number(event.debtRepaid)).toBeCloseTo(94, 10);
    expect(event.bonusUsd).toBeCloseTo(188000 * (lif - 1), 8);
    // HF 1 at 100 · P · 0.945 = 188,000 ⇔ P = 1989.42…, a 15.70 % fall from 2360
    const b = buildPosition({ strategy: parsed(input) });
    const grid = oneAssetGrid({ built: b, asset: 'WSTETH', shocks: [-0.15, -0.16] });
    expect(grid.points.map((p) => p.liquidated)).toEqual([false, true]);
    // and shows the equity after Morpho's liquidation: at 2360 · 0.84 = 1982.4 all 94 WETH are
    // repaid for 188,000 · LIF / 1982.4 wstETH, so of 100 · 1982.4 (the account plus the 94 WETH
    // held) the incentive 188,000 · (LIF − 1) = 3,154.04 is lost
    expect(grid.points[1]!.equityUsd).toBeCloseTo(100 * 2360 * 0.84 - 188000 * (lif - 1), 6);
  });
});

describe('designs leave version-1 Aave files unchanged', () => {
  it('a market without `liquidation` is Aave v3: same health, same liquidation call', () => {
    const aave = {
      ...comet,
      id: 'aave',
      protocol: 'aave-v3',
      liquidation: undefined,
      assets: {
        WETH: asset('0.8', '0.825', { liquidationBonus: '0.05' }),
        USDC: asset('0.75', '0.78'),
      },
    };
    const input = doc(aave, [{ asset: 'WETH', amount: '10' }], { WETH: '2000', USDC: '1' }, [
      supply('aave', 'WETH'),
      borrow('aave', 'USDC', '8250'),
    ]);
    const explicit = { ...aave, liquidation: { design: 'aave-v3' as const } };
    const input2 = { ...input, markets: [explicit as StrategyInput['markets'][number]] };
    expect(evaluate(input).healthFactor.overall).toBe('2');
    expect(evaluate(input2).healthFactor).toEqual(evaluate(input).healthFactor);
    expect(evaluate(input2).liquidationPrice).toEqual(evaluate(input).liquidationPrice);
  });
});

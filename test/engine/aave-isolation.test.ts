import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src-main/backtest/run-backtest';
import { evaluate } from '../../src-main/engine/evaluate';
import type { StrategyInput } from '../../src-main/engine/format/schema';
import { flat, ok } from '../backtest/helpers';
import { parsed } from './helpers';

/**
 * Aave v3 isolation mode (ValidationLogic.validateBorrow): with an isolated asset as collateral only
 * `borrowableInIsolation` assets may be borrowed (ASSET_NOT_BORROWABLE_IN_ISOLATION) and
 * isolationModeTotalDebt + amount ≤ debtCeiling (DEBT_CEILING_EXCEEDED), checked before the
 * collateral covers the borrow. Numbers from aave-dao/aave-v3-origin tests/protocol/pool/Pool.Borrow.t.sol:
 * setDebtCeiling(wbtc, 10_000_00) (10,000.00 USD, 2 decimals), 0.5 WBTC supplied; a 100 USDX borrow
 * passes (IsolationModeTotalDebtUpdated(wbtc, 100_00)), 10,001 USDX reverts DEBT_CEILING_EXCEEDED,
 * and without setBorrowableInIsolation(usdx) 100 USDX reverts ASSET_NOT_BORROWABLE_IN_ISOLATION.
 * The WBTC price here (60,000) is ours: large enough that the collateral is not what binds.
 */
const fixed0 = { type: 'fixed' as const, supplyApr: '0', borrowApr: '0' };
const market = (usdx: Record<string, unknown> = { borrowableInIsolation: true }, wbtc = {}) => ({
  id: 'aave',
  kind: 'lending' as const,
  protocol: 'aave-v3',
  chain: 'ethereum',
  assets: {
    WBTC: {
      ltv: '0.73',
      liquidationThreshold: '0.78',
      liquidationBonus: '0.05',
      rates: fixed0,
      debtCeiling: '10000',
      ...wbtc,
    },
    USDX: {
      ltv: '0.75',
      liquidationThreshold: '0.78',
      liquidationBonus: '0.05',
      rates: fixed0,
      ...usdx,
    },
    WETH: { ltv: '0.8', liquidationThreshold: '0.825', liquidationBonus: '0.05', rates: fixed0 },
  },
});

function doc(
  steps: StrategyInput['steps'],
  m: ReturnType<typeof market> = market(),
  capital: StrategyInput['capital'] = [{ asset: 'WBTC', amount: '0.5' }],
): StrategyInput {
  return {
    format: 'yieldplan.strategy',
    version: 2,
    name: 'isolation',
    horizonDays: 30,
    capital,
    prices: { WBTC: '60000', USDX: '1', WETH: '2000' },
    markets: [m],
    steps,
  };
}
const supply = (asset: string, id = 's') => ({
  id,
  type: 'supply' as const,
  market: 'aave',
  asset,
  amount: 'all' as const,
});
const borrow = (asset: string, value: string, id = 'b') => ({
  id,
  type: 'borrow' as const,
  market: 'aave',
  asset,
  amount: { mode: 'amount' as const, value },
});
const codes = (input: StrategyInput) => evaluate(input).errors.map((e) => e.code);

describe('Aave v3 isolation mode debt ceilings', () => {
  it('100 USDX against 0.5 isolated WBTC passes; 10,001 exceeds the 10,000 ceiling', () => {
    expect(codes(doc([supply('WBTC'), borrow('USDX', '100')]))).toEqual([]);
    expect(codes(doc([supply('WBTC'), borrow('USDX', '10001')]))).toEqual([
      'DEBT_CEILING_EXCEEDED',
    ]);
    expect(codes(doc([supply('WBTC'), borrow('USDX', '10000')]))).toEqual([]);
  });

  it('the market-wide debt already against the ceiling counts: 9,950 used leaves 50', () => {
    const m = market(undefined, { isolationModeTotalDebt: '9950' });
    expect(codes(doc([supply('WBTC'), borrow('USDX', '50')], m))).toEqual([]);
    expect(codes(doc([supply('WBTC'), borrow('USDX', '50.01')], m))).toEqual([
      'DEBT_CEILING_EXCEEDED',
    ]);
    // two borrows add up: 30 then 30 is 60 > 50
    expect(
      codes(doc([supply('WBTC'), borrow('USDX', '30'), borrow('USDX', '30', 'b2')], m)),
    ).toEqual(['DEBT_CEILING_EXCEEDED']);
  });

  it('an asset not borrowable in isolation is refused with its own code', () => {
    expect(codes(doc([supply('WBTC'), borrow('USDX', '100')], market({})))).toEqual([
      'ASSET_NOT_BORROWABLE_IN_ISOLATION',
    ]);
    expect(codes(doc([supply('WBTC'), borrow('WETH', '0.01')]))).toEqual([
      'ASSET_NOT_BORROWABLE_IN_ISOLATION',
    ]);
  });

  it('an isolated asset is collateral only alone; beside other collateral it is supplied without collateral use', () => {
    const r = evaluate(
      doc([supply('WETH', 's1'), supply('WBTC', 's2'), borrow('WETH', '1')], market(), [
        { asset: 'WETH', amount: '10' },
        { asset: 'WBTC', amount: '0.5' },
      ]),
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toContain('ISOLATED_COLLATERAL_ALONE');
    // not in isolation mode (WETH is the collateral), so WETH may be borrowed, and HF counts WETH only:
    // 10 · 2000 · 0.825 / (1 · 2000) = 8.25
    expect(r.healthFactor.overall).toBe('8.25');
  });

  it('the kernel does not re-leverage past the ceiling', () => {
    const input = doc([supply('WBTC'), borrow('USDX', '9000')]);
    const r = ok(
      runBacktest({
        strategy: parsed(input),
        prices: { WBTC: flat(30, 60000), USDX: flat(30), WETH: flat(30, 2000) },
        from: '2024-01-01',
        to: '2024-01-30',
        options: {
          automation: { releverage: { triggerHealthFactor: 1.5, targetHealthFactor: 1.2 } },
        },
      }),
    );
    // HF 30,000 · 0.78 / 9,000 = 2.6: re-leverage to 1.2 would borrow ~30,000 USDX more; the
    // 10,000 ceiling leaves 1,000, borrowed once, and nothing after
    const borrowed = r.events
      .filter((e) => e.type === 'releverage')
      .reduce((sum, e) => sum + Number((e as { debtAmount: string }).debtAmount), 0);
    expect(borrowed).toBeCloseTo(1000, 6);
  });
});

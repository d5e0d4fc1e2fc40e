import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src-main/engine/decimal';
import type { StrategyInput } from '../../../src-main/engine/format/schema';
import {
  effectiveLimits,
  evaluateWithLimits,
  type LimitBreach,
  type LimitKey,
  type StrategyLimits,
} from '../../../src-main/engine/limits';
import { borrowUsdc, strategy, supplyAll } from '../helpers';

/**
 * Hand-worked: 10 WETH at $2000 supplied (C = $20,000, LT 0.825 so W = $16,500), D USDC borrowed
 * and left in the wallet. HF = 16500 / D, LTV = D / 20000, equity E = 20000, gross long G = 20000 + D,
 * leverage = G / E; the lending account holds C − D of the equity.
 */
function loan(
  debt: string,
  extra: Partial<StrategyInput> = {},
  steps: StrategyInput['steps'] = [],
) {
  return strategy({ steps: [supplyAll(), borrowUsdc(debt), ...steps], ...extra });
}

function breaches(doc: StrategyInput, limits: StrategyLimits, key: LimitKey): LimitBreach[] {
  const result = evaluateWithLimits(doc, effectiveLimits(undefined, limits));
  expect(result.errors).toEqual([]);
  return result.limits.breaches.filter((b) => b.limit === key);
}

const repay = (units: string) => ({
  id: 'fix',
  type: 'repay' as const,
  market: 'lend',
  asset: 'USDC',
  amount: units,
});

describe('minimum health factor', () => {
  const limits = { minHealthFactor: '1.5' };

  it('is kept exactly at the limit (HF = 16500 / 11000 = 1.5) and just inside (D = 10999)', () => {
    expect(breaches(loan('11000'), limits, 'minHealthFactor')).toEqual([]);
    expect(breaches(loan('10999'), limits, 'minHealthFactor')).toEqual([]);
  });

  it('is breached just outside (D = 11001): figure, limit, market, the borrow step and two fixes', () => {
    const [breach, ...rest] = breaches(loan('11001'), limits, 'minHealthFactor');
    expect(rest).toEqual([]);
    expect(breach).toMatchObject({
      analysis: 'evaluation',
      threshold: '1.5',
      source: 'strategy',
      marketId: 'lend',
      protocol: 'aave-v3',
      stepIds: ['b'],
    });
    expect(new Decimal(breach!.figure).toSignificantDigits(12).toFixed()).toBe(
      new Decimal(16500).div(11001).toSignificantDigits(12).toFixed(),
    );
    // Collateral: D·(min − HF)/LT = (1.5·11001 − 16500)/0.825 = $1.8181… = 0.000909090… WETH → 0.000909091.
    // Repay: D − W/min = 11001 − 11000 = 1 USDC.
    expect(breach!.fixes.map((f) => [f.kind, f.asset, f.units])).toEqual([
      ['add-collateral', 'WETH', '0.000909091'],
      ['repay-debt', 'USDC', '1'],
    ]);
  });

  it('each suggested fix, applied to the chain, clears the breach (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5_000, max: 16_000 }),
        fc.integer({ min: 1_010, max: 3_000 }),
        (debtUnits, minMillis) => {
          const debt = String(debtUnits);
          const min = new Decimal(minMillis).div(1000).toFixed();
          const found = breaches(loan(debt), { minHealthFactor: min }, 'minHealthFactor');
          if (new Decimal(16500).div(debt).greaterThanOrEqualTo(min)) {
            expect(found).toEqual([]);
            return;
          }
          const fixes = found[0]!.fixes;
          const add = fixes.find((f) => f.kind === 'add-collateral')!;
          const pay = fixes.find((f) => f.kind === 'repay-debt')!;
          const moreCollateral = loan(debt, {
            capital: [{ asset: 'WETH', amount: new Decimal(10).plus(add.units!).toFixed() }],
          });
          expect(breaches(moreCollateral, { minHealthFactor: min }, 'minHealthFactor')).toEqual([]);
          const repaid = loan(debt, {}, [repay(pay.units!)]);
          expect(breaches(repaid, { minHealthFactor: min }, 'minHealthFactor')).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('maximum leverage', () => {
  const limits = { maxLeverage: '1.5' };

  it('is kept at the limit (G = 30000, E = 20000) and just inside', () => {
    expect(breaches(loan('10000'), limits, 'maxLeverage')).toEqual([]);
    expect(breaches(loan('9999'), limits, 'maxLeverage')).toEqual([]);
  });

  it('is breached just outside (D = 10001, leverage 1.50005) with the loop-free borrow step responsible', () => {
    const [breach] = breaches(loan('10001'), limits, 'maxLeverage');
    expect(breach).toMatchObject({ figure: '1.50005', threshold: '1.5', stepIds: ['b'] });
    // New money: G/max − E = 30001/1.5 − 20000 = 0.6666…; selling collateral (here: the idle USDC): G − max·E = 1.
    expect(breach!.fixes.map((f) => [f.kind, f.units])).toEqual([
      ['repay-debt', '0.666667'],
      ['deleverage', '1'],
    ]);
  });

  it('the fixes applied clear it: repaying 1 USDC from the wallet, or 0.666667 USDC of new money', () => {
    expect(breaches(loan('10001', {}, [repay('1')]), limits, 'maxLeverage')).toEqual([]);
    const newMoney = loan(
      '10001',
      {
        capital: [
          { asset: 'WETH', amount: '10' },
          { asset: 'USDC', amount: '0.666667' },
        ],
      },
      [repay('0.666667')],
    );
    // The supply takes all WETH only; the extra USDC repays.
    expect(breaches(newMoney, limits, 'maxLeverage')).toEqual([]);
  });
});

describe('maximum LTV', () => {
  const limits = { maxLtv: '0.55' };

  it('is kept at the limit (11000 / 20000) and just inside; breached just outside', () => {
    expect(breaches(loan('11000'), limits, 'maxLtv')).toEqual([]);
    expect(breaches(loan('10999'), limits, 'maxLtv')).toEqual([]);
    const [breach] = breaches(loan('11001'), limits, 'maxLtv');
    expect(breach).toMatchObject({ figure: '0.55005', marketId: 'lend', stepIds: ['b'] });
    // Repay D − max·C = 1; sell collateral to repay (D − max·C)/(1 − max) = 1/0.45 = 2.2222… → 2.22223.
    expect(breach!.fixes.map((f) => [f.kind, f.units])).toEqual([
      ['repay-debt', '1'],
      ['deleverage', '2.22223'],
    ]);
    expect(breaches(loan('11001', {}, [repay('1')]), limits, 'maxLtv')).toEqual([]);
  });
});

describe('maximum share of equity per protocol', () => {
  it('counts the lending account at collateral − debt: 8999 / 20000 = 0.44995', () => {
    expect(breaches(loan('11001'), { maxProtocolShare: '0.44995' }, 'maxProtocolShare')).toEqual(
      [],
    );
    const [breach] = breaches(loan('11001'), { maxProtocolShare: '0.4' }, 'maxProtocolShare');
    expect(breach).toMatchObject({
      figure: '0.44995',
      protocol: 'aave-v3',
      marketId: 'lend',
      stepIds: ['supply', 'b'],
    });
    // Move out V − max·E = 8999 − 8000 = $999.
    expect(breach!.fixes).toMatchObject([{ kind: 'move-out', usd: '999' }]);
  });
});

describe('effective limits', () => {
  it('takes the draft value per key, else the global one, and says which', () => {
    expect(
      effectiveLimits(
        { minHealthFactor: '1.3', maxLtv: '0.6' },
        { minHealthFactor: '1.8', maxLeverage: '3' },
      ),
    ).toEqual({
      minHealthFactor: { value: '1.8', source: 'strategy' },
      maxLeverage: { value: '3', source: 'strategy' },
      maxLtv: { value: '0.6', source: 'settings' },
    });
    expect(effectiveLimits(undefined, undefined)).toEqual({});
  });

  it('an evaluation without limits has no breaches', () => {
    expect(evaluateWithLimits(loan('15000'), {}).limits.breaches).toEqual([]);
  });
});

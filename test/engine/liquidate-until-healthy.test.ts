import { describe, expect, it } from 'vitest';
import { buildPosition } from '../../src-main/engine/build-position';
import { liquidateUntilHealthy } from '../../src-main/engine/lending/liquidate-until-healthy';
import { borrowUsdc, D, lendingMarket, parsed, strategy, supplyAll } from './helpers';

/** 10 WETH (LT 0.825, bonus 5 %) against 12,000 USDC; `extra` on the market (rule overrides). */
function account(extra: Record<string, unknown> = {}) {
  const built = buildPosition({
    strategy: parsed(
      strategy({
        steps: [supplyAll(), borrowUsdc('12000')],
        markets: [
          lendingMarket(
            { WETH: { ltv: '0.8', lt: '0.825' }, USDC: { ltv: '0.75', lt: '0.78' } },
            extra,
          ),
        ],
      }),
    ),
  });
  expect(built.errors).toEqual([]);
  return built.position.lending.get('lend')!;
}

const at1400 = new Map([
  ['WETH', D(1400)],
  ['USDC', D(1)],
]);

describe('liquidateUntilHealthy (Aave v3: liquidationCall while HF < 1)', () => {
  it('one call of half the debt lifts the account over 1, then the liquidators stop', () => {
    // WETH $1,400: HF = 10·1400·0.825 / 12,000 = 0.9625 (> 0.95: 50 %): repay 6,000 USDC, seize
    // 6,000·1.05 / 1400 = 4.5 WETH; HF = 5.5·1400·0.825 / 6,000 = 1.05875, stop
    const before = account();
    const r = liquidateUntilHealthy({ account: before, prices: at1400 });
    expect(r.calls).toBe(1);
    expect(r.refusal).toBeNull();
    expect(r.account.debts.get('USDC')!.toFixed()).toBe('6000');
    expect(r.account.supplies.get('WETH')!.amount.toFixed()).toBe('5.5');
    expect(r.healthFactorAfter.toFixed()).toBe('1.05875');
    expect(before.debts.get('USDC')!.toFixed()).toBe('12000'); // the input is not changed
  });

  it('a refused call ends the loop with the account as it stands and the refusal', () => {
    // minLeftoverUsd 13,000: a partial call must leave 13,000 of debt, more than the 12,000 owed,
    // so no amount passes (MUST_NOT_LEAVE_DUST) and the account stays under 1
    const r = liquidateUntilHealthy({
      account: account({ minLeftoverUsd: '13000' }),
      prices: at1400,
    });
    expect(r.calls).toBe(0);
    expect(r.refusal).toBe('MUST_NOT_LEAVE_DUST');
    expect(r.account.debts.get('USDC')!.toFixed()).toBe('12000');
    expect(r.healthFactorAfter.toFixed()).toBe('0.9625');
  });

  it('a healthy account is left alone', () => {
    const r = liquidateUntilHealthy({
      account: account(),
      prices: new Map([
        ['WETH', D(2000)],
        ['USDC', D(1)],
      ]),
    });
    expect(r.calls).toBe(0);
    expect(r.account.debts.get('USDC')!.toFixed()).toBe('12000');
  });
});

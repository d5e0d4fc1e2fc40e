import { describe, expect, it } from 'vitest';
import { liquidationCall } from '../../src-main/engine/lending/liquidation';
import type { LendingMarket } from '../../src-main/engine/format/schema';
import type { LendingAccount, PriceMap } from '../../src-main/engine/position';
import { evaluate } from '../../src-main/engine/evaluate';
import { D, borrowUsdc, expectClose, lendingMarket, parsed, strategy, supplyAll } from './helpers';

/**
 * Aave v3.3 liquidation rules, worked by hand from aave-dao/aave-v3-origin
 * src/contracts/protocol/libraries/logic/LiquidationLogic.sol (executeLiquidationCall):
 *   DEFAULT_LIQUIDATION_CLOSE_FACTOR = 0.5e4           50 % of the account's TOTAL debt (base currency)
 *   CLOSE_FACTOR_HF_THRESHOLD = 0.95e18                 HF ≤ 0.95 (inclusive): the whole reserve debt
 *   MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD = 2000e8        collateral or debt reserve < $2,000: the whole reserve debt
 *   MIN_LEFTOVER_BASE = MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD / 2 = $1,000   else MUST_NOT_LEAVE_DUST
 *   hasNoCollateralLeft → _burnBadDebt: the remaining debt becomes the reserve's deficit.
 */

function market(extra: Record<string, unknown> = {}): LendingMarket {
  return parsed(
    strategy({
      markets: [
        lendingMarket(
          {
            WETH: { ltv: '0.8', lt: '0.825', bonus: '0.05' },
            WSTETH: { ltv: '0.785', lt: '0.81', bonus: '0.06' },
            USDC: { ltv: '0.75', lt: '0.78', bonus: '0.045' },
          },
          extra,
        ),
      ],
      steps: [],
    }),
  ).markets[0] as LendingMarket;
}

const ethCorrelated = {
  eMode: {
    label: 'ETH correlated',
    assets: ['WETH', 'WSTETH'],
    ltv: '0.93',
    liquidationThreshold: '0.95',
    liquidationBonus: '0.01',
  },
};

function account(
  m: LendingMarket,
  supplies: Record<string, string>,
  debts: Record<string, string>,
): LendingAccount {
  return {
    marketId: m.id,
    market: m,
    supplies: new Map(
      Object.entries(supplies).map(([asset, amount]) => [
        asset,
        { asset, amount: D(amount), collateral: true },
      ]),
    ),
    debts: new Map(Object.entries(debts).map(([asset, amount]) => [asset, D(amount)])),
  };
}

const prices: PriceMap = new Map([
  ['WETH', D(2000)],
  ['WSTETH', D(2400)],
  ['USDC', D(1)],
]);

describe('Aave v3.3 close factor (LiquidationLogic.executeLiquidationCall)', () => {
  it('caps at 50 % of the TOTAL debt, not of the reserve (v3.3), and lets a small reserve go whole', () => {
    // 10 WETH · 2000 · 0.825 = 16500 against 12000 USDC + 2.4 WETH (4800): total 16800, HF 0.98214
    const a = account(market(), { WETH: '10' }, { USDC: '12000', WETH: '2.4' });
    const usdc = liquidationCall({
      account: a,
      prices,
      debtAsset: 'USDC',
      collateralAsset: 'WETH',
    });
    // USDC reserve 12000 > 50 % · 16800 = 8400 ⇒ at most 8400 USDC (v3.2 allowed 50 % of 12000 = 6000)
    expect(usdc.closeFactor.toFixed()).toBe('0.5');
    expect(usdc.debtRepaid.toFixed()).toBe('8400');
    expect(usdc.collateralSeized.toFixed()).toBe('4.41'); // 8400 · 1.05 / 2000
    // the WETH reserve, 4800 ≤ 8400, may be repaid whole: 2.4 WETH, seizing 2.4 · 1.05 = 2.52 WETH
    const weth = liquidationCall({
      account: a,
      prices,
      debtAsset: 'WETH',
      collateralAsset: 'WETH',
    });
    expect(weth.debtRepaid.toFixed()).toBe('2.4');
    expect(weth.collateralSeized.toFixed()).toBe('2.52');
  });

  it('at HF exactly 0.95 the whole debt is liquidatable ("below (inclusive)")', () => {
    // debt 16500 / 0.95 = 17368.42… USDC against 16500 of LT-weighted WETH: HF = 0.95
    const debt = D(16500).div('0.95');
    const a = account(market(), { WETH: '10' }, { USDC: debt.toFixed() });
    const r = liquidationCall({ account: a, prices, debtAsset: 'USDC', collateralAsset: 'WETH' });
    expect(r.closeFactor.toFixed()).toBe('1');
    expect(r.fullBecause).toBe('HEALTH_FACTOR');
    expectClose(r.debtRepaid, debt);
    expectClose(r.collateralSeized, debt.times('1.05').div(2000)); // 9.1184… WETH of 10
  });

  it('a debt reserve under $2,000 is liquidated whole at HF 0.995 (MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD)', () => {
    // 1.2 WETH = 2400 USD (LT-weighted 1980) against 1990 USDC: HF 0.99497 > 0.95, debt < 2000
    const a = account(market(), { WETH: '1.2' }, { USDC: '1990' });
    const r = liquidationCall({ account: a, prices, debtAsset: 'USDC', collateralAsset: 'WETH' });
    expect(r.fullBecause).toBe('SMALL_POSITION');
    expect(r.debtRepaid.toFixed()).toBe('1990');
    expect(r.collateralSeized.toFixed()).toBe('1.04475'); // 1990 · 1.05 / 2000
    expect(r.account.supplies.get('WETH')?.amount.toFixed()).toBe('0.15525');
    // the v3.0–v3.2 rule ("0" threshold) takes half
    const old = liquidationCall({
      account: account(market({ fullLiquidationBelowUsd: '0' }), { WETH: '1.2' }, { USDC: '1990' }),
      prices,
      debtAsset: 'USDC',
      collateralAsset: 'WETH',
    });
    expect(old.debtRepaid.toFixed()).toBe('995');
  });

  it('at 2,000 USD of debt the close factor applies again (≥ threshold)', () => {
    // 1.25 WETH = 2500 (LT-weighted 2062.5) against 2080 USDC: HF 0.99159, both reserves ≥ 2000
    const r = liquidationCall({
      account: account(market(), { WETH: '1.25' }, { USDC: '2080' }),
      prices,
      debtAsset: 'USDC',
      collateralAsset: 'WETH',
    });
    expect(r.closeFactor.toFixed()).toBe('0.5');
    expect(r.debtRepaid.toFixed()).toBe('1040');
  });
});

describe('Aave v3.3 dust rule (MIN_LEFTOVER_BASE = $1,000, MUST_NOT_LEAVE_DUST)', () => {
  // e-mode (LT 0.95, bonus 1 %): 0.8375 WSTETH = 2010 USD against 1.0025 WETH = 2005 USD;
  // HF = 2010 · 0.95 / 2005 = 0.95237 > 0.95 and both reserves ≥ 2000 ⇒ 50 %: 1002.5 USD of debt,
  // seizing 1002.5 · 1.01 = 1012.525 USD, which would leave 997.475 < 1000 of collateral
  const a = () => account(market(ethCorrelated), { WSTETH: '0.8375' }, { WETH: '1.0025' });

  it('refuses the call that would leave dust, as the contract reverts', () => {
    const r = liquidationCall({
      account: a(),
      prices,
      debtAsset: 'WETH',
      collateralAsset: 'WSTETH',
      debtToCover: D('0.50125'),
    });
    expect(r.liquidated).toBe(false);
    expect(r.refusal).toBe('MUST_NOT_LEAVE_DUST');
  });

  it('the liquidator repays the most that leaves $1,000 of both: min(2005 − 1000, (2010 − 1000)/1.01) = 1000 USD', () => {
    const r = liquidationCall({
      account: a(),
      prices,
      debtAsset: 'WETH',
      collateralAsset: 'WSTETH',
    });
    expect(r.liquidated).toBe(true);
    expect(r.cutForDust).toBe(true);
    expectClose(r.debtRepaid, D('0.5')); // 1000 USD of WETH at 2000
    expectClose(r.collateralSeized, D(1010).div(2400)); // 1010 USD of WSTETH
    expectClose(r.account.supplies.get('WSTETH')!.amount.times(2400), D(1000));
    expectClose(r.account.debts.get('WETH')!.times(2000), D(1005));
  });

  it('no cut when the rule is off (minLeftoverUsd "0")', () => {
    const m = market({ ...ethCorrelated, minLeftoverUsd: '0' });
    const r = liquidationCall({
      account: account(m, { WSTETH: '0.8375' }, { WETH: '1.0025' }),
      prices,
      debtAsset: 'WETH',
      collateralAsset: 'WSTETH',
    });
    expectClose(r.debtRepaid, D('0.50125'));
    expect(r.cutForDust).toBe(false);
  });
});

describe('evaluate says when a liquidation would take a whole reserve (v3.3, $2,000)', () => {
  const doc = (capital: string, debt: string, extra: Record<string, unknown> = {}) =>
    strategy({
      capital: [{ asset: 'WETH', amount: capital }],
      markets: [
        lendingMarket(
          { WETH: { ltv: '0.8', lt: '0.825' }, USDC: { ltv: '0.75', lt: '0.78' } },
          extra,
        ),
      ],
      steps: [supplyAll(), borrowUsdc(debt)],
    });
  const codes = (input: ReturnType<typeof doc>) => evaluate(input).warnings.map((w) => w.code);

  it('1 WETH (2,000 USD) against 1,500 USDC: the USDC debt is under 2,000', () => {
    const r = evaluate(doc('1', '1500'));
    const w = r.warnings.find((x) => x.code === 'LIQUIDATION_WOULD_BE_FULL');
    expect(w?.message).toContain('USDC debt');
    expect(w?.message).not.toContain('WETH collateral'); // 2,000 is not under 2,000
  });

  it('10 WETH against 8,000 USDC: no warning; none either with the rule off', () => {
    expect(codes(doc('10', '8000'))).not.toContain('LIQUIDATION_WOULD_BE_FULL');
    expect(codes(doc('1', '1500', { fullLiquidationBelowUsd: '0' }))).not.toContain(
      'LIQUIDATION_WOULD_BE_FULL',
    );
  });
});

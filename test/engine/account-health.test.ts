import { describe, expect, it } from 'vitest';
import { accountHealth } from '../../src-main/engine/lending/account-health';
import { liquidationCall } from '../../src-main/engine/lending/liquidation';
import type { LendingAccount, PriceMap } from '../../src-main/engine/position';
import type { LendingMarket } from '../../src-main/engine/format/schema';
import { D, expectClose, lendingMarket, parsed, strategy } from './helpers';

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

/** Aave v3 Ethereum "ETH correlated" e-mode: LTV 93%, LT 95%, bonus 1% (AIP 2024-01-21). */
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

describe('accountHealth (Aave v3 GenericLogic.calculateUserAccountData)', () => {
  it('matches the health factor definition HF = Σ collateral·price·LT / Σ debt·price', () => {
    // Hand computation: 10 WETH · 2000 · 0.825 = 16500 and 5000 USDC · 0.78 = 3900 ⇒ 20400 / 12000 = 1.7
    const a = account(market(), { WETH: '10', USDC: '5000' }, { USDC: '12000' });
    const h = accountHealth({ account: a, prices });
    expect(h.collateralUsd.toFixed()).toBe('25000');
    expect(h.liquidationThresholdUsd.toFixed()).toBe('20400');
    expect(h.healthFactor.toFixed()).toBe('1.7');
    // borrow power 20000·0.8 + 5000·0.75 = 19750; LTV = 12000/25000
    expect(h.borrowPowerUsd.toFixed()).toBe('19750');
    expect(h.availableBorrowUsd.toFixed()).toBe('7750');
    expect(h.ltv.toFixed()).toBe('0.48');
  });

  it('has an infinite health factor and zero LTV without debt (no sentinel numbers)', () => {
    const h = accountHealth({ account: account(market(), { WETH: '1' }, {}), prices });
    expect(h.healthFactor.isFinite()).toBe(false);
    expect(h.healthFactor.greaterThan(0)).toBe(true);
    expect(h.ltv.toFixed()).toBe('0');
  });

  it('uses e-mode LTV/LT for assets in the active category', () => {
    // Aave v3 Ethereum "ETH correlated" e-mode: LTV 93%, LT 95%, bonus 1% (AIP 2024-01-21).
    const m = market(ethCorrelated);
    const h = accountHealth({ account: account(m, { WSTETH: '10' }, { WETH: '10' }), prices });
    // 10·2400·0.95 / (10·2000) = 22800 / 20000 = 1.14
    expect(h.healthFactor.toFixed()).toBe('1.14');
    expect(h.borrowPowerUsd.toFixed()).toBe('22320');
  });

  it('ignores supplies not used as collateral', () => {
    const a = account(market(), { WETH: '10' }, { USDC: '1000' });
    (a.supplies.get('WETH') as { collateral: boolean }).collateral = false;
    const h = accountHealth({ account: a, prices });
    expect(h.collateralUsd.toFixed()).toBe('0');
    expect(h.suppliedUsd.toFixed()).toBe('20000');
    expect(h.healthFactor.toFixed()).toBe('0');
  });
});

describe('liquidationCall (Aave v3 LiquidationLogic)', () => {
  it('refuses a healthy account', () => {
    const r = liquidationCall({
      account: account(market(), { WETH: '10' }, { USDC: '1000' }),
      prices,
      debtAsset: 'USDC',
      collateralAsset: 'WETH',
    });
    expect(r.liquidated).toBe(false);
    expect(r.refusal).toBe('HEALTHY');
  });

  it('repays 50% of the debt when 0.95 ≤ HF < 1 and seizes debt·(1+bonus) of collateral', () => {
    // 10 WETH at 2000 (LT 0.825 ⇒ 16500) vs 16800 USDC: HF = 0.98214…
    const a = account(market(), { WETH: '10' }, { USDC: '16800' });
    const r = liquidationCall({ account: a, prices, debtAsset: 'USDC', collateralAsset: 'WETH' });
    expect(r.closeFactor.toFixed()).toBe('0.5');
    expect(r.debtRepaid.toFixed()).toBe('8400');
    // 8400 · 1.05 / 2000 = 4.41 WETH; bonus = 4.41·2000 − 8400 = 420 USD
    expect(r.collateralSeized.toFixed()).toBe('4.41');
    expect(r.bonusUsd.toFixed()).toBe('420');
    expect(r.account.debts.get('USDC')?.toFixed()).toBe('8400');
    expect(r.account.supplies.get('WETH')?.amount.toFixed()).toBe('5.59');
    // The input account is not modified.
    expect(a.debts.get('USDC')?.toFixed()).toBe('16800');
    // HF after: 5.59·2000·0.825 / 8400 = 9223.5 / 8400
    expectClose(r.healthFactorAfter, D('9223.5').div(8400));
  });

  it('repays 100% below HF 0.95 and caps the seizure at the collateral balance', () => {
    // 10 WETH (16500 LT-weighted) vs 19500 USDC: HF = 0.846 < 0.95 ⇒ close factor 1.
    // Needed collateral 19500·1.05/2000 = 10.2375 WETH > 10 ⇒ seize 10, repay 10·2000/1.05.
    const r = liquidationCall({
      account: account(market(), { WETH: '10' }, { USDC: '19500' }),
      prices,
      debtAsset: 'USDC',
      collateralAsset: 'WETH',
    });
    expect(r.closeFactor.toFixed()).toBe('1');
    expect(r.collateralSeized.toFixed()).toBe('10');
    expectClose(r.debtRepaid, D(20000).div('1.05'));
    // Aave v3.3 _burnBadDebt: no collateral left, so the 19500 − 19047.62 = 452.38 USDC left is
    // burned as the reserve's deficit and the account owes nothing
    expectClose(r.deficit.get('USDC'), D(19500).minus(D(20000).div('1.05')));
    expect(r.account.debts.get('USDC')?.toFixed()).toBe('0');
  });

  it('uses the e-mode bonus for collateral in the category', () => {
    const m = market(ethCorrelated);
    // 10 WSTETH·2400·0.95 = 22800 vs 23000 WETH-USD ⇒ HF 0.9913; repay 5.75 WETH, seize 5.75·2000·1.01/2400
    const r = liquidationCall({
      account: account(m, { WSTETH: '10' }, { WETH: '11.5' }),
      prices,
      debtAsset: 'WETH',
      collateralAsset: 'WSTETH',
    });
    expect(r.debtRepaid.toFixed()).toBe('5.75');
    expectClose(r.collateralSeized, D('5.75').times(2000).times('1.01').div(2400));
  });
});

import { describe, expect, it } from 'vitest';
import { buildPosition } from '../../src-main/engine/build-position';
import { accountOraclePrices } from '../../src-main/engine/chain/context';
import type { StrategyInput } from '../../src-main/engine/format/schema';
import { accountHealth } from '../../src-main/engine/lending/account-health';
import { pegsFromStrategy } from '../../src-main/engine/prices';
import { positionTotals } from '../../src-main/engine/valuation';
import { D, expectClose, parsed, strategy, supplyAll } from './helpers';

function build(input: StrategyInput) {
  return buildPosition({ strategy: parsed(input) });
}

function health(built: ReturnType<typeof build>) {
  const account = built.position.lending.get('lend');
  if (!account) throw new Error('no account');
  const pegs = pegsFromStrategy(built.strategy);
  return accountHealth({
    account,
    prices: accountOraclePrices({ prices: built.prices, position: built.position, pegs }, account),
  });
}

const borrow = (
  mode: 'amount' | 'capacityShare' | 'targetLtv' | 'targetHealthFactor',
  value: string,
) =>
  ({
    id: 'borrow',
    type: 'borrow',
    market: 'lend',
    asset: 'USDC',
    amount: { mode, value },
  }) as const;

describe('borrow modes hit their targets exactly', () => {
  // 10 WETH at 2000 = 20000 collateral; LTV 0.8 ⇒ borrow power 16000; LT 0.825 ⇒ 16500.
  it('amount: borrows the units asked for', () => {
    const b = build(strategy({ steps: [supplyAll(), borrow('amount', '5000')] }));
    expect(b.errors).toEqual([]);
    expect(health(b).debtUsd.toFixed()).toBe('5000');
    expect(b.position.wallet.get('USDC')?.toFixed()).toBe('5000');
  });

  it('capacityShare: a share of the remaining borrow power', () => {
    const b = build(
      strategy({
        steps: [
          supplyAll(),
          borrow('amount', '4000'),
          { ...borrow('capacityShare', '0.5'), id: 'b2' },
        ],
      }),
    );
    // remaining 16000 − 4000 = 12000, half is 6000 ⇒ debt 10000
    expect(health(b).debtUsd.toFixed()).toBe('10000');
  });

  it('targetLtv: debt/collateral after the borrow equals the target', () => {
    const b = build(strategy({ steps: [supplyAll(), borrow('targetLtv', '0.6123')] }));
    expectClose(health(b).ltv, '0.6123', '1e-35');
  });

  it('targetHealthFactor: HF after the borrow equals the target', () => {
    const b = build(strategy({ steps: [supplyAll(), borrow('targetHealthFactor', '1.37')] }));
    expectClose(health(b).healthFactor, '1.37', '1e-35');
    // 16500 / 1.37 of debt
    expectClose(health(b).debtUsd, D(16500).div('1.37'), '1e-35');
  });

  it('refuses targets beyond the LTV and health factors at or below 1', () => {
    const beyond = build(strategy({ steps: [supplyAll(), borrow('targetLtv', '0.81')] }));
    expect(beyond.errors).toMatchObject([
      { code: 'BORROW_BEYOND_LTV', stepId: 'borrow', field: 'amount.value' },
    ]);
    const low = build(strategy({ steps: [supplyAll(), borrow('targetHealthFactor', '1')] }));
    expect(low.errors).toMatchObject([
      { code: 'TARGET_HF_TOO_LOW', stepId: 'borrow', field: 'amount.value' },
    ]);
    // HF 1.01 needs debt 16336.6 > borrow power 16000
    const capacity = build(
      strategy({ steps: [supplyAll(), borrow('targetHealthFactor', '1.01')] }),
    );
    expect(capacity.errors).toMatchObject([{ code: 'BORROW_EXCEEDS_CAPACITY', stepId: 'borrow' }]);
  });
});

describe('swap fee and slippage accounting', () => {
  it('out = in·pIn/pOut·(1−fee)·(1−impact); value lost = fee + impact, recorded as step costs', () => {
    const b = build(
      strategy({
        capital: [{ asset: 'USDC', amount: '10000' }],
        steps: [
          {
            id: 'swap',
            type: 'swap',
            market: 'dex',
            from: 'USDC',
            to: 'WETH',
            amount: 'all',
            feeRate: '0.003',
            priceImpact: '0.002',
          },
        ],
      }),
    );
    // 10000 USDC → 5 WETH·0.997·0.998 = 4.97503 WETH; fee 30 USD, impact 9970·0.002 = 19.94 USD
    expect(b.position.wallet.get('WETH')?.toFixed()).toBe('4.97503');
    expect(b.steps[0]?.costsUsd).toBe('49.94');
    const totals = positionTotals({ position: b.position, prices: b.prices });
    expect(totals.equityUsd.toFixed()).toBe('9950.06');
  });
});

describe('loops', () => {
  const body = [
    {
      id: 'b',
      type: 'borrow' as const,
      market: 'lend',
      asset: 'USDC',
      amount: { mode: 'capacityShare' as const, value: '1' },
    },
    {
      id: 's',
      type: 'swap' as const,
      market: 'dex',
      from: 'USDC',
      to: 'WETH',
      amount: 'all' as const,
      feeRate: '0',
      priceImpact: '0',
    },
    { id: 'r', type: 'supply' as const, market: 'lend', asset: 'WETH', amount: 'all' as const },
  ];
  type LoopStep = Extract<StrategyInput['steps'][number], { type: 'loop' }>;

  /** Supplies the 10 WETH, then runs `body` (unless replaced) as loop step `loop`. */
  const looped = (loop: Pick<LoopStep, 'repeat' | 'flashLoan'> & { body?: typeof body }) =>
    build(strategy({ steps: [supplyAll(), { id: 'loop', type: 'loop', body, ...loop }] }));

  it('n full-capacity iterations give leverage Σ ltv^k → 1/(1−LTV) (geometric series)', () => {
    for (const n of [1, 5, 20, 60]) {
      const b = looped({ repeat: { mode: 'times', times: n } });
      // leverage after n iterations: (1 − 0.8^(n+1)) / (1 − 0.8)
      const expected = D(1)
        .minus(D('0.8').pow(n + 1))
        .div('0.2');
      expectClose(
        positionTotals({ position: b.position, prices: b.prices }).leverage,
        expected,
        '1e-30',
      );
    }
    const deep = looped({ repeat: { mode: 'times', times: 100 } });
    expectClose(
      positionTotals({ position: deep.position, prices: deep.prices }).leverage,
      5,
      '1e-9',
    );
  });

  it('untilLeverage stops exactly at the target', () => {
    const b = looped({ repeat: { mode: 'untilLeverage', targetLeverage: '3.7' } });
    expect(b.errors).toEqual([]);
    expectClose(
      positionTotals({ position: b.position, prices: b.prices }).leverage,
      '3.7',
      '1e-30',
    );
  });

  it('flash-loan mode reaches the target in one pass and pays the fee on the flash amount', () => {
    const b = looped({
      repeat: { mode: 'untilLeverage', targetLeverage: '4' },
      flashLoan: { feeRate: '0.0009' },
    });
    expect(b.errors).toEqual([]);
    // Closed form: F USD flash-borrowed and swapped at no cost; debt F·1.0009.
    // (20000 + F) / (20000 − 0.0009F) = 4 ⇒ F = 60000 / 1.0036
    const F = D(60000).div('1.0036');
    expectClose(health(b).debtUsd, F.times('1.0009'), '1e-30');
    expectClose(positionTotals({ position: b.position, prices: b.prices }).leverage, 4, '1e-30');
  });

  it('refuses a target at or beyond 1/(1−LTV) = 5 with LEVERAGE_BEYOND_MAX', () => {
    for (const target of ['5', '7']) {
      const b = looped({ repeat: { mode: 'untilLeverage', targetLeverage: target } });
      expect(b.errors).toMatchObject([
        { code: 'LEVERAGE_BEYOND_MAX', stepId: 'loop', field: 'repeat.targetLeverage' },
      ]);
    }
  });

  it('names the loop and the body field when a body step fails', () => {
    const bad = [
      { ...body[0], amount: { mode: 'amount' as const, value: '999999' } },
      body[1],
      body[2],
    ] as typeof body;
    const b = looped({ body: bad, repeat: { mode: 'times', times: 2 } });
    expect(b.errors).toMatchObject([
      { code: 'BORROW_EXCEEDS_CAPACITY', stepId: 'loop', field: 'body.0.amount' },
    ]);
  });
});

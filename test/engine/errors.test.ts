import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src-main/engine/evaluate';
import type { StrategyInput } from '../../src-main/engine/format/schema';
import { borrowUsdc, strategy, supplyAll } from './helpers';

/** Each user mistake yields its code, naming the step and field; evaluate never throws. */
function errorsOf(input: unknown) {
  const result = evaluate(input);
  return result.errors.map(({ code, stepId, field }) => ({ code, stepId, field }));
}

const cases: Array<
  [string, StrategyInput['steps'], { code: string; stepId?: string; field?: string }]
> = [
  [
    'borrow without collateral',
    [borrowUsdc('1')],
    { code: 'BORROW_NO_COLLATERAL', stepId: 'b', field: 'amount' },
  ],
  [
    'spending more than held',
    [{ id: 's', type: 'supply', market: 'lend', asset: 'WETH', amount: '11' }],
    { code: 'INSUFFICIENT_BALANCE', stepId: 's', field: 'amount' },
  ],
  [
    'negative amount',
    [{ id: 's', type: 'supply', market: 'lend', asset: 'WETH', amount: '-1' }],
    { code: 'NEGATIVE_AMOUNT', stepId: 's', field: 'amount' },
  ],
  [
    'LP of assets not held',
    [
      {
        id: 'lp',
        type: 'lp',
        market: 'dex',
        pool: { type: 'constant-product', assets: ['WETH', 'USDC'] },
        amounts: ['1', '2000'],
        feeApr: '0.1',
      },
    ],
    { code: 'INSUFFICIENT_BALANCE', stepId: 'lp', field: 'amounts.1' },
  ],
  [
    'unknown market',
    [{ id: 's', type: 'supply', market: 'nowhere', asset: 'WETH', amount: 'all' }],
    { code: 'UNKNOWN_MARKET', stepId: 's', field: 'market' },
  ],
  [
    'wrong market kind',
    [{ id: 's', type: 'supply', market: 'dex', asset: 'WETH', amount: 'all' }],
    { code: 'WRONG_MARKET_KIND', stepId: 's', field: 'market' },
  ],
  [
    'unknown asset',
    [{ id: 'sw', type: 'swap', from: 'WETH', to: 'NOPE', amount: '1' }],
    { code: 'UNKNOWN_ASSET', stepId: 'sw', field: 'to' },
  ],
  [
    'asset not listed by the market',
    [{ id: 's', type: 'supply', market: 'lend', asset: 'USDT', amount: 'all' }],
    { code: 'ASSET_NOT_IN_MARKET', stepId: 's', field: 'asset' },
  ],
  [
    'borrow beyond capacity',
    [supplyAll(), borrowUsdc('16000.01')],
    { code: 'BORROW_EXCEEDS_CAPACITY', stepId: 'b', field: 'amount' },
  ],
  [
    'repay without debt',
    [{ id: 'r', type: 'repay', market: 'lend', asset: 'USDC', amount: 'all' }],
    { code: 'REPAY_NO_DEBT', stepId: 'r', field: 'asset' },
  ],
  [
    'withdraw breaking health',
    [
      supplyAll(),
      borrowUsdc('15000'),
      { id: 'w', type: 'withdraw', market: 'lend', asset: 'WETH', amount: '2' },
    ],
    { code: 'WITHDRAW_BREAKS_HEALTH', stepId: 'w', field: 'amount' },
  ],
  [
    'swap into itself',
    [{ id: 'sw', type: 'swap', from: 'WETH', to: 'WETH', amount: '1' }],
    { code: 'SWAP_SAME_ASSET', stepId: 'sw', field: 'to' },
  ],
  [
    'inverted range',
    [
      {
        id: 'lp',
        type: 'lp',
        market: 'dex',
        pool: { type: 'concentrated', assets: ['WETH', 'USDC'], lower: '3000', upper: '1000' },
        amounts: ['1', '0'],
        feeApr: '0.1',
      },
    ],
    { code: 'RANGE_INVALID', stepId: 'lp', field: 'pool.lower' },
  ],
  [
    'stake of an unknown LP token',
    [
      {
        id: 'st',
        type: 'stake',
        market: 'farm',
        asset: 'LP:none',
        amount: 'all',
        rewardAsset: 'USDC',
        rewardApr: '0.1',
      },
    ],
    { code: 'UNKNOWN_ASSET', stepId: 'st', field: 'asset' },
  ],
  [
    'perp margin too small',
    [
      {
        id: 'p',
        type: 'perp',
        market: 'perps',
        asset: 'WETH',
        side: 'short',
        notionalUsd: '1000000',
        marginAsset: 'WETH',
        marginAmount: '1',
        fundingApr: '0.1',
        maintenanceMarginRate: '0.01',
      },
    ],
    { code: 'PERP_UNDER_MAINTENANCE', stepId: 'p', field: 'marginAmount' },
  ],
  [
    'harvest into a missing step',
    [
      {
        id: 'h',
        type: 'harvest',
        frequencyDays: '7',
        gasUsd: '5',
        sellInto: 'USDC',
        reinvestInto: 'ghost',
      },
    ],
    { code: 'UNKNOWN_STEP', stepId: 'h', field: 'reinvestInto' },
  ],
  [
    'share above 1',
    [{ id: 's', type: 'supply', market: 'lend', asset: 'WETH', amount: { share: '1.5' } }],
    { code: 'OUT_OF_RANGE', stepId: 's', field: 'amount.share' },
  ],
  [
    'zero perp notional',
    [
      {
        id: 'p',
        type: 'perp',
        market: 'perps',
        asset: 'WETH',
        side: 'long',
        notionalUsd: '0',
        marginAsset: 'WETH',
        marginAmount: '1',
        fundingApr: '0',
        maintenanceMarginRate: '0.01',
      },
    ],
    { code: 'ZERO_AMOUNT', stepId: 'p', field: 'notionalUsd' },
  ],
  [
    'flash-loan fee of 100%',
    [
      supplyAll(),
      {
        id: 'loop',
        type: 'loop',
        repeat: { mode: 'untilLeverage', targetLeverage: '2' },
        flashLoan: { feeRate: '1' },
        body: [borrowUsdc('0')],
      },
    ],
    { code: 'OUT_OF_RANGE', stepId: 'loop', field: 'flashLoan.feeRate' },
  ],
];

describe('errors name the step id and field', () => {
  it.each(cases)('%s', (_label, steps, expected) => {
    expect(errorsOf(strategy({ steps }))).toContainEqual(expect.objectContaining(expected));
  });

  it('a leverage target at 1/(1−LTV) is LEVERAGE_BEYOND_MAX', () => {
    const errors = errorsOf(
      strategy({
        steps: [
          supplyAll(),
          {
            id: 'loop',
            type: 'loop',
            repeat: { mode: 'untilLeverage', targetLeverage: '5' },
            body: [
              {
                id: 'b',
                type: 'borrow',
                market: 'lend',
                asset: 'USDC',
                amount: { mode: 'capacityShare', value: '0.9' },
              },
              { id: 's', type: 'swap', from: 'USDC', to: 'WETH', amount: 'all' },
              { id: 'r', type: 'supply', market: 'lend', asset: 'WETH', amount: 'all' },
            ],
          },
        ],
      }),
    );
    expect(errors).toEqual([
      { code: 'LEVERAGE_BEYOND_MAX', stepId: 'loop', field: 'repeat.targetLeverage' },
    ]);
  });

  it('e-mode only allows borrowing assets of its category', () => {
    const input = strategy({
      steps: [supplyAll(), borrowUsdc('1')],
    });
    const lend = input.markets[0] as Record<string, unknown>;
    lend.eMode = {
      label: 'ETH correlated',
      assets: ['WETH'],
      ltv: '0.93',
      liquidationThreshold: '0.95',
      liquidationBonus: '0.01',
    };
    expect(errorsOf(input)).toEqual([{ code: 'BORROW_NOT_IN_EMODE', stepId: 'b', field: 'asset' }]);
  });

  it('schema problems: non-numeric amounts and unknown step types name the step and field', () => {
    const input = strategy({ steps: [] }) as unknown as { steps: unknown[] };
    input.steps = [
      {
        id: 'bad-number',
        type: 'borrow',
        market: 'lend',
        asset: 'USDC',
        amount: { mode: 'amount', value: 'ten' },
      },
      { id: 'bad-type', type: 'teleport' },
    ];
    expect(errorsOf(input)).toEqual([
      { code: 'NOT_A_NUMBER', stepId: 'bad-number', field: 'amount.value' },
      { code: 'FIELD_INVALID', stepId: 'bad-type', field: 'type' },
    ]);
  });

  it('duplicate step ids and documents that are not strategies', () => {
    expect(
      errorsOf(strategy({ steps: [supplyAll('x'), { ...supplyAll('x'), amount: '0' }] })),
    ).toContainEqual({ code: 'DUPLICATE_STEP_ID', stepId: 'x', field: 'id' });
    expect(errorsOf(null)).toEqual([
      { code: 'NOT_A_STRATEGY', stepId: undefined, field: undefined },
    ]);
    expect(errorsOf({ format: 'other' })[0]?.code).toBe('FORMAT_UNKNOWN');
    expect(errorsOf({ format: 'yieldplan.strategy', version: 99 })[0]?.code).toBe(
      'VERSION_UNSUPPORTED',
    );
  });

  it('a failing step does not stop later independent steps', () => {
    const result = evaluate(
      strategy({
        capital: [
          { asset: 'WETH', amount: '10' },
          { asset: 'USDC', amount: '100' },
        ],
        steps: [
          { id: 'bad', type: 'supply', market: 'nowhere', asset: 'WETH', amount: 'all' },
          { id: 'good', type: 'supply', market: 'lend', asset: 'USDC', amount: 'all' },
        ],
      }),
    );
    expect(result.balances.map((b) => [b.stepId, b.ok])).toEqual([
      ['bad', false],
      ['good', true],
    ]);
    expect(result.collateralUsd).toBe('100');
  });
});

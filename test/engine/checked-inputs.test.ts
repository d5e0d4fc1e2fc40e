import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, evaluateStrategy } from '../../src-main/engine/evaluate';
import type { StrategyInput } from '../../src-main/engine/format/schema';
import { BacktestService, type HistorySource } from '../../src-main/services/backtest';
import { RiskService } from '../../src-main/services/risk';
import {
  MAX_PEG_DEPTH,
  pegsFromStrategy,
  priceMapFromStrategy,
  priceRoot,
} from '../../src-main/engine/prices';
import { simulate } from '../../src-main/risk/monte-carlo';
import { borrowUsdc, lendingMarket, parsed, strategy, supplyAll } from './helpers';

/** The protocol-impossible inputs: each refused everywhere with its own code, market/asset and field. */
type Case = [string, StrategyInput, { code: string; field: string; names: string[] }];

const withWeth = (p: { ltv: string; lt: string; bonus?: string }) =>
  strategy({
    steps: [supplyAll(), borrowUsdc('1000')],
    markets: [
      lendingMarket({
        WETH: p,
        USDC: { ltv: '0.75', lt: '0.78' },
      }),
    ],
  });

/** The WETH chain, with the strategy's own definition of a token it does not even use. */
const withToken = (assets: StrategyInput['assets']) => strategy({ steps: [supplyAll()], assets });

/** L1 → L2 → … → Ln → USD, one-to-one: L1's chain has n links, Lk's n + 1 − k. */
const pegChain = (n: number): StrategyInput['assets'] =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `L${i + 1}`,
      {
        kind: 'stable' as const,
        peg: { asset: i + 1 < n ? `L${i + 2}` : 'USD', kind: 'one-to-one' as const },
      },
    ]),
  );

const cases: Case[] = [
  [
    'LTV above the liquidation threshold',
    withWeth({ ltv: '0.85', lt: '0.825' }),
    {
      code: 'LTV_ABOVE_LIQUIDATION_THRESHOLD',
      field: 'markets.0.assets.WETH.ltv',
      names: ['lend', 'WETH'],
    },
  ],
  [
    'liquidation threshold above 1',
    withWeth({ ltv: '0.8', lt: '1.05', bonus: '0' }),
    {
      code: 'LIQUIDATION_THRESHOLD_ABOVE_ONE',
      field: 'markets.0.assets.WETH.liquidationThreshold',
      names: ['lend', 'WETH'],
    },
  ],
  [
    'threshold × (1 + bonus) above 1',
    // 0.97 × 1.05 = 1.0185: Aave's configurator refuses it (the bonus would seize more than exists)
    withWeth({ ltv: '0.9', lt: '0.97', bonus: '0.05' }),
    {
      code: 'LIQUIDATION_BONUS_TOO_HIGH',
      field: 'markets.0.assets.WETH.liquidationBonus',
      names: ['lend', 'WETH', '1.0185'],
    },
  ],
  [
    'e-mode category LTV above its threshold',
    strategy({
      steps: [supplyAll()],
      markets: [
        lendingMarket(
          { WETH: { ltv: '0.8', lt: '0.825' } },
          {
            eMode: {
              label: 'ETH correlated',
              assets: ['WETH'],
              ltv: '0.95',
              liquidationThreshold: '0.93',
              liquidationBonus: '0.01',
            },
          },
        ),
      ],
    }),
    {
      code: 'LTV_ABOVE_LIQUIDATION_THRESHOLD',
      field: 'markets.0.eMode.ltv',
      names: ['lend', 'ETH correlated'],
    },
  ],
  [
    'price 0',
    strategy({ steps: [supplyAll()], prices: { WETH: '0', USDC: '1' } }),
    { code: 'PRICE_ZERO', field: 'prices.WETH', names: ['WETH'] },
  ],
  [
    'negative price',
    strategy({ steps: [supplyAll()], prices: { WETH: '-2000', USDC: '1' } }),
    { code: 'PRICE_NEGATIVE', field: 'prices.WETH', names: ['WETH', '-2000'] },
  ],
  [
    'a token priced through an exchange rate without the rate',
    withToken({
      WSTETH: { kind: 'liquid-staking', peg: { asset: 'STETH', kind: 'exchange-rate' } },
    }),
    {
      code: 'PEG_RATE_MISSING',
      field: 'assets.WSTETH.peg.exchangeRate',
      names: ['WSTETH', 'STETH'],
    },
  ],
  [
    'an exchange rate of 0',
    withToken({
      WSTETH: {
        kind: 'liquid-staking',
        peg: { asset: 'STETH', kind: 'exchange-rate', exchangeRate: '0' },
      },
    }),
    { code: 'PEG_RATE_NOT_POSITIVE', field: 'assets.WSTETH.peg.exchangeRate', names: ['WSTETH'] },
  ],
  [
    'a token pegged to itself',
    withToken({ WSTETH: { kind: 'liquid-staking', peg: { asset: 'WSTETH', kind: 'one-to-one' } } }),
    { code: 'PEG_CYCLE', field: 'assets.WSTETH.peg.asset', names: ['WSTETH'] },
  ],
  [
    // the catalog pegs WSTETH to STETH: STETH → WSTETH here closes the circle
    'a peg chain that closes through the catalog',
    withToken({ STETH: { kind: 'liquid-staking', peg: { asset: 'WSTETH', kind: 'one-to-one' } } }),
    { code: 'PEG_CYCLE', field: 'assets.STETH.peg.asset', names: ['STETH', 'WSTETH'] },
  ],
  [
    // L1 → … → L9 → USD: 9 links, one more than MAX_PEG_DEPTH (L2's 8 are fine)
    'a peg chain longer than the engine follows',
    withToken(pegChain(MAX_PEG_DEPTH + 1)),
    { code: 'PEG_CHAIN_TOO_LONG', field: 'assets.L1.peg.asset', names: ['L1', 'L9', 'USD'] },
  ],
  [
    'price written as -0 (zero, not negative)',
    strategy({ steps: [supplyAll()], prices: { WETH: '-0', USDC: '1' } }),
    { code: 'PRICE_ZERO', field: 'prices.WETH', names: ['WETH'] },
  ],
];

/** Every path that sees an empty history still validates first. */
const noHistory: HistorySource = { closes: () => null, rates: () => null };

describe('impossible market parameters and prices are refused', () => {
  let risk: RiskService;
  beforeAll(() => {
    risk = new RiskService(noHistory, { threads: 1 });
  });
  afterAll(() => risk.close());

  it.each(cases)('%s', async (_label, input, expected) => {
    const check = (errors: Array<{ code: string; field?: string; message: string }>) => {
      const error = errors.find((e) => e.code === expected.code);
      expect(error, JSON.stringify(errors)).toBeDefined();
      expect(error!.field).toBe(expected.field);
      for (const name of expected.names) expect(error!.message).toContain(name);
      // the negative price is no longer mistaken for a missing one
      expect(errors.some((e) => e.code === 'PRICE_MISSING')).toBe(false);
    };
    const evaluation = evaluate(input);
    expect(evaluation.ok).toBe(false);
    expect(evaluation.equityUsd).toBeNull();
    check(evaluation.errors);

    const backtests = new BacktestService(noHistory);
    const bt = backtests.backtest({ strategy: input, from: '2024-01-01', to: '2024-02-01' });
    expect(bt.ok).toBe(false);
    if (!bt.ok) check(bt.errors);
    const sc = backtests.scenarios({ strategy: input });
    expect(sc.ok).toBe(false);
    if (!sc.ok) check(sc.errors);

    const stress = risk.stress({
      strategy: input,
      axes: [{ kind: 'price', asset: 'ETH', shocks: [-0.1] }],
    });
    expect(stress.ok).toBe(false);
    if (!stress.ok) check(stress.errors);
    const protocol = risk.protocol({ strategy: input });
    expect(protocol.ok).toBe(false);
    if (!protocol.ok) check(protocol.errors);

    const mc = await simulate({
      strategy: input,
      options: {
        model: 'gbm',
        paths: 8,
        seed: 1,
        gbm: { assets: { WETH: { driftAnnual: 0, volAnnual: 0.5 } } },
      },
      threads: 1,
    });
    expect(mc.ok).toBe(false);
    if (!mc.ok) check(mc.errors);
  });

  it('a peg chain of MAX_PEG_DEPTH links is followed to its root; one more is refused on that token alone', () => {
    expect(MAX_PEG_DEPTH).toBe(8);
    const atLimit = withToken(pegChain(MAX_PEG_DEPTH));
    expect(evaluate(atLimit).errors).toEqual([]);
    // the engine prices L1 through all 8 links: USD at 1
    expect(priceRoot({ asset: 'L1', pegs: pegsFromStrategy(parsed(atLimit)) })?.root).toBe('USD');
    expect(priceMapFromStrategy(parsed(atLimit)).get('L1')?.toFixed()).toBe('1');
    const over = withToken(pegChain(MAX_PEG_DEPTH + 1));
    expect(
      priceRoot({ asset: 'L1', pegs: pegsFromStrategy({ assets: over.assets ?? {} }) }),
    ).toBeNull();
    const codes = evaluate(over).errors.map((e) => [e.code, e.field]);
    expect(codes).toEqual([['PEG_CHAIN_TOO_LONG', 'assets.L1.peg.asset']]);
  });

  it('accepts the limits themselves: LTV = threshold, threshold × (1 + bonus) = 1', () => {
    const input = withWeth({ ltv: '0.8', lt: '0.8', bonus: '0.25' });
    expect(evaluate(input).errors).toEqual([]);
    expect(evaluateStrategy(parsed(input)).ok).toBe(true);
  });
});

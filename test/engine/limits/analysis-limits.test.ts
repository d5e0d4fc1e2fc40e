import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseStrategy } from '../../../src-main/engine/format/parse';
import { CURRENT_VERSION } from '../../../src-main/engine/format/schema';
import {
  backtestBreaches,
  chainRefsOfDocument,
  effectiveLimits,
  scenarioBreaches,
  simulationBreaches,
} from '../../../src-main/engine/limits';

const refs = { debtMarketIds: ['lend'], borrowBlocks: ['lever'] };
const limits = (l: Record<string, string>) => effectiveLimits({}, l);

describe('limits over the backtest, scenarios and Monte Carlo', () => {
  const backtest = (minHealthFactor: number, ltv: number[]) => ({
    stats: { minHealthFactor, minHealthFactorDate: '2022-06-18' },
    series: { date: ltv.map((_, i) => `2022-06-${10 + i}`), ltv },
  });

  it('backtest: the lowest health factor at, inside and outside the minimum', () => {
    const l = limits({ minHealthFactor: '1.3' });
    expect(backtestBreaches(backtest(1.3, [0.5]), l, refs)).toEqual([]);
    expect(backtestBreaches(backtest(1.3001, [0.5]), l, refs)).toEqual([]);
    expect(backtestBreaches(backtest(1.2999, [0.5]), l, refs)).toMatchObject([
      {
        limit: 'minHealthFactor',
        analysis: 'backtest',
        figure: '1.2999',
        threshold: '1.3',
        marketId: 'lend',
        stepIds: ['lever'],
        where: '2022-06-18',
      },
    ]);
  });

  it('backtest: the highest LTV of any day, naming the day', () => {
    const l = limits({ maxLtv: '0.7' });
    expect(backtestBreaches(backtest(2, [0.6, 0.7, 0.65]), l, refs)).toEqual([]);
    expect(backtestBreaches(backtest(2, [0.6, 0.7001, 0.65]), l, refs)).toMatchObject([
      { limit: 'maxLtv', figure: '0.7001', where: '2022-06-11' },
    ]);
  });

  it('scenarios: each replayed window whose lowest health factor is under the minimum', () => {
    const row = (id: string, minHealthFactor: number | null) => ({
      id,
      title: `The ${id} crash`,
      status: 'ok' as const,
      strategy: { minHealthFactor, minHealthFactorDate: '2020-03-12' },
    });
    const rows = [
      row('covid', 1.1),
      row('luna', 1.5),
      row('ftx', 1.25),
      row('none', null),
      { id: 'x', title: 'x', status: 'skipped' as const },
    ];
    const found = scenarioBreaches(rows, limits({ minHealthFactor: '1.25' }), refs);
    expect(found.map((b) => [b.where, b.figure])).toEqual([['covid', '1.1']]);
    expect(found[0]?.message).toBe(
      'in "The covid crash" the health factor falls to 1.1 on 2020-03-12, below the minimum 1.25',
    );
  });

  it('Monte Carlo: liquidation probability and the 99th-percentile loss, at and past the limit', () => {
    const sim = (probability: number, valueAtRisk: number) => ({
      liquidation: { probability },
      var99: { valueAtRisk },
      days: 365,
    });
    const l = limits({ maxLiquidationProbability: '0.05', maxLossP99: '0.4' });
    expect(simulationBreaches(sim(0.05, 0.4), l, refs)).toEqual([]);
    expect(simulationBreaches(sim(0.0499, 0.3999), l, refs)).toEqual([]);
    expect(simulationBreaches(sim(0.0501, 0.4001), l, refs).map((b) => b.limit)).toEqual([
      'maxLiquidationProbability',
      'maxLossP99',
    ]);
  });

  it('reads the borrowing blocks from a raw document, loops included', () => {
    expect(
      chainRefsOfDocument({
        steps: [
          { id: 's', type: 'supply', market: 'a' },
          { id: 'l', type: 'loop', body: [{ id: 'b1', type: 'borrow', market: 'a' }] },
          { id: 'off', type: 'borrow', market: 'c', disabled: true },
          { id: 'b', type: 'borrow', market: 'b' },
        ],
      }),
    ).toEqual({ debtMarketIds: ['a', 'b'], borrowBlocks: ['l', 'b'] });
    expect(chainRefsOfDocument(null)).toEqual({ debtMarketIds: [], borrowBlocks: [] });
  });
});

describe('file format version 2', () => {
  it('a version-1 file migrates to the current version with no limits', () => {
    const path = fileURLToPath(
      new URL('../../../resources/examples/eth-leveraged-long.json', import.meta.url),
    );
    const v1 = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(v1['version']).toBe(1);
    const parsed = parseStrategy(v1);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(CURRENT_VERSION).toBe(2);
    expect(parsed.strategy.version).toBe(2);
    expect(parsed.strategy.limits).toBeUndefined();
  });

  it('accepts a limits section of decimal strings and refuses a value out of range or not a number', () => {
    const base = { format: 'yieldplan.strategy', version: 2, name: 'l', horizonDays: 30 };
    const doc = (limits: unknown) => ({
      ...base,
      capital: [{ asset: 'USDC', amount: '1' }],
      prices: { USDC: '1' },
      markets: [],
      steps: [],
      limits,
    });
    const ok = parseStrategy(
      doc({
        minHealthFactor: '1.5',
        maxLeverage: '3',
        maxLtv: '0.7',
        maxLossP99: '0.3',
        maxLiquidationProbability: '0.02',
        maxProtocolShare: '0.5',
      }),
    );
    expect(ok.ok).toBe(true);
    expect(parseStrategy(doc({ maxLtv: '1.2' }))).toMatchObject({
      ok: false,
      errors: [{ code: 'OUT_OF_RANGE', field: 'limits.maxLtv' }],
    });
    expect(parseStrategy(doc({ minHealthFactor: 1.5 }))).toMatchObject({
      ok: false,
      errors: [{ field: 'limits.minHealthFactor' }],
    });
    expect(parseStrategy(doc({ maxFoo: '1' }))).toMatchObject({
      ok: false,
      errors: [{ code: 'FIELD_UNKNOWN' }],
    });
  });
});

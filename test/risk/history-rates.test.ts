import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src-main/market-data/calendar';
import { buildPosition } from '../../src-main/engine/build-position';
import { parseStrategy } from '../../src-main/engine/format/parse';
import { simulate, type SimulateInput } from '../../src-main/risk/monte-carlo';
import { fixture } from './helpers';
import { perSecondDay } from '../backtest/helpers';

/**
 * History-mode rates reach the Monte Carlo: with prices held flat (GBM with zero drift and
 * volatility), every path's terminal equity is the position compounded at the stored daily rates of
 * the window, replayed from its first day and cycled — a closed form.
 */
describe('simulate: rate modes', () => {
  const doc = fixture('eth-leveraged-long.json');
  const parsed = parseStrategy(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const account = [...buildPosition({ strategy: parsed.strategy }).position.lending.values()][0]!;
  const eth = account.supplies.get('ETH')!.amount.toNumber();
  const usdc = account.debts.get('USDC')!.toNumber();
  const start = dayFromIso('2024-03-01')!;
  // USDC borrow APR stored for 4 days (one outside the window), ETH supply APR for 2 days
  const rates = {
    'aave-eth': {
      USDC: {
        borrow: {
          ts: [start - 86_400, start, start + 86_400, start + 2 * 86_400],
          apr: [0.9, 0.1, 0.2, 0.3],
        },
      },
      ETH: { supply: { ts: [start, start + 86_400], apr: [0.05, 0.07] } },
    },
  };
  const flat = { driftAnnual: 0, volAnnual: 0 };
  const input = (rateModes: Record<string, 'model' | 'history'>): SimulateInput => ({
    strategy: doc,
    rates,
    threads: 1,
    options: {
      model: 'gbm',
      paths: 300,
      days: 7,
      seed: 5,
      window: { from: '2024-03-01', to: '2024-03-31' },
      gbm: { assets: { ETH: flat, USDC: flat } },
      rateModes,
    },
  });

  it('history mode compounds the stored daily rates of the window, cycled over the horizon', async () => {
    const r = await simulate(input({ 'aave-eth': 'history' }));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    let e = eth;
    let d = usdc;
    for (let day = 0; day < 7; day++) {
      e *= perSecondDay([0.05, 0.07][day % 2]!);
      d *= perSecondDay([0.1, 0.2, 0.3][day % 3]!);
    }
    expect(r.terminalEquityUsd.p50! / (e * 3000 - d) - 1).toBeCloseTo(0, 12);
    expect(r.terminalEquityUsd.p1).toBe(r.terminalEquityUsd.p99); // the same rate path on every path
  });

  it('model mode (the default) keeps the strategy’s fixed rates', async () => {
    const r = await simulate(input({}));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const expected = eth * 3000 * perSecondDay(0.02) ** 7 - usdc * perSecondDay(0.06) ** 7;
    expect(r.terminalEquityUsd.p50! / expected - 1).toBeCloseTo(0, 12);
  });
});

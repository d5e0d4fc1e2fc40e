import { describe, expect, it } from 'vitest';
import { alignHistory, estimateGbm } from '../../src-main/risk/estimate';
import { simulate } from '../../src-main/risk/monte-carlo';
import { DEFAULT_WINDOW_YEARS, estimationWindow, yearsBefore } from '../../src-main/risk/window';
import { bundledHistory } from '../backtest/helpers';
import { fixture } from './helpers';

/**
 * The Monte Carlo's default estimation window (docs/risk.md): the last 3 years of the common
 * history. Over all of the bundled ETH series (from 2015-08-07, when ETH moved 20–70 % a day at a
 * few dollars) GBM volatility comes out near 109 %/yr; over the last 3 years near 60 %/yr.
 */
const history = bundledHistory('ETH', 'USDC');
const vol = (from?: string) =>
  estimateGbm(alignHistory({ history, assets: ['ETH'], ...(from ? { from } : {}) })).volAnnual[0]!;

describe('default Monte Carlo window', () => {
  it('yearsBefore keeps the calendar day (29 February → 28 February)', () => {
    expect(yearsBefore('2025-11-19', 3)).toBe('2022-11-19');
    expect(yearsBefore('2024-02-29', 3)).toBe('2021-02-28');
  });

  it('is the last 3 years of the common history unless a from or all is given', () => {
    expect(DEFAULT_WINDOW_YEARS).toBe(3);
    expect(estimationWindow(history, ['ETH'], {})).toEqual({
      range: { from: '2022-11-19', to: undefined },
      basis: 'default',
    });
    expect(estimationWindow(history, ['ETH'], { to: '2024-06-30' }).range).toEqual({
      from: '2021-06-30',
      to: '2024-06-30',
    });
    expect(estimationWindow(history, ['ETH'], { all: true })).toEqual({
      range: { to: undefined },
      basis: 'all',
    });
    expect(estimationWindow(history, ['ETH'], { from: '2020-01-01' }).basis).toBe('given');
  });

  it('ETH volatility: ~109 %/yr over all history, ~60 %/yr over the default window', () => {
    const all = vol();
    const recent = vol('2022-11-19');
    expect(all).toBeGreaterThan(1.0);
    expect(all).toBeLessThan(1.2);
    expect(recent).toBeGreaterThan(0.45);
    expect(recent).toBeLessThan(0.75);
  });

  it('the simulation uses it by default and says so with the result', async () => {
    const strategy = fixture('eth-leveraged-long.json');
    const run = (window?: { all: boolean }) =>
      simulate({
        strategy,
        history,
        options: { model: 'gbm', paths: 32, days: 30, seed: 1, ...(window ? { window } : {}) },
        threads: 1,
      });
    const r = await run();
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.parameters.window).toMatchObject({
      from: '2022-11-19',
      to: '2025-11-19',
      days: 1097,
      basis: 'default',
    });
    expect(r.parameters.window!.note).toContain('the last 3 years');
    const eth = r.parameters.factors.indexOf('ETH');
    expect(r.parameters.gbm!.volAnnual[eth]).toBeCloseTo(vol('2022-11-19'), 12);
    const all = await run({ all: true });
    if (!all.ok) throw new Error(JSON.stringify(all.errors));
    expect(all.parameters.window?.basis).toBe('all');
    expect(all.parameters.window?.from).toBe('2015-08-07');
    expect(all.parameters.gbm!.volAnnual[all.parameters.factors.indexOf('ETH')]).toBeCloseTo(
      vol(),
      12,
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src-main/backtest/run-backtest';
import { dayFromIso } from '../../src-main/backtest/calendar';
import { buildPosition } from '../../src-main/engine/build-position';
import { evaluate } from '../../src-main/engine/evaluate';
import { parseStrategy } from '../../src-main/engine/format/parse';
import type { Strategy } from '../../src-main/engine/format/schema';
import { positionTotals } from '../../src-main/engine/valuation';
import { valueAtStart } from '../../src-main/dynamics/kernel';
import { compilePosition } from '../../src-main/dynamics/position';
import type { PathStepper } from '../../src-main/risk/models/types';
import { PathRunner, allocateBlockOutput } from '../../src-main/risk/run-block';
import { fixture } from '../risk/helpers';
import { perSecondDay } from '../backtest/helpers';

/**
 * The two adapters of the daily kernel on the same price path: the Monte Carlo's (a factor's
 * simulated multiples, pegged assets following their root) and the backtest's (history series on a
 * day grid). The dynamics are one code; these check that both price and rate inputs reach it alike.
 */

function parsed(name: string): Strategy {
  const result = parseStrategy(fixture(name));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.strategy;
}

/** A "model" that replays one given price path (factor 0), to compare the adapters. */
function replay(closes: number[]): PathStepper {
  return {
    fillPath(_rng, days, growth, lane, stride) {
      for (let d = 0; d < days; d++) growth[d * stride + lane] = closes[d + 1]! / closes[d]!;
    },
  };
}

/** Runs the kernel on one path and returns equity on every day and the liquidation day. */
function kernelPath(
  strategy: Strategy,
  closes: number[],
  automation?: Parameters<typeof compilePosition>[0]['automation'],
) {
  const built = buildPosition({ strategy });
  const compiled = compilePosition({ built, factorAssets: ['ETH'], automation });
  const days = closes.length - 1;
  const fanDays = Int32Array.from({ length: days + 1 }, (_, d) => d);
  const runner = new PathRunner(
    { compiled, rates: null, seed: 0, days, fanDays },
    replay(closes),
    null,
  );
  const out = allocateBlockOutput(1, fanDays.length);
  runner.runBlock(0, 1, out);
  return {
    equity: Array.from(out.fanEquity),
    terminal: out.terminalEquity[0]!,
    liquidationDay: out.liquidationDay[0]!,
    minHealthFactor: out.minHealthFactor[0]!,
    actions: out.automationActions[0]!,
    built,
  };
}

function backtestPath(strategy: Strategy, closes: number[], automation?: object) {
  const start = dayFromIso('2024-01-01')!;
  const ts = closes.map((_, i) => start + i * 86_400);
  const result = runBacktest({
    strategy,
    prices: { ETH: { ts, close: closes }, USDC: { ts, close: closes.map(() => 1) } },
    from: '2024-01-01',
    to: new Date((start + (closes.length - 1) * 86_400) * 1000).toISOString().slice(0, 10),
    options: automation ? { automation } : {},
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

// HF 2.43 at $3,000 (15.18 ETH × 0.83 against 15,562.5 USDC): liquidation under about $1,235.
// A fall from $3,000 to $1,100 over 25 days, then a partial recovery.
const crashPath = Array.from({ length: 41 }, (_, d) =>
  d <= 25 ? 3000 - 76 * d : 1100 + 20 * (d - 25),
);

describe('daily kernel through the Monte Carlo adapter, against the engine and the backtest adapter', () => {
  it('values the start position as the engine does', () => {
    const strategy = parsed('eth-leveraged-long.json');
    const built = buildPosition({ strategy });
    const compiled = compilePosition({ built, factorAssets: ['ETH'] });
    const engineEquity = positionTotals({
      position: built.position,
      prices: built.prices,
    }).equityUsd.toNumber();
    expect(valueAtStart(compiled)).toBeCloseTo(engineEquity, 8);
  });

  it('accrues interest exactly: flat prices compound supply and debt per second', () => {
    const strategy = parsed('eth-leveraged-long.json');
    const days = 365;
    const { terminal, built } = kernelPath(strategy, new Array<number>(days + 1).fill(3000));
    const account = [...built.position.lending.values()][0]!;
    const eth = account.supplies.get('ETH')!.amount.toNumber();
    const usdc = account.debts.get('USDC')!.toNumber();
    // fixture rates: ETH supply 2 %, USDC borrow 6 %
    const expected = eth * 3000 * perSecondDay(0.02) ** days - usdc * perSecondDay(0.06) ** days;
    expect(terminal).toBeCloseTo(expected, 6);
  });

  it('replays the same path to the same equity, day by day, and liquidates on the same day as the backtest', () => {
    const strategy = parsed('eth-leveraged-long.json');
    const k = kernelPath(strategy, crashPath);
    const b = backtestPath(strategy, crashPath);
    const firstLiquidation = b.events.find((e) => e.type === 'liquidation');
    expect(firstLiquidation).toBeDefined();
    expect(k.liquidationDay).toBe(b.series.date.indexOf(firstLiquidation!.date));
    for (let d = 0; d < crashPath.length; d++) {
      expect(k.equity[d]! / b.series.equity[d]! - 1).toBeCloseTo(0, 5); // Float32 fan storage: ~1e-7
    }
    expect(k.terminal / b.series.equity[crashPath.length - 1]! - 1).toBeCloseTo(0, 9);
    // The lowest HF is read at a close before that day's liquidation, in both: under 1 here.
    expect(b.stats.minHealthFactor).toBeLessThan(1);
    expect(k.minHealthFactor).toBeCloseTo(b.stats.minHealthFactor!, 9);
  });

  it('automation: deleverages like the backtest and survives the same crash', () => {
    const strategy = parsed('eth-leveraged-long.json');
    // No gas here: the backtest may run a second, no-op pass when Decimal rounding leaves HF a hair
    // under the target, and pay its gas again; the kernel skips such passes.
    const automation = {
      deleverage: { triggerHealthFactor: 1.3, targetHealthFactor: 1.6 },
      swapFeeRate: 0.0005,
      gasUsd: 0,
    };
    const k = kernelPath(strategy, crashPath, automation);
    const b = backtestPath(strategy, crashPath, automation);
    expect(b.events.some((e) => e.type === 'liquidation')).toBe(false);
    expect(k.liquidationDay).toBe(-1);
    const deleverageDays = new Set(
      b.events.filter((e) => e.type === 'deleverage').map((e) => e.date),
    );
    expect(deleverageDays.size).toBe(2);
    expect(k.actions).toBe(2);
    for (let d = 0; d < crashPath.length; d++) {
      expect(k.equity[d]! / b.series.equity[d]! - 1).toBeCloseTo(0, 5);
    }
  });
});

describe('automation no-op passes: one rule in both adapters', () => {
  it('with gas, both pay for the same passes and value the same equity every day', () => {
    // The former copies disagreed here: the Decimal backtest could run a second pass when rounding
    // left HF a hair under the target, and pay its gas again. Now a pass runs only when it raises HF
    // by more than rounding noise (dynamics/lending/automation.ts), in both.
    const strategy = parsed('eth-leveraged-long.json');
    const automation = {
      deleverage: { triggerHealthFactor: 1.3, targetHealthFactor: 1.6 },
      swapFeeRate: 0.0005,
      gasUsd: 25,
    };
    const k = kernelPath(strategy, crashPath, automation);
    const b = backtestPath(strategy, crashPath, automation);
    const passes = b.events.filter((e) => e.type === 'deleverage');
    expect(passes.length).toBeGreaterThan(0);
    expect(k.actions).toBe(passes.length);
    expect(b.series.gasUsd.at(-1)).toBeCloseTo(25 * passes.length, 9);
    for (const e of passes)
      if (e.type === 'deleverage') expect(e.healthFactorAfter).toBeCloseTo(1.6, 9);
    for (let d = 0; d < crashPath.length; d++) {
      expect(k.equity[d]! / b.series.equity[d]! - 1).toBeCloseTo(0, 5);
    }
  });
});

/** Kernel on one given path of `factor`, every day's equity (Float32 fan) and the Float64 terminal. */
function kernelOn(strategy: Strategy, factor: string, closes: number[]) {
  const built = buildPosition({ strategy });
  const compiled = compilePosition({ built, factorAssets: [factor] });
  const days = closes.length - 1;
  const fanDays = Int32Array.from({ length: days + 1 }, (_, d) => d);
  const runner = new PathRunner(
    { compiled, rates: null, seed: 0, days, fanDays },
    replay(closes),
    null,
  );
  const out = allocateBlockOutput(1, fanDays.length);
  runner.runBlock(0, 1, out);
  return {
    equity: Array.from(out.fanEquity),
    terminal: out.terminalEquity[0]!,
    liquidationDay: out.liquidationDay[0]!,
  };
}

/** Backtest on the same path: `factor` follows `closes`, `stable` stays at 1. */
function backtestOn(strategy: Strategy, factor: string, stable: string, closes: number[]) {
  const start = dayFromIso('2024-01-01')!;
  const ts = closes.map((_, i) => start + i * 86_400);
  const result = runBacktest({
    strategy,
    prices: { [factor]: { ts, close: closes }, [stable]: { ts, close: closes.map(() => 1) } },
    from: '2024-01-01',
    to: new Date((start + (closes.length - 1) * 86_400) * 1000).toISOString().slice(0, 10),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

function parsedDoc(doc: unknown): Strategy {
  const result = parseStrategy(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.strategy;
}

describe('kernel and backtest agree where they used to differ', () => {
  it('bad debt is the market’s, not the user’s: an account is worth max(0, supplies − debts)', () => {
    // 10 ETH at $3,000 supplied (LT 0.8), 19,200 USDC borrowed and held; ETH falls to $900 in one day.
    // HF = 10·900·0.8/19,200 = 0.375 < 0.95 → full close factor; the 10 ETH ($9,000) cover only
    // 9,000/1.05 = 8,571.43 USDC of debt, leaving 10,628.57 USDC of bad debt on an empty account.
    // Equity: day 0 = 30,000 − 19,200 + 19,200 = 30,000; day 1 = max(0, 0 − 10,628.57) + 19,200 = 19,200.
    const strategy = parsed('eth-collateral-constant-debt.json');
    const closes = [3000, 900];
    const b = backtestOn(strategy, 'ETH', 'USDC', closes);
    expect(b.series.equity).toEqual([30_000, 19_200]);
    const k = kernelOn(strategy, 'ETH', closes);
    expect(k.equity).toEqual([30_000, 19_200]); // both exact in Float32
    expect(k.terminal).toBe(19_200);
    expect(k.liquidationDay).toBe(1);
  });

  it('perp: liquidated at the engine’s liquidationPrice, (maintenance + close fee)·size·P, in both', () => {
    // resources/examples/btc-perp-hedge.json without funding (so the margin does not move): short
    // 1 BTC at $100,000, margin 20,000 − 0.05 % open fee = 19,950 USDT, mmr 1 %, close fee 0.05 %.
    // Equity 19,950 − (P − 100,000) = 0.0105·P  ⇔  P* = 119,950/1.0105 = 118,703.61 (mmr alone: 118,762.38).
    const doc = JSON.parse(
      readFileSync(
        new URL('../../resources/examples/btc-perp-hedge.json', import.meta.url),
        'utf8',
      ),
    ) as { steps: { fundingApr?: string }[] };
    doc.steps[0]!.fundingApr = '0';
    const strategy = parsedDoc(doc);
    const engine = evaluate(doc);
    const star = Number(engine.liquidationPrice?.['perp:short-btc']);
    expect(star).toBeCloseTo(119_950 / 1.0105, 6);
    expect(star).toBeCloseTo(118_703.61, 2);
    for (const [price, liquidated] of [
      [118_703, false],
      [118_704, true],
      [118_750, true], // under the mmr-only threshold, over the documented one
    ] as const) {
      const closes = [100_000, price];
      const b = backtestOn(strategy, 'BTC', 'USDT', closes);
      const events = b.events.filter((e) => e.type === 'perp-liquidation');
      expect(events.length).toBe(liquidated ? 1 : 0);
      expect(kernelOn(strategy, 'BTC', closes).liquidationDay).toBe(liquidated ? 1 : -1);
    }
  });

  describe('concentrated range edges (Uniswap v3: earning while lower ≤ P < upper)', () => {
    // eth-usdc-concentrated.json with the range widened to 1,500–6,000 so that 3,000 × 0.5 and × 2 land
    // exactly on the edges in floating point; fee APR 22 %.
    const doc = fixture('eth-usdc-concentrated.json') as {
      steps: { pool: { lower: string; upper: string } }[];
    };
    doc.steps[0]!.pool.lower = '1500';
    doc.steps[0]!.pool.upper = '6000';
    const strategy = parsedDoc(doc);

    it('at the upper edge the position holds only USDC and earns nothing', () => {
      // day 1 earns (day 0 at 3,000 is in range); day 1 closes at 6,000 = upper, so day 2 earns nothing
      const one = kernelOn(strategy, 'WETH', [3000, 6000]);
      const two = kernelOn(strategy, 'WETH', [3000, 6000, 6000]);
      expect(two.terminal).toBe(one.terminal);
      const b = backtestOn(strategy, 'WETH', 'USDC', [3000, 6000, 6000]);
      expect(b.series.feesUsd[2]).toBe(b.series.feesUsd[1]);
      expect(b.series.equity[2]).toBe(b.series.equity[1]);
      expect(two.terminal / b.series.equity[2]! - 1).toBeCloseTo(0, 9);
    });

    it('at the lower edge the position is in range and earns its fee', () => {
      const b = backtestOn(strategy, 'WETH', 'USDC', [3000, 1500, 1500]);
      // day 2's fee: 22 %/365 of the position's value at the close of day 1 (all WETH at the edge)
      const leftoverUsd =
        Number(b.final.wallet.WETH ?? 0) * 1500 + Number(b.final.wallet.USDC ?? 0);
      const lpUsd = b.series.equity[1]! - leftoverUsd;
      expect(b.series.feesUsd[2]! - b.series.feesUsd[1]!).toBeCloseTo((lpUsd * 0.22) / 365, 9);
      const k = kernelOn(strategy, 'WETH', [3000, 1500, 1500]);
      expect(k.terminal / b.series.equity[2]! - 1).toBeCloseTo(0, 9);
    });
  });
});

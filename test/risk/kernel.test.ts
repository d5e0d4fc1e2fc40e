import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src-main/backtest/run-backtest';
import { dayFromIso } from '../../src-main/backtest/calendar';
import { buildPosition } from '../../src-main/engine/build-position';
import { parseStrategy } from '../../src-main/engine/format/parse';
import type { Strategy } from '../../src-main/engine/format/schema';
import { positionTotals } from '../../src-main/engine/valuation';
import { compilePosition } from '../../src-main/risk/compile-position';
import { PathKernel, allocateBlockOutput, valueAtStart } from '../../src-main/risk/kernel';
import type { PathStepper } from '../../src-main/risk/models/types';
import { Rng } from '../../src-main/risk/rng';
import { fixture } from './helpers';

function parsed(name: string): Strategy {
  const result = parseStrategy(fixture(name));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.strategy;
}

/** A "model" that replays one given price path (factor 0), to compare the kernel with the backtest. */
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
  const kernel = new PathKernel(compiled, replay(closes), null, days);
  const fanDays = Int32Array.from({ length: days + 1 }, (_, d) => d);
  const out = allocateBlockOutput(1, fanDays.length);
  kernel.runBlock({ rng: new Rng(0), seed: 0, firstPath: 0, count: 1, fanDays, out });
  return {
    equity: Array.from(out.fanEquity),
    terminal: out.terminalEquity[0]!,
    liquidationDay: out.liquidationDay[0]!,
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

describe('Float64 kernel against the engine and the backtest', () => {
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

  it('accrues interest exactly: flat prices compound supply and debt at apr/365 a day', () => {
    const strategy = parsed('eth-leveraged-long.json');
    const days = 365;
    const { terminal, built } = kernelPath(strategy, new Array<number>(days + 1).fill(3000));
    const account = [...built.position.lending.values()][0]!;
    const eth = account.supplies.get('ETH')!.amount.toNumber();
    const usdc = account.debts.get('USDC')!.toNumber();
    // fixture rates: ETH supply 2 %, USDC borrow 6 %
    const expected = eth * 3000 * (1 + 0.02 / 365) ** days - usdc * (1 + 0.06 / 365) ** days;
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

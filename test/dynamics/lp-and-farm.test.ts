import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src-main/backtest/run-backtest';
import { dayFromIso, isoFromDay } from '../../src-main/backtest/calendar';
import { lpValueUsd } from '../../src-main/engine/amm/lp-value';
import { buildPosition } from '../../src-main/engine/build-position';
import { Decimal } from '../../src-main/engine/decimal';
import { parseStrategy } from '../../src-main/engine/format/parse';
import type { Strategy } from '../../src-main/engine/format/schema';
import {
  LP_CONCENTRATED,
  LP_CONSTANT_PRODUCT,
  LP_TABLE,
  lpPositionValue,
} from '../../src-main/dynamics/lp';
import { compilePosition } from '../../src-main/dynamics/position';
import { PathRunner, allocateBlockOutput } from '../../src-main/risk/run-block';
import { fixture } from '../risk/helpers';

function parsed(name: string): Strategy {
  const result = parseStrategy(fixture(name));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.strategy;
}

describe('LP value in Float64 against the engine’s pool math', () => {
  const cases = [
    {
      file: 'lp-farm-chain.json',
      kind: LP_CONSTANT_PRODUCT,
      a0: 'ETH',
      a1: 'USDC',
      multiples: [0.1, 0.5, 0.9, 1.3, 4],
      tolerance: 1e-10,
    },
    // in range, below (all WETH) and above (all USDC) the 2,500–3,600 range
    {
      file: 'eth-usdc-concentrated.json',
      kind: LP_CONCENTRATED,
      a0: 'WETH',
      a1: 'USDC',
      multiples: [0.5, 0.8, 0.9, 1.1, 1.25, 2],
      tolerance: 1e-10,
    },
    // stableswap: interpolated table; tolerance from the grid spacing (ln 2 / 200 per step)
    {
      file: 'stablecoin-farm.json',
      kind: LP_TABLE,
      a0: 'USDC',
      a1: 'USDT',
      multiples: [0.8, 0.95, 0.99, 1.001, 1.02, 1.3],
      tolerance: 1e-5,
    },
  ];
  for (const c of cases) {
    it(`${c.file}: compiled value equals lpValueUsd at shocked prices`, () => {
      const built = buildPosition({ strategy: parsed(c.file) });
      const compiled = compilePosition({ built, factorAssets: [] });
      expect(compiled.lps.kind[0]).toBe(c.kind);
      const lp = [...built.position.lps.values()][0]!;
      for (const m of c.multiples) {
        const prices = new Map(built.prices);
        prices.set(c.a0, built.prices.get(c.a0)!.times(m));
        const engine = lpValueUsd({ lp, prices }).toNumber();
        const float = lpPositionValue(
          compiled.lps,
          0,
          prices.get(c.a0)!.toNumber(),
          prices.get(c.a1)!.toNumber(),
        );
        expect(Math.abs(float / engine - 1)).toBeLessThan(c.tolerance);
      }
    });
  }
});

describe('the Monte Carlo adapter (stableswap table) against the backtest adapter (exact solver) on a stablecoin farm (curve rates, stableswap LP, stake, weekly harvest)', () => {
  it('gives the same equity every day over a USDT wobble', () => {
    const strategy = parsed('stablecoin-farm.json');
    const days = 60;
    const usdt = Array.from(
      { length: days + 1 },
      (_, d) => 1 - 0.03 * Math.sin((Math.PI * d) / days),
    );
    const usdc = usdt.map(() => 1);
    const built = buildPosition({ strategy });
    const compiled = compilePosition({ built, factorAssets: ['USDC', 'USDT'] });
    const series = { USDC: usdc, USDT: usdt };
    const fanDays = Int32Array.from({ length: days + 1 }, (_, d) => d);
    const runner = new PathRunner(
      { compiled, rates: null, seed: 0, days, fanDays },
      {
        fillPath(_rng, n, growth, lane, stride) {
          for (let d = 0; d < n; d++) {
            growth[2 * d * stride + lane] = series.USDC[d + 1]! / series.USDC[d]!;
            growth[(2 * d + 1) * stride + lane] = series.USDT[d + 1]! / series.USDT[d]!;
          }
        },
      },
      null,
    );
    const out = allocateBlockOutput(1, fanDays.length);
    runner.runBlock(0, 1, out);

    const start = dayFromIso('2024-01-01')!;
    const ts = usdc.map((_, i) => start + i * 86_400);
    const result = runBacktest({
      strategy,
      prices: { USDC: { ts, close: usdc }, USDT: { ts, close: usdt } },
      from: '2024-01-01',
      to: isoFromDay(start + days * 86_400),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.events.filter((e) => e.type === 'harvest').length).toBeGreaterThan(0);
    for (let d = 0; d <= days; d++) {
      // the stableswap table interpolates to ~1e-6 of the LP value
      expect(Math.abs(out.fanEquity[d]! / result.series.equity[d]! - 1)).toBeLessThan(2e-6);
    }
    expect(Math.abs(out.terminalEquity[0]! / result.series.equity[days]! - 1)).toBeLessThan(2e-6);
    expect(new Decimal(out.terminalEquity[0]!).greaterThan(result.series.equity[0]!)).toBe(true);
  });
});

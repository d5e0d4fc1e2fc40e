import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import type { ScenarioRow } from '../../src-main/backtest/scenarios';
import type { BacktestReport } from '../../src-main/backtest/types';
import type { CompareResult } from '../../src-main/contract/compare';
import type { Evaluation } from '../../src-main/engine/evaluation';
import type { SimulationResult } from '../../src-main/risk/monte-carlo';

/** `yieldplan compare` on two shipped examples, checked against the commands run one by one. */
const example = (name: string) =>
  fileURLToPath(new URL(`../../resources/examples/${name}.json`, import.meta.url));
const LOOP = example('eth-leveraged-long');
const FARM = example('stablecoin-farm');
const WINDOW = ['--from', '2024-01-01', '--to', '2024-03-31'];
const MONTE_CARLO = ['--paths', '400', '--seed', '7', '--days', '60'];

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (t) => void (out += `${t}\n`),
    err: (t) => void (err += `${t}\n`),
  });
  return { code, out, err };
}

async function json<T>(args: string[]): Promise<T> {
  const r = await run([...args, '--json']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as T;
}

const rowOf = (r: CompareResult, section: string, id: string) => {
  const row = r.sections.find((s) => s.id === section)?.rows.find((x) => x.id === id);
  if (!row) throw new Error(`no row ${section}/${id}`);
  return row;
};

describe('yieldplan compare', () => {
  it('lays out the same figures as evaluate, backtest, scenarios and simulate give one by one', async () => {
    const compared = await json<CompareResult>(['compare', LOOP, FARM, ...WINDOW, ...MONTE_CARLO]);
    expect(compared.labels).toEqual([
      'ETH leveraged long (Aave v3)',
      'Stablecoin farm (Aave + Curve + Convex)',
    ]);
    expect(compared.window).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(compared.simulation).toEqual({ model: 'gbm', paths: 400, seed: 7, days: 60 });

    const files = [LOOP, FARM];
    for (const [i, file] of files.entries()) {
      const evaluation = await json<Evaluation>(['evaluate', file]);
      expect(rowOf(compared, 'figures', 'netApy').values[i]).toBe(Number(evaluation.netApy));
      expect(rowOf(compared, 'figures', 'leverage').values[i]).toBe(Number(evaluation.leverage));
      expect(rowOf(compared, 'figures', 'healthFactor').values[i]).toBe(
        Number(evaluation.healthFactor.overall),
      );

      const backtest = await json<BacktestReport>(['backtest', file, ...WINDOW]);
      expect(rowOf(compared, 'backtest', 'totalReturn').values[i]).toBe(backtest.stats.totalReturn);
      expect(rowOf(compared, 'backtest', 'maxDrawdown').values[i]).toBe(backtest.stats.maxDrawdown);
      expect(rowOf(compared, 'backtest', 'minHealthFactor').values[i]).toBe(
        backtest.stats.minHealthFactor,
      );

      const scenarios = await json<ScenarioRow[]>(['scenarios', file]);
      for (const s of scenarios) {
        const row = rowOf(compared, 'scenarios', `scenario:${s.id}`);
        expect(row.values[i]).toBe(s.status === 'ok' ? s.strategy.totalReturn : null);
      }

      const simulated = await json<SimulationResult>([
        'simulate',
        file,
        ...MONTE_CARLO,
        '--threads',
        '1',
      ]);
      expect(rowOf(compared, 'monte-carlo', 'liquidationProbability').values[i]).toBe(
        simulated.liquidation.probability,
      );
      expect(rowOf(compared, 'monte-carlo', 'medianReturn').values[i]).toBe(
        simulated.annualizedReturn['p50'],
      );
    }

    // The farm borrows less against its collateral: lower LTV, higher health factor, marked so.
    const ltv = rowOf(compared, 'figures', 'ltv');
    expect(ltv.values[1]!).toBeLessThan(ltv.values[0]!);
    expect(ltv.best).toEqual([1]);
    expect(ltv.difference).toEqual({
      kind: 'gaps',
      gaps: [{ index: 0, gap: ltv.values[0]! - ltv.values[1]! }],
    });
    expect(rowOf(compared, 'figures', 'equity').best).toEqual([]); // context, no better side
    expect(compared.wins.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  }, 240_000);

  it('prints a table with the better value starred, and refuses bad arguments', async () => {
    const text = await run(['compare', LOOP, FARM, ...WINDOW, ...MONTE_CARLO]);
    expect(text.code).toBe(0);
    expect(text.out).toContain(
      'backtest 2024-01-01 .. 2024-03-31; Monte Carlo GBM 400 paths × 60 days, seed 7',
    );
    expect(text.out).toMatch(/Loan to value\s+\d+\.\d\d%\s+\d+\.\d\d% \*/);
    expect(text.out).toMatch(
      /\n {4}Stablecoin farm \(Aave \+ Curve \+ Convex\) is better: ETH leveraged long \(Aave v3\) is \d+\.\d\d pp higher\.\n/,
    );
    expect(text.out).toMatch(/Leverage\s+2\.50×\s+1\.\d\d× \*/);

    expect((await run(['compare', LOOP])).code).toBe(1); // one file is not a comparison
    const bad = await run(['compare', LOOP, FARM, '--from', '2024-05-01', '--to', '2024-01-01']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('invalid to: from must not be after to');
  }, 240_000);
});

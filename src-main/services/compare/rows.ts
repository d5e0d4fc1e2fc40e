import type { CompareRow, CompareSection, CompareSectionId } from '../../contract/compare';
import type { BacktestResult, ScenariosResult } from '../../contract/history';
import type { SimulateJobResult } from '../../contract/risk';
import type { Evaluation } from '../../engine/evaluation';
import type { EngineIssue } from '../../engine/position';
import { bestIndices, describeDifferences, formatValue, type Cell, type RowSpec } from './better';

/** What one strategy gave in each analysis of a comparison. */
export interface ItemResults {
  evaluation: Evaluation;
  backtest: BacktestResult;
  scenarios: ScenariosResult;
  simulation: SimulateJobResult;
}

interface RowDef extends RowSpec {
  id: string;
  label: string;
  value: (r: ItemResults) => number | null | undefined;
  /** Cell text for a missing value (default "—"). */
  nullText?: (r: ItemResults) => string;
}

const num = (text: string | null | undefined): number | null =>
  text === null || text === undefined ? null : Number(text);

const report = (r: ItemResults) => (r.backtest.ok ? r.backtest : null);
const sim = (r: ItemResults) => (r.simulation.ok ? r.simulation : null);

/**
 * The smallest price move that liquidates (the nearest liquidation), over every priced asset:
 * `liquidationDrop` is positive for a fall and negative for a rise, so its size is the distance.
 */
function nearestLiquidationMove(e: Evaluation): number | null {
  const moves = Object.values(e.liquidationDrop)
    .map(num)
    .filter((v): v is number => v !== null)
    .map(Math.abs);
  return moves.length ? Math.min(...moves) : null;
}

const FIGURES: RowDef[] = [
  {
    id: 'equity',
    label: 'Equity at entry',
    unit: 'usd',
    direction: null,
    value: (r) => num(r.evaluation.equityUsd),
  },
  {
    id: 'netApy',
    label: 'Net APY',
    unit: 'percent',
    direction: 'higher',
    value: (r) => num(r.evaluation.netApy),
  },
  {
    id: 'leverage',
    label: 'Leverage',
    unit: 'ratio',
    direction: 'lower',
    value: (r) => num(r.evaluation.leverage),
  },
  {
    id: 'ltv',
    label: 'Loan to value',
    unit: 'percent',
    direction: 'lower',
    value: (r) => num(r.evaluation.ltv),
  },
  {
    id: 'healthFactor',
    label: 'Health factor',
    unit: 'ratio',
    direction: 'higher',
    unboundedText: 'no debt',
    value: (r) => num(r.evaluation.healthFactor.overall),
  },
  {
    id: 'liquidationDrop',
    label: 'Price move to the nearest liquidation',
    unit: 'percent',
    direction: 'higher',
    unboundedText: 'none',
    value: (r) => nearestLiquidationMove(r.evaluation),
  },
  {
    id: 'entryCosts',
    label: 'Entry costs',
    unit: 'usd',
    direction: 'lower',
    value: (r) => num(r.evaluation.entryCostsUsd),
  },
];

const BACKTEST: RowDef[] = [
  {
    id: 'endEquity',
    label: 'End equity',
    unit: 'usd',
    direction: null,
    value: (r) => report(r)?.stats.endEquityUsd,
  },
  {
    id: 'totalReturn',
    label: 'Total return',
    unit: 'percent',
    direction: 'higher',
    value: (r) => report(r)?.stats.totalReturn,
  },
  {
    id: 'annualizedReturn',
    label: 'Annualized return',
    unit: 'percent',
    direction: 'higher',
    value: (r) => report(r)?.stats.annualizedReturn,
  },
  {
    id: 'maxDrawdown',
    label: 'Max drawdown',
    unit: 'percent',
    direction: 'lower',
    value: (r) => report(r)?.stats.maxDrawdown,
  },
  {
    id: 'volatility',
    label: 'Volatility',
    unit: 'percent',
    direction: 'lower',
    value: (r) => report(r)?.stats.volatility,
  },
  {
    id: 'sharpe',
    label: 'Sharpe ratio',
    unit: 'ratio',
    direction: 'higher',
    value: (r) => report(r)?.stats.sharpe,
  },
  {
    id: 'minHealthFactor',
    label: 'Lowest health factor',
    unit: 'ratio',
    direction: 'higher',
    unboundedText: 'no debt',
    value: (r) => report(r)?.stats.minHealthFactor,
  },
  {
    id: 'daysUnder1_2',
    label: 'Days with health factor under 1.2',
    unit: 'count',
    direction: 'lower',
    value: (r) => report(r)?.stats.daysUnder1_2,
  },
  {
    id: 'liquidations',
    label: 'Liquidations',
    unit: 'count',
    direction: 'lower',
    value: (r) => {
      const s = report(r)?.stats;
      return s ? s.liquidationCount + s.perpLiquidationCount : null;
    },
  },
];

const MONTE_CARLO: RowDef[] = [
  {
    id: 'liquidationProbability',
    label: 'Liquidation probability',
    unit: 'percent',
    direction: 'lower',
    value: (r) => sim(r)?.liquidation.probability,
  },
  {
    id: 'medianReturn',
    label: 'Median annualized return',
    unit: 'percent',
    direction: 'higher',
    value: (r) => sim(r)?.annualizedReturn['p50'],
  },
  {
    id: 'p5Return',
    label: 'Annualized return, 5th percentile',
    unit: 'percent',
    direction: 'higher',
    value: (r) => sim(r)?.annualizedReturn['p5'],
  },
  {
    id: 'var99',
    label: 'Value at risk (99 %)',
    unit: 'percent',
    direction: 'lower',
    value: (r) => sim(r)?.var99.valueAtRisk,
  },
  {
    id: 'es99',
    label: 'Expected shortfall (99 %)',
    unit: 'percent',
    direction: 'lower',
    value: (r) => sim(r)?.var99.expectedShortfall,
  },
  {
    id: 'minHealthFactorP5',
    label: 'Lowest health factor, 5th percentile',
    unit: 'ratio',
    direction: 'higher',
    unboundedText: 'no debt',
    value: (r) => sim(r)?.minHealthFactor['p5'],
  },
];

function buildRow(
  def: RowDef,
  results: readonly ItemResults[],
  labels: readonly string[],
  /** Whether the section's analysis ran for a strategy (a missing value is then unbounded). */
  ran: (r: ItemResults) => boolean,
): CompareRow {
  const values = results.map((r) => {
    const v = def.value(r);
    return v === undefined || v === null || !Number.isFinite(v) ? null : v;
  });
  // No value where the analysis ran is unbounded in such a row ("no debt"); where it failed, missing.
  const cells: Cell[] = values.map((v, i) =>
    v !== null ? v : def.unboundedText && ran(results[i]!) ? 'unbounded' : null,
  );
  return {
    id: def.id,
    label: def.label,
    unit: def.unit,
    direction: def.direction,
    values,
    display: cells.map((c, i) =>
      typeof c === 'number'
        ? formatValue(c, def.unit)
        : c === 'unbounded'
          ? def.unboundedText!
          : (def.nullText?.(results[i]!) ?? '—'),
    ),
    best: bestIndices(cells, def.direction),
    difference: describeDifferences(def, cells, labels),
  };
}

const firstIssue = (errors: readonly EngineIssue[]) =>
  errors[0] ? `${errors[0].code}: ${errors[0].message}` : 'not available';

function section(
  id: CompareSectionId,
  title: string,
  defs: readonly RowDef[],
  results: readonly ItemResults[],
  labels: readonly string[],
  problem: (r: ItemResults) => string | null,
): CompareSection {
  return {
    id,
    title,
    rows: defs.map((d) => buildRow(d, results, labels, (r) => problem(r) === null)),
    problems: results.map(problem),
  };
}

/** One row per scenario of the library: the strategy's total return over that window. */
function scenarioRows(results: readonly ItemResults[]): RowDef[] {
  const first = results.find((r) => r.scenarios.ok);
  if (!first || !first.scenarios.ok) return [];
  return first.scenarios.rows.map((row) => ({
    id: `scenario:${row.id}`,
    label: row.title,
    unit: 'percent' as const,
    direction: 'higher' as const,
    value: (r: ItemResults) => {
      if (!r.scenarios.ok) return null;
      const own = r.scenarios.rows.find((x) => x.id === row.id);
      return own?.status === 'ok' ? own.strategy.totalReturn : null;
    },
    nullText: (r: ItemResults) => {
      const own = r.scenarios.ok ? r.scenarios.rows.find((x) => x.id === row.id) : undefined;
      return own?.status === 'skipped' ? 'skipped' : '—';
    },
  }));
}

/** The sections of a comparison, built from each strategy's results (same order as `labels`). */
export function compareSections(
  results: readonly ItemResults[],
  labels: readonly string[],
): CompareSection[] {
  const sections = [
    section('figures', 'Key figures', FIGURES, results, labels, (r) =>
      r.evaluation.ok ? null : firstIssue(r.evaluation.errors),
    ),
    section('backtest', 'Backtest', BACKTEST, results, labels, (r) =>
      r.backtest.ok ? null : firstIssue(r.backtest.errors),
    ),
    section(
      'scenarios',
      'Named scenarios (total return)',
      scenarioRows(results),
      results,
      labels,
      (r) => (r.scenarios.ok ? null : firstIssue(r.scenarios.errors)),
    ),
    section('monte-carlo', 'Monte Carlo', MONTE_CARLO, results, labels, (r) =>
      r.simulation.ok ? null : firstIssue(r.simulation.errors),
    ),
  ];
  // A liquidated scenario says so in its cell: the return alone hides it.
  const scenarios = sections[2]!;
  for (const row of scenarios.rows) {
    const id = row.id.slice('scenario:'.length);
    results.forEach((r, i) => {
      const own = r.scenarios.ok ? r.scenarios.rows.find((x) => x.id === id) : undefined;
      if (own?.status === 'ok' && own.strategy.liquidated) row.display[i] += ' (liquidated)';
    });
  }
  return sections;
}

/** How many rows each strategy is (one of) the better in. */
export function winsOf(sections: readonly CompareSection[], count: number): number[] {
  const wins = new Array<number>(count).fill(0);
  for (const s of sections) for (const row of s.rows) for (const i of row.best) wins[i]! += 1;
  return wins;
}

import type {
  CellNote,
  CompareRow,
  CompareSection,
  CompareSectionId,
  Unit,
} from '../../contract/compare';
import type { BacktestResult, ScenariosResult } from '../../contract/history';
import type { SimulateJobResult } from '../../contract/risk';
import type { Evaluation } from '../../engine/evaluation';
import type { EngineIssue } from '../../engine/position';
import { bestIndices, differenceOf, type Cell, type Direction } from './better';

/** What one strategy gave in each analysis of a comparison. */
export interface ItemResults {
  evaluation: Evaluation;
  backtest: BacktestResult;
  scenarios: ScenariosResult;
  simulation: SimulateJobResult;
}

interface RowDef {
  id: string;
  label: string;
  unit: Unit;
  direction: Direction;
  /** Words for an unbounded value ("no debt"): a missing value where the analysis ran is one. */
  unboundedText?: string;
  value: (r: ItemResults) => number | null | undefined;
  /** Why a value is missing where the analysis ran and it is not unbounded (a skipped scenario). */
  missingNote?: (r: ItemResults) => CellNote | null;
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

/** A row of the table below: id, label, unit, which way is better, its value, words for "none". */
type Line = [
  id: string,
  label: string,
  unit: Unit,
  better: Direction,
  value: RowDef['value'],
  unboundedText?: string,
];
const rows = (lines: readonly Line[]): RowDef[] =>
  lines.map(([id, label, unit, direction, value, unboundedText]) => ({
    id,
    label,
    unit,
    direction,
    value,
    ...(unboundedText === undefined ? {} : { unboundedText }),
  }));

type Stats = NonNullable<ReturnType<typeof report>>['stats'];
type NumberStat = { [K in keyof Stats]: Stats[K] extends number | null ? K : never }[keyof Stats];
const entry =
  (key: 'equityUsd' | 'netApy' | 'leverage' | 'ltv' | 'entryCostsUsd') => (r: ItemResults) =>
    num(r.evaluation[key]);
const stat = (key: NumberStat) => (r: ItemResults) => report(r)?.stats[key];

const FIGURES = rows([
  ['equity', 'Equity at entry', 'usd', null, entry('equityUsd')],
  ['netApy', 'Net APY', 'percent', 'higher', entry('netApy')],
  ['leverage', 'Leverage', 'leverage', 'lower', entry('leverage')],
  ['ltv', 'Loan to value', 'percent', 'lower', entry('ltv')],
  [
    'healthFactor',
    'Health factor',
    'healthFactor',
    'higher',
    (r) => num(r.evaluation.healthFactor.overall),
    'no debt',
  ],
  [
    'liquidationDrop',
    'Price move to the nearest liquidation',
    'percent',
    'higher',
    (r) => nearestLiquidationMove(r.evaluation),
    'none',
  ],
  ['entryCosts', 'Entry costs', 'usd', 'lower', entry('entryCostsUsd')],
]);

const BACKTEST = rows([
  ['endEquity', 'End equity', 'usd', null, stat('endEquityUsd')],
  ['totalReturn', 'Total return', 'percent', 'higher', stat('totalReturn')],
  ['annualizedReturn', 'Annualized return', 'percent', 'higher', stat('annualizedReturn')],
  ['maxDrawdown', 'Max drawdown', 'percent', 'lower', stat('maxDrawdown')],
  ['volatility', 'Volatility', 'percent', 'lower', stat('volatility')],
  ['sharpe', 'Sharpe ratio', 'ratio', 'higher', stat('sharpe')],
  [
    'minHealthFactor',
    'Lowest health factor',
    'healthFactor',
    'higher',
    stat('minHealthFactor'),
    'no debt',
  ],
  ['daysUnder1_2', 'Days with health factor under 1.2', 'count', 'lower', stat('daysUnder1_2')],
  [
    'liquidations',
    'Liquidations',
    'count',
    'lower',
    (r) => {
      const s = report(r)?.stats;
      return s ? s.liquidationCount + s.perpLiquidationCount : null;
    },
  ],
]);

const MONTE_CARLO = rows([
  [
    'liquidationProbability',
    'Liquidation probability',
    'percent',
    'lower',
    (r) => sim(r)?.liquidation.probability,
  ],
  [
    'medianReturn',
    'Median annualized return',
    'percent',
    'higher',
    (r) => sim(r)?.annualizedReturn['p50'],
  ],
  [
    'p5Return',
    'Annualized return, 5th percentile',
    'percent',
    'higher',
    (r) => sim(r)?.annualizedReturn['p5'],
  ],
  ['var99', 'Value at risk (99 %)', 'percent', 'lower', (r) => sim(r)?.var99.valueAtRisk],
  ['es99', 'Expected shortfall (99 %)', 'percent', 'lower', (r) => sim(r)?.var99.expectedShortfall],
  [
    'minHealthFactorP5',
    'Lowest health factor, 5th percentile',
    'healthFactor',
    'higher',
    (r) => sim(r)?.minHealthFactor['p5'],
    'no debt',
  ],
]);

function buildRow(
  def: RowDef,
  results: readonly ItemResults[],
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
  const notes = cells.map((c, i): CellNote | null => {
    if (c === 'unbounded') return 'unbounded';
    if (c !== null) return null;
    if (!ran(results[i]!)) return 'unavailable';
    // Ran but has no such figure (no lending: no LTV): a dash, nothing more to say.
    return def.missingNote?.(results[i]!) ?? null;
  });
  return {
    id: def.id,
    label: def.label,
    unit: def.unit,
    direction: def.direction,
    values,
    notes,
    unboundedText: def.unboundedText ?? null,
    best: bestIndices(cells, def.direction),
    difference: differenceOf(cells, def.direction),
  };
}

const firstIssue = (errors: readonly EngineIssue[]) =>
  errors[0] ? `${errors[0].code}: ${errors[0].message}` : 'not available';

function section(
  id: CompareSectionId,
  title: string,
  defs: readonly RowDef[],
  results: readonly ItemResults[],
  problem: (r: ItemResults) => string | null,
): CompareSection {
  return {
    id,
    title,
    rows: defs.map((d) => buildRow(d, results, (r) => problem(r) === null)),
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
    missingNote: (r: ItemResults) => {
      const own = r.scenarios.ok ? r.scenarios.rows.find((x) => x.id === row.id) : undefined;
      return own?.status === 'skipped' ? 'skipped' : null;
    },
  }));
}

/** The sections of a comparison, built from each strategy's results (one column each, in order). */
export function compareSections(results: readonly ItemResults[]): CompareSection[] {
  const sections = [
    section('figures', 'Key figures', FIGURES, results, (r) =>
      r.evaluation.ok ? null : firstIssue(r.evaluation.errors),
    ),
    section('backtest', 'Backtest', BACKTEST, results, (r) =>
      r.backtest.ok ? null : firstIssue(r.backtest.errors),
    ),
    section('scenarios', 'Named scenarios (total return)', scenarioRows(results), results, (r) =>
      r.scenarios.ok ? null : firstIssue(r.scenarios.errors),
    ),
    section('monte-carlo', 'Monte Carlo', MONTE_CARLO, results, (r) =>
      r.simulation.ok ? null : firstIssue(r.simulation.errors),
    ),
  ];
  // A liquidated scenario says so in its cell: the return alone hides it.
  const scenarios = sections[2]!;
  for (const row of scenarios.rows) {
    const id = row.id.slice('scenario:'.length);
    results.forEach((r, i) => {
      const own = r.scenarios.ok ? r.scenarios.rows.find((x) => x.id === id) : undefined;
      if (own?.status === 'ok' && own.strategy.liquidated) row.notes[i] = 'liquidated';
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

import { Decimal } from '../decimal';
import type { EffectiveLimits, LimitBreach } from './types';

/**
 * Limits checked on the history and simulation results. These take the results' own shapes
 * structurally (the engine does not import the backtest or the risk lab): the backtest's worst
 * day, each scenario's worst day, the Monte Carlo's tail and liquidation probability.
 */

export interface BacktestFigures {
  stats: { minHealthFactor: number | null; minHealthFactorDate: string | null };
  series: { date: string[]; ltv: number[] };
}

export interface ScenarioFigures {
  id: string;
  title: string;
  status: 'ok' | 'skipped';
  strategy?: { minHealthFactor: number | null; minHealthFactorDate: string | null };
}

export interface SimulationFigures {
  liquidation: { probability: number };
  var99: { valueAtRisk: number };
  days: number;
}

/** `debtMarketIds`: the lending markets the strategy borrows on; a single one is named as responsible. */
export interface ChainRefs {
  debtMarketIds: string[];
  /** Blocks that borrow (the responsible steps of a health or LTV breach over time). */
  borrowBlocks: string[];
}

const show = (n: number, digits = 4) => new Decimal(n).toSignificantDigits(digits).toFixed();
const pct = (n: number) => `${show(n * 100)} %`;

export function backtestBreaches(
  result: BacktestFigures,
  limits: EffectiveLimits,
  refs: ChainRefs,
): LimitBreach[] {
  const out: LimitBreach[] = [];
  const marketId = refs.debtMarketIds.length === 1 ? (refs.debtMarketIds[0] ?? null) : null;
  const hf = limits.minHealthFactor;
  const minHf = result.stats.minHealthFactor;
  if (hf && minHf !== null && new Decimal(minHf).lessThan(hf.value)) {
    out.push({
      limit: 'minHealthFactor',
      analysis: 'backtest',
      figure: String(minHf),
      threshold: hf.value,
      source: hf.source,
      marketId,
      protocol: null,
      stepIds: refs.borrowBlocks,
      where: result.stats.minHealthFactorDate,
      message: `the backtest's lowest health factor, ${show(minHf)} on ${result.stats.minHealthFactorDate ?? '?'}, is below the minimum ${hf.value}`,
      fixes: [],
    });
  }
  const ltv = limits.maxLtv;
  if (ltv) {
    let worst = -1;
    for (let i = 0; i < result.series.ltv.length; i++) {
      if (worst < 0 || (result.series.ltv[i] ?? 0) > (result.series.ltv[worst] ?? 0)) worst = i;
    }
    const figure = worst >= 0 ? result.series.ltv[worst] : undefined;
    if (
      figure !== undefined &&
      Number.isFinite(figure) &&
      new Decimal(figure).greaterThan(ltv.value)
    ) {
      const day = result.series.date[worst] ?? null;
      out.push({
        limit: 'maxLtv',
        analysis: 'backtest',
        figure: String(figure),
        threshold: ltv.value,
        source: ltv.source,
        marketId,
        protocol: null,
        stepIds: refs.borrowBlocks,
        where: day,
        message: `the backtest's highest LTV, ${pct(figure)} on ${day ?? '?'}, is above the maximum ${pct(Number(ltv.value))}`,
        fixes: [],
      });
    }
  }
  return out;
}

export function scenarioBreaches(
  rows: readonly ScenarioFigures[],
  limits: EffectiveLimits,
  refs: ChainRefs,
): LimitBreach[] {
  const hf = limits.minHealthFactor;
  if (!hf) return [];
  const marketId = refs.debtMarketIds.length === 1 ? (refs.debtMarketIds[0] ?? null) : null;
  const out: LimitBreach[] = [];
  for (const row of rows) {
    const minHf = row.status === 'ok' ? (row.strategy?.minHealthFactor ?? null) : null;
    if (minHf === null || !new Decimal(minHf).lessThan(hf.value)) continue;
    out.push({
      limit: 'minHealthFactor',
      analysis: 'scenario',
      figure: String(minHf),
      threshold: hf.value,
      source: hf.source,
      marketId,
      protocol: null,
      stepIds: refs.borrowBlocks,
      where: row.id,
      message: `in "${row.title}" the health factor falls to ${show(minHf)}${row.strategy?.minHealthFactorDate ? ` on ${row.strategy.minHealthFactorDate}` : ''}, below the minimum ${hf.value}`,
      fixes: [],
    });
  }
  return out;
}

export function simulationBreaches(
  result: SimulationFigures,
  limits: EffectiveLimits,
  refs: ChainRefs,
): LimitBreach[] {
  const out: LimitBreach[] = [];
  const marketId = refs.debtMarketIds.length === 1 ? (refs.debtMarketIds[0] ?? null) : null;
  const liq = limits.maxLiquidationProbability;
  const p = result.liquidation.probability;
  if (liq && new Decimal(p).greaterThan(liq.value)) {
    out.push({
      limit: 'maxLiquidationProbability',
      analysis: 'monte-carlo',
      figure: String(p),
      threshold: liq.value,
      source: liq.source,
      marketId,
      protocol: null,
      stepIds: refs.borrowBlocks,
      where: null,
      message: `${pct(p)} of simulated paths are liquidated within ${result.days} days, above the maximum ${pct(Number(liq.value))}`,
      fixes: [],
    });
  }
  const loss = limits.maxLossP99;
  const var99 = result.var99.valueAtRisk;
  if (loss && Number.isFinite(var99) && new Decimal(var99).greaterThan(loss.value)) {
    out.push({
      limit: 'maxLossP99',
      analysis: 'monte-carlo',
      figure: String(var99),
      threshold: loss.value,
      source: loss.source,
      marketId,
      protocol: null,
      stepIds: refs.borrowBlocks,
      where: null,
      message: `the loss at the 99th percentile is ${pct(var99)} of equity, above the maximum ${pct(Number(loss.value))}`,
      fixes: [],
    });
  }
  return out;
}

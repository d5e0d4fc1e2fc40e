import type { ReportPayload } from '../../../src-main/contract/index';
import { formatHealthFactor, formatLeverage, formatPercentPrint } from '../lib/format';
import { documentLimits, marketName } from './facts';
import { perpName, upperFirst } from './words';

/**
 * The risk limits the report checks, and any breach. The strategy's own `limits` (when its file
 * carries them) come first; otherwise the app's warning levels: a health factor under 1.2 and a
 * liquidation within a 10 % price move (src-main/engine/evaluate.ts warns at the same levels).
 */
export interface LimitCheck {
  limit: string;
  source: 'strategy' | 'app';
  figure: string;
  /** null: the figure is not defined for this chain (nothing borrowed, analysis left out). */
  breached: boolean | null;
  where: string;
}

export const APP_MIN_HEALTH_FACTOR = 1.2;

function effectiveNumbers(effective: NonNullable<ReportPayload['limits']>['effective']) {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(effective)) if (v) out[k] = Number(v.value);
  return out;
}
export const APP_MIN_LIQUIDATION_DISTANCE = 0.1;

export function limitChecks(p: ReportPayload): LimitCheck[] {
  const e = p.evaluation;
  // The file's own limits, and over them those main checked (the file's merged with the global ones).
  const own = { ...documentLimits(p), ...(p.limits ? effectiveNumbers(p.limits.effective) : {}) };
  const checks: LimitCheck[] = [];
  const minHf = own['minHealthFactor'] ?? APP_MIN_HEALTH_FACTOR;
  const hfSource = own['minHealthFactor'] === undefined ? 'app' : 'strategy';
  const markets = Object.entries(e.healthFactor.byMarket).filter(([, m]) => !m.noDebt);
  if (markets.length === 0) {
    checks.push({
      limit: `Health factor ≥ ${minHf}`,
      source: hfSource,
      figure: '∞ (nothing borrowed)',
      breached: null,
      where: '—',
    });
  }
  for (const [id, m] of markets) {
    checks.push({
      limit: `Health factor ≥ ${minHf}`,
      source: hfSource,
      figure: formatHealthFactor(m.healthFactor),
      breached: m.healthFactor !== null && Number(m.healthFactor) < minHf,
      where: marketName(p, id),
    });
  }
  for (const l of e.liquidations) {
    const distance = Math.abs(Number(l.drop));
    checks.push({
      limit: `Liquidation ≥ ${formatPercentPrint(APP_MIN_LIQUIDATION_DISTANCE, { digits: 0 })} away`,
      source: 'app',
      figure: formatPercentPrint(distance),
      breached: distance < APP_MIN_LIQUIDATION_DISTANCE,
      where:
        l.source === 'perp'
          ? upperFirst(perpName(p, l.stepId))
          : `${l.asset} on ${marketName(p, l.marketId)}`,
    });
  }
  if (own['maxLeverage'] !== undefined) {
    checks.push({
      limit: `Leverage ≤ ${formatLeverage(own['maxLeverage'])}`,
      source: 'strategy',
      figure: formatLeverage(e.leverage),
      breached: e.leverage === null ? null : Number(e.leverage) > own['maxLeverage'],
      where: 'portfolio',
    });
  }
  if (own['maxLtv'] !== undefined) {
    checks.push({
      limit: `LTV ≤ ${formatPercentPrint(own['maxLtv'])}`,
      source: 'strategy',
      figure: formatPercentPrint(e.ltv),
      breached: e.ltv === null ? null : Number(e.ltv) > own['maxLtv'],
      where: 'all lending accounts',
    });
  }
  const mc = p.monteCarlo.status === 'included' ? p.monteCarlo.result : null;
  if (own['maxLiquidationProbability'] !== undefined) {
    checks.push({
      limit: `Liquidation probability ≤ ${formatPercentPrint(own['maxLiquidationProbability'])}`,
      source: 'strategy',
      figure: mc ? formatPercentPrint(mc.liquidation.probability) : 'no simulation in this report',
      breached: mc ? mc.liquidation.probability > own['maxLiquidationProbability'] : null,
      where: 'Monte Carlo',
    });
  }
  if (own['maxLossP99'] !== undefined) {
    checks.push({
      limit: `Loss at the 99th percentile ≤ ${formatPercentPrint(own['maxLossP99'])}`,
      source: 'strategy',
      figure: mc ? formatPercentPrint(mc.var99.valueAtRisk) : 'no simulation in this report',
      breached: mc ? mc.var99.valueAtRisk > own['maxLossP99'] : null,
      where: 'Monte Carlo',
    });
  }
  if (own['maxProtocolShare'] !== undefined && p.protocol.status === 'included') {
    for (const x of p.protocol.protocols) {
      checks.push({
        limit: `Share of equity per protocol ≤ ${formatPercentPrint(own['maxProtocolShare'])}`,
        source: 'strategy',
        figure: formatPercentPrint(x.lossShareOfEquity),
        breached:
          x.lossShareOfEquity === null ? null : x.lossShareOfEquity > own['maxProtocolShare'],
        where: marketName(p, x.marketId),
      });
    }
  }
  if (p.backtest.status === 'included') {
    const s = p.backtest.result.stats;
    checks.push({
      limit: `No day under health factor ${APP_MIN_HEALTH_FACTOR} in the backtest`,
      source: 'app',
      figure: `${s.daysUnder1_2} days`,
      breached: s.minHealthFactor === null ? null : s.daysUnder1_2 > 0,
      where: `${p.backtest.result.from} – ${p.backtest.result.to}`,
    });
  }
  return checks;
}

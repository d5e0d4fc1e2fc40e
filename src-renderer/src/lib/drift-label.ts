import type { SimulationReport } from '../state/monte-carlo.svelte';
import { formatPercent } from './format';

/** The drift a simulation used, said once above the figures and charts it produced. */
export function driftLabel(report: Pick<SimulationReport, 'parameters'>): string {
  const { drift } = report.parameters;
  const set = Object.entries(drift.annual).filter(
    ([a, mu]) => mu !== 0 || drift.overridden.includes(a),
  );
  const list = set.map(([a, mu]) => `${a} ${formatPercent(mu, { signed: true, digits: 0 })}/yr`);
  if (drift.mode === 'zero')
    return list.length > 0 ? `drift zero except ${list.join(', ')}` : 'zero drift (no forecast)';
  return `historical drift: ${list.join(', ') || 'none'}`;
}

/** Display helpers for stress grids (src-main/risk/stress.ts speaks in multiples and ratios). */
import { formatPercent } from './format';

export type HealthBand = 'none' | 'liquidated' | 'danger' | 'caution' | 'safe';

/** Colour band of a health factor: under 1 liquidatable, under 1.1 and 1.25 ever closer to it. */
export function healthBand(hf: number | null, liquidated = false): HealthBand {
  if (liquidated || (hf !== null && hf < 1)) return 'liquidated';
  if (hf === null) return 'none';
  return hf < 1.1 ? 'danger' : hf < 1.25 ? 'caution' : 'safe';
}

/** A grid value as a move: price multiple 0.5 → "−50%"; peg ratio 0.97 → "0.97". */
export function axisValueLabel(kind: 'price' | 'prices' | 'peg', value: number): string {
  return kind !== 'peg' ? formatPercent(value - 1, { signed: true, digits: 0 }) : value.toFixed(2);
}

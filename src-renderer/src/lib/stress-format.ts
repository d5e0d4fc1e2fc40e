/** Display helpers for stress grids (src-main/risk/stress.ts speaks in multiples and ratios). */
import type { StressResult } from '../../../src-main/contract/index';
import { formatHealthFactor, formatPercent, formatUsd, formatUsdCompact } from './format';

export type HealthBand = 'none' | 'liquidated' | 'danger' | 'caution' | 'safe';
type StressPoint = Extract<StressResult, { ok: true }>['points'][number];

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

export interface StressHealth {
  /** The cell's text: the lowest lending health factor, "∞" with no debt, "Liquidated" else. */
  text: string;
  /** The same, short enough for a heatmap cell ("Liq."). */
  short: string;
  band: HealthBand;
  /** In words, for a title and screen readers. */
  description: string;
}

/**
 * The health-factor cell of a stress point. A health factor after a liquidation is not "∞": a
 * liquidated cell with no lending health factor (a perp) reads "Liquidated"; "∞" is kept for
 * cells that truly have no debt and nothing liquidated. A lending HF is shown as a number, the
 * one at the shock (before the liquidators act).
 */
export function stressHealth(point: StressPoint): StressHealth {
  const hf = point.healthFactor;
  if (hf === null && point.liquidated) {
    return {
      text: 'Liquidated',
      short: 'Liq.',
      band: 'liquidated',
      description: marginGone(point)
        ? 'liquidated, its margin already taken by the move'
        : `liquidated${lossPhrase(point, formatUsd)}`,
    };
  }
  if (hf === null) {
    return { text: '∞', short: '∞', band: 'none', description: 'no debt, nothing to liquidate' };
  }
  const text = formatHealthFactor(hf);
  return {
    text,
    short: hf.toFixed(2),
    band: healthBand(hf, point.liquidated),
    description: `health factor ${text}${point.liquidated ? `, liquidated${lossPhrase(point, formatUsd)}` : ''}`,
  };
}

/**
 * A liquidated perp (no lending health factor) the shock left underwater: the move took its whole
 * margin before the liquidation could take anything (src-main/risk/stress.ts).
 */
export function marginGone(point: StressPoint): boolean {
  return point.liquidated && point.healthFactor === null && !(point.liquidationLossUsd > 0);
}

/** What a liquidated cell loses to the liquidation: "lost $19.9K" (compact) or "" when nothing. */
export function liquidationLoss(
  point: StressPoint,
  format: (usd: number) => string = formatUsdCompact,
): string {
  return point.liquidated && point.liquidationLossUsd > 0
    ? `lost ${format(point.liquidationLossUsd)}`
    : '';
}

function lossPhrase(point: StressPoint, format: (usd: number) => string): string {
  const loss = liquidationLoss(point, format);
  return loss ? `, ${loss} to the liquidation` : '';
}

/**
 * A stress row's liquidation in words: "Liquidated, lost $20.0K"; for a perp, whose health cell
 * already says "Liquidated", only "lost $20.0K"; "" when nothing is liquidated.
 */
export function liquidationState(
  point: StressPoint,
  format: (usd: number) => string = formatUsdCompact,
): string {
  if (!point.liquidated) return '';
  if (marginGone(point)) return 'margin gone';
  const loss = liquidationLoss(point, format);
  const saysLiquidated = point.healthFactor === null && loss !== '';
  return [saysLiquidated ? '' : 'Liquidated', loss].filter((x) => x !== '').join(', ');
}

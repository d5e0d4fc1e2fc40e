import type {
  LimitBreach,
  LimitFix,
  LimitKey,
  LimitsOutcome,
  StrategyInput,
  StrategyLimits,
} from '../../../src-main/contract/index';
import {
  formatHealthFactor,
  formatLeverage,
  formatPercent,
  formatPercentPrint,
  formatUsd,
} from './format';
import { marketName } from './issue-text';

/** The six limits in the order the forms show them, with how each is typed and shown. */
export const LIMIT_FIELDS: ReadonlyArray<{
  key: LimitKey;
  label: string;
  /** Typed and shown as a percent (a fraction in the file). */
  percent: boolean;
  hint: string;
  /** The range the file format accepts (src-main/engine/format/schema.ts StrategyLimits), file units. */
  min: number;
  max: number;
}> = [
  {
    key: 'minHealthFactor',
    label: 'Minimum health factor',
    percent: false,
    hint: 'every market, e.g. 1.5',
    min: 1,
    max: 100,
  },
  {
    key: 'maxLeverage',
    label: 'Maximum leverage',
    percent: false,
    hint: '× equity, e.g. 3',
    min: 1,
    max: 100,
  },
  {
    key: 'maxLtv',
    label: 'Maximum LTV',
    percent: true,
    hint: 'debt / collateral per market',
    min: 0,
    max: 1,
  },
  {
    key: 'maxLossP99',
    label: 'Maximum loss at the 99th percentile',
    percent: true,
    hint: 'Monte Carlo, share of equity',
    min: 0,
    max: 1,
  },
  {
    key: 'maxLiquidationProbability',
    label: 'Maximum liquidation probability',
    percent: true,
    hint: 'Monte Carlo, over the horizon',
    min: 0,
    max: 1,
  },
  {
    key: 'maxProtocolShare',
    label: 'Maximum share of equity per protocol',
    percent: true,
    hint: 'value placed in one protocol',
    min: 0,
    max: 100,
  },
];

const SHORT: Record<LimitKey, string> = {
  minHealthFactor: 'Health factor',
  maxLeverage: 'Leverage',
  maxLtv: 'LTV',
  maxLossP99: 'Loss (99th pct)',
  maxLiquidationProbability: 'Liquidation probability',
  maxProtocolShare: 'Share in one protocol',
};

/**
 * A limit's figure or value in its own unit: 1.38, 2.5×, 72 %. For `print` (the report) a capped
 * percentage carries its exact value.
 */
export function formatLimitValue(key: LimitKey, value: string, print = false): string {
  if (key === 'minHealthFactor') return formatHealthFactor(value);
  if (key === 'maxLeverage') return formatLeverage(value);
  return print ? formatPercentPrint(value) : formatPercent(value);
}

/** "Health factor 1.38 < 1.5": the figure against its limit. */
export function breachLine(b: LimitBreach, print = false): string {
  const op = b.limit === 'minHealthFactor' ? '<' : '>';
  return `${SHORT[b.limit]} ${formatLimitValue(b.limit, b.figure, print)} ${op} ${formatLimitValue(b.limit, b.threshold, print)}`;
}

const FIX_VERB: Record<Exclude<LimitFix['kind'], 'move-out'>, string> = {
  'add-collateral': 'supply',
  'repay-debt': 'repay',
  deleverage: 'sell collateral to repay',
};

/**
 * A fix worded for display from its fields, not main's message (which carries ids and raw
 * amounts): "supply 0.572 WETH more collateral on Aave v3 Ethereum (Core) (≈ $1,815.84)". The
 * units stay as main rounded them up, every digit, so doing exactly that clears the limit.
 */
export function fixText(fix: LimitFix, breach: LimitBreach, doc: StrategyInput | null): string {
  const usd = formatUsd(Number(fix.usd));
  if (fix.kind === 'move-out') return `move ${usd} out of ${breach.protocol ?? 'the protocol'}`;
  const extra = fix.kind === 'add-collateral' ? ' more collateral' : '';
  const on = fix.marketId ? ` on ${marketName(doc, fix.marketId)}` : '';
  return `${FIX_VERB[fix.kind]} ${fix.units ?? ''} ${fix.asset ?? ''}${extra}${on} (≈ ${usd})`;
}

const ANALYSIS: Record<LimitBreach['analysis'], string> = {
  evaluation: 'Now',
  backtest: 'Backtest',
  scenario: 'Scenario',
  'monte-carlo': 'Monte Carlo',
};

export const analysisName = (b: LimitBreach): string => ANALYSIS[b.analysis];

/** Which card of each analysis shows the figure a limit is about (FigureGrid ids). */
export const CARD_OF_LIMIT: Record<LimitBreach['analysis'], Partial<Record<LimitKey, string>>> = {
  evaluation: { minHealthFactor: 'health-factor', maxLeverage: 'leverage', maxLtv: 'ltv' },
  backtest: { minHealthFactor: 'min-health-factor' },
  scenario: {},
  'monte-carlo': {
    maxLiquidationProbability: 'liquidation-probability',
    maxLossP99: 'var99',
  },
};

/**
 * The limit each card of one analysis breaks ("Breaks limit ≥ 1.5 (Aave v3 Ethereum)"), by card
 * id: the first breach per card, in the order the analysis reports them. Markets by their names
 * in `doc`, the strategy shown.
 */
export function cardBreaches(
  outcome: LimitsOutcome | null | undefined,
  analysis: LimitBreach['analysis'],
  doc: StrategyInput | null = null,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of outcome?.breaches ?? []) {
    const id = CARD_OF_LIMIT[analysis][b.limit];
    if (!id || b.analysis !== analysis || out[id]) continue;
    const op = b.limit === 'minHealthFactor' ? '≥' : '≤';
    out[id] =
      `Breaks limit ${op} ${formatLimitValue(b.limit, b.threshold)}${b.marketId ? ` (${marketName(doc, b.marketId)})` : ''}`;
  }
  return out;
}

/** The figures with their breach line set where `cardBreaches` found one. */
export function markBreaches<F extends { id: string; breach?: string }>(
  figures: F[],
  breaches: Record<string, string>,
): F[] {
  return figures.map((f) => (breaches[f.id] ? { ...f, breach: breaches[f.id] } : f));
}

/** Every breach of the outcomes given (the live evaluation and the analysis runs shown). */
export function allBreaches(...outcomes: Array<LimitsOutcome | null | undefined>): LimitBreach[] {
  return outcomes.flatMap((o) => o?.breaches ?? []);
}

export function breachesOfStep(breaches: readonly LimitBreach[], stepId: string): LimitBreach[] {
  return breaches.filter((b) => b.stepIds.includes(stepId));
}

/** Only the keys with a value: what settings.set and the document hold. */
export function cleanLimits(limits: Record<string, string | undefined>): StrategyLimits {
  return Object.fromEntries(
    Object.entries(limits).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  ) as StrategyLimits;
}

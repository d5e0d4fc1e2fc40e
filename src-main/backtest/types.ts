import { z } from 'zod';
import { AutomationOptions } from '../dynamics/automation-options';
import type { EngineIssue } from '../engine/position';

/**
 * Inputs and outputs of the backtest. Inputs are plain data (no database, no files): the caller loads
 * the series (market-data/history.ts); outputs are plain numbers and strings, ready for JSON, CSV and
 * charts.
 */

export type {
  DailyCloses,
  PriceHistory,
  DailyRates,
  RateSide,
  RateHistory,
} from '../market-data/history';
export { RateMode } from '../market-data/history';
import type { RateSide } from '../market-data/history';
import { RateMode } from '../market-data/history';

/**
 * Options, validated with zod at the boundary (CLI, service, IPC). Health-factor triggers are plain numbers:
 * they decide *when* to act (dynamics/lending/automation.ts).
 */
export const BacktestOptions = z
  .object({
    /** Rate mode per strategy market id; markets not listed use `model`. */
    rateModes: z.record(z.string(), RateMode).default({}),
    automation: AutomationOptions.optional(),
    /** Annual risk-free rate for the Sharpe ratio (fraction). */
    riskFreeRate: z.number().finite().default(0),
  })
  .strict();
export type BacktestOptions = z.infer<typeof BacktestOptions>;
export type BacktestOptionsInput = z.input<typeof BacktestOptions>;

/** One column per field, one entry per day (`date[i]` is day i). Cumulative fields start at 0. */
export interface DailySeries {
  ts: number[];
  date: string[];
  /** Mark-to-market value of everything held, at MARKET prices (USD). */
  equity: number[];
  /** Equity minus the costs of closing (perp close fees). */
  exitValue: number[];
  /** The starting capital held untouched. */
  holdEquity: number[];
  /** The starting capital supplied, unlevered, at its market's supply rate. */
  supplyOnlyEquity: number[];
  /** Lowest health factor over lending accounts at the day's close, ORACLE prices, before any action; null: no debt. */
  healthFactor: (number | null)[];
  /** The same after the day's automation and liquidations. */
  healthFactorAfterActions: (number | null)[];
  /** Debt / collateral at ORACLE prices over all lending accounts (0 when no collateral). */
  ltv: number[];
  /** Collateral-enabled supplies and debts at MARKET prices. */
  collateralUsd: number[];
  debtUsd: number[];
  /** Collateral at ORACLE prices (differs from collateralUsd when a peg breaks). */
  oracleCollateralUsd: number[];
  /** LP value − value of holding the deposited tokens, before fees (negative = loss). */
  impermanentLossUsd: number[];
  interestEarnedUsd: number[];
  interestPaidUsd: number[];
  feesUsd: number[];
  rewardsUsd: number[];
  /** Funding received (negative: paid). */
  fundingUsd: number[];
  gasUsd: number[];
}

/** The daily figures, in the order every export writes them (after the date). */
export const DAILY_SERIES_FIGURES = [
  'equity',
  'exitValue',
  'holdEquity',
  'supplyOnlyEquity',
  'healthFactor',
  'healthFactorAfterActions',
  'ltv',
  'collateralUsd',
  'debtUsd',
  'oracleCollateralUsd',
  'impermanentLossUsd',
  'interestEarnedUsd',
  'interestPaidUsd',
  'feesUsd',
  'rewardsUsd',
  'fundingUsd',
  'gasUsd',
] as const satisfies readonly (keyof DailySeries)[];

export type BacktestEvent =
  | {
      type: 'liquidation';
      date: string;
      marketId: string;
      debtAsset: string;
      collateralAsset: string;
      /** Token units. */
      debtRepaid: string;
      collateralSeized: string;
      /** Seized value at market prices that day. */
      collateralSeizedUsd: number;
      /** Seized − repaid at oracle prices: what the liquidator earned from the account. */
      bonusUsd: number;
      closeFactor: string;
      healthFactorBefore: number;
      healthFactorAfter: number | null;
      /** Aave v3.3: the debt left when no collateral remains, burned as the market's deficit (USD). */
      deficitUsd?: number;
    }
  | {
      type: 'deleverage' | 'releverage';
      date: string;
      marketId: string;
      collateralAsset: string;
      debtAsset: string;
      /** Token units withdrawn (deleverage) or supplied (releverage). */
      collateralAmount: string;
      /** Token units repaid (deleverage) or borrowed (releverage). */
      debtAmount: string;
      swapFeeUsd: number;
      gasUsd: number;
      healthFactorBefore: number;
      healthFactorAfter: number | null;
    }
  | {
      type: 'harvest';
      date: string;
      stepId: string;
      rewardsUsd: number;
      /** Units of `sellInto` after swap fee and gas. */
      proceeds: string;
      sellInto: string;
      gasUsd: number;
      reinvestedInto: string | null;
    }
  | {
      type: 'perp-liquidation';
      date: string;
      stepId: string;
      asset: string;
      side: 'long' | 'short';
      price: number;
      marginLostUsd: number;
    };

export interface BacktestStats {
  /** Value of the starting capital on the first day, before entry costs (USD): the base of returns. */
  startCapitalUsd: number;
  startEquityUsd: number;
  endEquityUsd: number;
  totalReturn: number;
  annualizedReturn: number | null;
  maxDrawdown: number;
  maxDrawdownPeakDate: string | null;
  maxDrawdownTroughDate: string | null;
  volatility: number;
  sharpe: number | null;
  minHealthFactor: number | null;
  minHealthFactorDate: string | null;
  daysUnder1_2: number;
  liquidationCount: number;
  perpLiquidationCount: number;
  collateralSeizedUsd: number;
}

export interface BenchmarkStats {
  startEquityUsd: number;
  endEquityUsd: number;
  totalReturn: number;
  maxDrawdown: number;
}

export interface RateUsage {
  marketId: string;
  mode: RateMode;
  /** Share of (day × rate series used) that came from stored history; 0 in `model` mode. */
  historyShare: number;
  series: { asset: string; side: RateSide; historyDays: number; days: number }[];
}

export interface PriceCoverage {
  /** Days on which an asset had no close and the previous close was carried. */
  carriedDays: Record<string, string[]>;
  /** Assets without history priced through their peg (e.g. WETH from ETH). */
  pegDerived: string[];
  /** Assets without history or peg: held at the strategy's price every day. */
  constantPrice: string[];
  /**
   * Assets whose own series starts after the first day, priced before it through their peg chain
   * (wstETH = stETH × exchange rate), scaled to meet the own series on its first day: the days so
   * priced (`from`…`to`) and the chain's anchor. Absent when none.
   */
  pegBackfilled?: Record<string, { from: string; to: string; days: number; via: string }>;
}

export interface FinalPosition {
  wallet: Record<string, string>;
  lending: { marketId: string; supplies: Record<string, string>; debts: Record<string, string> }[];
  stakes: { stepId: string; asset: string; amount: string; pendingRewards: string }[];
  perps: { stepId: string; open: boolean; margin: string }[];
}

/** How often an LP position's pool price stayed inside its range (full-range pools: always). */
export interface LpRangeReport {
  stepId: string;
  assets: [string, string];
  poolType: 'constant-product' | 'concentrated' | 'stableswap';
  /** Range bounds (asset0 in asset1), null for full-range pools. */
  lower: number | null;
  upper: number | null;
  /** 1 on a day the pool price (market price0 / price1) was in [lower, upper), else 0. */
  inRange: number[];
  inRangeDays: number;
  inRangeShare: number;
}

export interface BacktestReport {
  ok: true;
  from: string;
  to: string;
  series: DailySeries;
  /** Market close per day (USD) of every priced asset the strategy uses. */
  prices: Record<string, number[]>;
  lps: LpRangeReport[];
  events: BacktestEvent[];
  stats: BacktestStats;
  benchmarks: { hold: BenchmarkStats; supplyOnly: BenchmarkStats };
  rateUsage: RateUsage[];
  priceCoverage: PriceCoverage;
  final: FinalPosition;
  warnings: EngineIssue[];
}

export interface BacktestFailure {
  ok: false;
  errors: EngineIssue[];
}

export type BacktestResult = BacktestReport | BacktestFailure;

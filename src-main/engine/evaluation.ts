import type { EngineIssue, StepOutcome } from './position';

/**
 * The result of `evaluate`. Money is USD as decimal strings; rates and ratios are fractions as
 * decimal strings ("0.05" = 5%); units are token units as decimal strings. Null means "not
 * defined" (no debt, equity ≤ 0, no price can liquidate) — never a sentinel number.
 * docs/evaluation-output.md documents every key.
 */
export interface Evaluation {
  ok: boolean;
  name: string | null;
  equityUsd: string | null;
  collateralUsd: string | null;
  debtUsd: string | null;
  leverage: string | null;
  ltv: string | null;
  healthFactor: HealthFactorOutput;
  maxBorrowUsd: string | null;
  liquidationPrice: Record<string, string | null>;
  liquidationDrop: Record<string, string | null>;
  liquidations: LiquidationOutput[];
  netExposure: Record<string, ExposureOutput>;
  netExposureByRoot: Record<string, ExposureOutput>;
  /** Per asset: units by source (held, supplied, in LPs, debt, perps) and net, with USD. */
  exposure: AssetExposureOutput[];
  /** Net exposure per volatile price root and whether it is delta-neutral. */
  delta: DeltaOutput[];
  /** Every volatile root delta-neutral; null without any volatile exposure. */
  deltaNeutral: boolean | null;
  perps: PerpOutput[];
  netApr: string | null;
  netApy: string | null;
  breakdown: Record<BreakdownKey, BreakdownEntry> | null;
  compounding: CompoundingOutput | null;
  lendingRates: Record<string, Record<string, RatesOutput>>;
  projection: Array<{ day: number; equityUsd: string }>;
  impermanentLoss: ImpermanentLossOutput[];
  balances: StepOutcome[];
  /** Steps left out of the figures: skipped for format errors (id, else path) or failed. */
  stepsNotApplied: string[];
  entryCostsUsd: string | null;
  warnings: EngineIssue[];
  errors: EngineIssue[];
}

export type BreakdownKey =
  | 'supplyInterest'
  | 'borrowInterest'
  | 'lpFees'
  | 'rewards'
  | 'funding'
  | 'stakingYield'
  | 'gas'
  | 'harvestSwapFees';

export interface BreakdownEntry {
  usdPerYear: string;
  /** usdPerYear / equityUsd. */
  apr: string | null;
}

export interface HealthFactorOutput {
  /** Minimum over markets with debt; null when no market has debt. */
  overall: string | null;
  noDebt: boolean;
  byMarket: Record<
    string,
    {
      healthFactor: string | null;
      noDebt: boolean;
      ltv: string;
      collateralUsd: string;
      debtUsd: string;
      borrowPowerUsd: string;
      maxBorrowUsd: string;
    }
  >;
}

export interface LiquidationOutput {
  key: string;
  asset: string;
  source: 'lending' | 'perp';
  marketId: string;
  stepId: string | null;
  currentPriceUsd: string;
  priceUsd: string;
  direction: 'down' | 'up';
  /** 1 − priceUsd / currentPriceUsd: positive = the price must fall, negative = rise. */
  drop: string;
  method: 'closed-form' | 'root-finder';
}

export interface ExposureOutput {
  units: string;
  usd: string;
}

export interface RatesOutput {
  supplyApr: string;
  borrowApr: string;
  utilization: string | null;
}

export interface CompoundingOutput {
  harvestFrequencyDays: string | null;
  harvestsPerYear: string | null;
  reinvestInto: string | null;
  reinvestApr: string | null;
}

export interface ImpermanentLossOutput {
  stepId: string;
  poolType: 'constant-product' | 'concentrated' | 'stableswap';
  assets: [string, string];
  entryPrice: string;
  current: {
    priceMultiple: string;
    impermanentLoss: string;
    valueUsd: string;
    holdValueUsd: string;
    inRange: boolean;
  };
  curve: Array<{ priceMultiple: string; impermanentLoss: string }>;
  /** The current pool price (asset0 in asset1). */
  price: string;
  /** Range bounds of a concentrated pool (asset0 in asset1); null for full-range pools. */
  range: { lower: string; upper: string } | null;
  /** At pool-price moves of −50/−25/−10/+10/+25/+50 % from the current price. */
  moves: Array<{
    move: string;
    priceMultiple: string;
    price: string;
    impermanentLoss: string;
    impermanentLossUsd: string;
    netOfFeesUsd: string;
    inRange: boolean;
  }>;
  /** Fees over horizonDays against the loss; breakEven moves are fractions of the current price. */
  fees: {
    horizonDays: number;
    feeApr: string;
    feesUsd: string;
    breakEvenDown: string | null;
    breakEvenUp: string | null;
  };
}

export interface AssetExposureOutput {
  asset: string;
  root: string;
  priceUsd: string;
  /** Token units: wallet, staked and perp margin. */
  held: string;
  supplied: string;
  lp: string;
  /** Negative: owed. */
  debt: string;
  /** Signed: + long, − short. */
  perp: string;
  net: string;
  netUsd: string;
}

export interface DeltaOutput {
  root: string;
  netUnits: string;
  netUsd: string;
  longUsd: string;
  shortUsd: string;
  shareOfEquity: string | null;
  neutral: boolean;
}

export interface PerpOutput {
  stepId: string;
  marketId: string;
  asset: string;
  side: 'long' | 'short';
  size: string;
  notionalUsd: string;
  entryPriceUsd: string;
  markPriceUsd: string;
  marginAsset: string;
  margin: string;
  marginUsd: string;
  unrealizedPnlUsd: string;
  equityUsd: string;
  leverage: string | null;
  marginRatio: string;
  maintenanceRatio: string;
  liquidationPriceUsd: string | null;
  liquidationDrop: string | null;
  fundingUsdPerYear: string;
}

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
  /**
   * Each loop with its leverage measured as its target is (its lending accounts plus the wallet
   * balances of the assets its body moves) and the whole portfolio's, after the chain.
   */
  loops: Array<{
    stepId: string;
    marketIds: string[];
    targetLeverage: string | null;
    accountLeverage: string | null;
    portfolioLeverage: string | null;
  }>;
  ltv: string | null;
  healthFactor: HealthFactorOutput;
  maxBorrowUsd: string | null;
  liquidationPrice: Record<string, string | null>;
  liquidationDrop: Record<string, string | null>;
  liquidations: LiquidationOutput[];
  netExposure: Record<string, ExposureOutput>;
  netExposureByRoot: Record<string, ExposureOutput>;
  netApr: string | null;
  netApy: string | null;
  breakdown: Record<BreakdownKey, BreakdownEntry> | null;
  compounding: CompoundingOutput | null;
  lendingRates: Record<string, Record<string, RatesOutput>>;
  projection: Array<{ day: number; equityUsd: string }>;
  impermanentLoss: ImpermanentLossOutput[];
  balances: StepOutcome[];
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
}

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
  /** Per asset: units by source (held, supplied, in LPs, debt, perps) and net, with USD. */
  exposure: AssetExposureOutput[];
  /** Net exposure per volatile price root and whether it is delta-neutral. */
  delta: DeltaOutput[];
  /** Every volatile root delta-neutral; null without any volatile exposure. */
  deltaNeutral: boolean | null;
  netApr: string | null;
  netApy: string | null;
  breakdown: Record<BreakdownKey, BreakdownEntry> | null;
  compounding: CompoundingOutput | null;
  lendingRates: Record<string, Record<string, RatesOutput>>;
  projection: Array<{ day: number; equityUsd: string }>;
  impermanentLoss: ImpermanentLossOutput[];
  /** Each open perp marked to the valuation prices. */
  perps: PerpOutput[];
  /** The prices a what-if can move (`evaluate(…, { at })`), with entry and valuation prices. */
  priceInputs: PriceInputOutput[];
  /** Set when the figures are valued at what-if prices (`evaluate(…, { at })`); null at entry prices. */
  whatIf: WhatIfOutput | null;
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
  sizeUnits: string;
  entryPriceUsd: string;
  /** The valuation price of the underlying. */
  markPriceUsd: string;
  /** sizeUnits × markPriceUsd. */
  notionalUsd: string;
  marginAsset: string;
  /** Margin after the open fee, units of marginAsset. */
  marginUnits: string;
  marginUsd: string;
  /** Unrealized PnL: ±size × (mark − entry), + for a long. */
  pnlUsd: string;
  /** marginUsd + pnlUsd. */
  equityUsd: string;
  /** notionalUsd / equityUsd; null when equity ≤ 0. */
  leverage: string | null;
  /** equityUsd / notionalUsd (liquidated when it falls to maintenance + close fee rate). */
  marginRatio: string | null;
  /** (maintenanceMarginRate + closeFeeRate) × notionalUsd. */
  maintenanceUsd: string;
  liquidationPriceUsd: string | null;
}

export interface WhatIfOutput {
  /** The what-if prices as given (USD per unit). */
  at: Record<string, string>;
  /** Every price used, after assets pegged to a named asset moved with it. */
  prices: Record<string, string>;
  /** Equity at the strategy's own (entry) prices. */
  entryEquityUsd: string;
  /** equityUsd − entryEquityUsd. */
  equityChangeUsd: string;
}

export interface PriceInputOutput {
  asset: string;
  /** `price`: an unpegged asset (ETH; what is pegged to it moves with it); `peg`: a pegged stable or liquid-staking asset's own market price (a depeg). */
  control: 'price' | 'peg';
  assetKind: 'volatile' | 'stable' | 'liquid-staking' | null;
  /** What a `peg` control's asset is pegged to; null for `price`. */
  pegAsset: string | null;
  entryPriceUsd: string;
  /** At the valuation (what-if) prices; equals entryPriceUsd without `at`. */
  priceUsd: string;
}

import type { Decimal } from './decimal';
import type { HarvestStep, LendingMarket, Pool, Strategy } from './format/schema';

/**
 * The position a chain of steps builds: the shared state that `evaluate` reports on, the backtest
 * evolves day by day, and the Monte Carlo engine copies into Float64 arrays.
 *
 * Amounts are token units (Decimal); prices are USD per unit and live outside the position
 * (a `PriceMap`), so the same position can be revalued at any prices.
 */

/** USD price per unit of each asset. LP tokens are not priced here: they are valued by pool math. */
export type PriceMap = ReadonlyMap<string, Decimal>;

export interface SupplyBalance {
  asset: string;
  amount: Decimal; // token units, including accrued interest
  collateral: boolean;
}

export interface LendingAccount {
  marketId: string;
  market: LendingMarket; // parameters with defaults applied (e-mode already in `market.eMode`)
  supplies: Map<string, SupplyBalance>; // by asset
  debts: Map<string, Decimal>; // by asset, token units including accrued interest
}

/**
 * A liquidity position. For constant-product and stableswap pools it holds `shares` of a reference
 * pool described by `reserves`; for a concentrated range it holds liquidity `L` over [lower, upper]
 * with prices of assets[0] in assets[1].
 */
export interface LpPosition {
  token: string; // 'LP:<stepId>'
  stepId: string;
  marketId: string;
  pool: Pool;
  /** Amounts of assets[0], assets[1] deposited at entry, and the entry price of assets[0] in assets[1]. */
  entryAmounts: [Decimal, Decimal];
  entryPrice: Decimal;
  /** Concentrated liquidity L (sqrt-price units) or, for full-range pools, the invariant's liquidity. */
  liquidity: Decimal;
  feeApr: Decimal;
  /** Units of the LP token in existence for this position (1 LP token = 1 unit of liquidity share). */
  supply: Decimal;
}

export interface StakePosition {
  stepId: string;
  marketId: string;
  asset: string; // token or 'LP:<stepId>'
  amount: Decimal;
  rewardAsset: string;
  rewardApr: Decimal; // of staked USD value per year
}

export interface PerpPosition {
  stepId: string;
  marketId: string;
  asset: string;
  side: 'long' | 'short';
  size: Decimal; // units of the underlying (positive)
  entryPrice: Decimal; // USD
  marginAsset: string;
  margin: Decimal; // units of the margin asset, net of fees paid from margin
  fundingApr: Decimal; // positive: longs pay shorts
  maintenanceMarginRate: Decimal;
  closeFeeRate: Decimal;
}

export interface HarvestPlan {
  stepId: string;
  frequencyDays: Decimal;
  gasUsd: Decimal;
  sellInto: string;
  swapFeeRate: Decimal;
  reinvestInto: string | null; // step id
}

export interface PositionState {
  /** Free balances held outside any protocol, by asset. */
  wallet: Map<string, Decimal>;
  lending: Map<string, LendingAccount>; // by market id
  lps: Map<string, LpPosition>; // by LP token symbol
  stakes: StakePosition[];
  perps: PerpPosition[];
  harvests: HarvestPlan[];
}

/** Result of executing a chain once at given prices: the position and what each step did. */
export interface BuiltPosition {
  strategy: Strategy; // normalized (defaults applied)
  prices: PriceMap;
  position: PositionState;
  /** Balances after each step, in chain order (for the chain view). */
  steps: StepOutcome[];
  errors: EngineIssue[];
  warnings: EngineIssue[];
}

export interface StepOutcome {
  stepId: string;
  type: string;
  /** Wallet balances after the step (token units, strings). */
  wallet: Record<string, string>;
  /** Human-readable summary of what the step did, e.g. "borrowed 12000 USDC". */
  summary: string;
  /** False when the step (or part of a loop body) failed; its errors name this step. */
  ok: boolean;
  /** One-off costs the step paid, USD at the evaluation prices: swap fees, price impact, flash-loan and perp open fees. */
  costsUsd: string;
  /** The lending market the step works on, if any, and its health factor right after the step (null: no debt). */
  lendingMarketId?: string;
  healthFactor?: string | null;
}

/** A problem with user input, tied to the step and field it came from. */
export interface EngineIssue {
  code: string; // short code, e.g. 'BORROW_NO_COLLATERAL'
  message: string;
  stepId?: string;
  field?: string; // dotted path within the step, e.g. 'amount.value'
  /**
   * The ids and figures the message is made of, for a reader that words it itself (the app
   * names markets by their display names). Set where the message carries figures.
   */
  params?: Record<string, string>;
}

export type { HarvestStep };

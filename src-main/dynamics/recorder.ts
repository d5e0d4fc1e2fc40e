/**
 * What the kernel tells a recorder (the backtest's series and events; the Monte Carlo passes none,
 * so its hot loop only tests one null per day). A recorder observes lane 0.
 */
export interface LiquidationRecord {
  account: number;
  debtSlot: number;
  collateralSlot: number;
  debtRepaid: number;
  collateralSeized: number;
  /** Seized units × the collateral's market price. */
  collateralSeizedUsd: number;
  /** Seized − repaid at oracle prices: what the liquidator earned from the account. */
  bonusUsd: number;
  closeFactor: number;
  healthFactorBefore: number;
  healthFactorAfter: number;
  /** Aave v3.3: debt burned as the market's deficit when no collateral is left (market prices). */
  deficitUsd?: number;
}

export interface AutomationRecord {
  kind: 'deleverage' | 'releverage';
  account: number;
  collateralSlot: number;
  debtSlot: number;
  /** Units withdrawn (deleverage) or supplied (re-leverage). */
  collateralAmount: number;
  /** Units repaid (deleverage) or borrowed (re-leverage). */
  debtAmount: number;
  swapFeeUsd: number;
  gasUsd: number;
  healthFactorBefore: number;
  healthFactorAfter: number;
}

export interface HarvestRecord {
  harvest: number;
  rewardsUsd: number;
  /** Units of the harvest's `sellInto` after swap fee and gas. */
  proceeds: number;
  gasUsd: number;
  /** Whether the proceeds went into a step (else into the wallet). */
  reinvested: boolean;
}

export interface PerpLiquidationRecord {
  perp: number;
  price: number;
  marginLostUsd: number;
}

/** Cumulative flows, USD at the price of the day they happened. */
export interface FlowTotals {
  interestEarnedUsd: number;
  interestPaidUsd: number;
  feesUsd: number;
  rewardsUsd: number;
  fundingUsd: number;
  gasUsd: number;
}

/** One day's close, after the day's actions (lane 0). */
export interface DayRecord {
  equityUsd: number;
  /** Equity minus the costs of closing (perp close fees). */
  exitValueUsd: number;
  /** Lowest HF over accounts at the close, before the day's actions (Infinity: no debt). */
  healthFactorBefore: number;
  healthFactorAfter: number;
  /** Collateral and debt at oracle prices after the actions. */
  oracleCollateralUsd: number;
  oracleDebtUsd: number;
  /** Collateral-enabled supplies and debts at market prices. */
  collateralUsd: number;
  debtUsd: number;
  /** LP value − value of holding the deposited tokens (fees excluded). */
  impermanentLossUsd: number;
}

export interface Recorder {
  /** Flows the kernel adds to as they happen. */
  readonly totals: FlowTotals;
  liquidation(day: number, e: LiquidationRecord): void;
  automation(day: number, e: AutomationRecord): void;
  harvest(day: number, e: HarvestRecord): void;
  perpLiquidation(day: number, e: PerpLiquidationRecord): void;
  /** A day of interest on a non-zero balance; `fromHistory`: the rate input covered it. */
  rateDay(slot: number, side: 'supply' | 'borrow', fromHistory: boolean): void;
  day(day: number, record: DayRecord): void;
}

import { Harvester } from './harvest';
import { LendingLanes, type RateInput } from './lending/lanes';
import { LendingSettlement } from './lending/settle';
import { LpLanes } from './lp';
import { LaneOutcomes } from './outcomes';
import { PerpLanes } from './perp';
import type { CompiledPosition } from './position';
import { MarketLanes, type PriceInput } from './prices';
import type { DayRecord, Recorder } from './recorder';
import { StakeLanes } from './stake';
import { WalletLanes } from './wallet';

/**
 * The one daily kernel of a position, run by the backtest (one lane, with a recorder) and the
 * Monte Carlo (blocks of many lanes, no recorder). One day, for every lane:
 *   1. (day > 0) the day that passed accrues at yesterday's prices: interest on supply and debt
 *      (the day's rate input, else the fixed rate or the utilization curve), LP fees while in range
 *      (compounding into the position), stake rewards, perp funding;
 *   2. (day > 0) today's prices: the price input (history series or simulated factor moves),
 *      pegged assets follow their root, exchange-rate oracles grow;
 *   3. LP tokens revalue by pool math;
 *   4. (day > 0) harvests on their schedule;
 *   5. every lending account at ORACLE prices: the path's lowest HF is read, then deleverage under
 *      its trigger, the account's liquidation design while HF < 1, else re-leverage above its
 *      trigger (lending/settle.ts); perps under maintenance margin are liquidated;
 *   6. equity at MARKET prices, on the days asked for (each account floored at 0: non-recourse).
 * Day 0 is the opening day: no accrual or harvest, but the checks of step 5 run as on every day.
 *
 * Layout for speed: every state variable is stored lane-minor (`state[item * stride + lane]`), so
 * each operation is a tight loop over contiguous Float64Array elements — the numpy idea, without
 * temporaries. Rare branches (liquidation, automation, harvest) run per lane. Nothing is allocated
 * per day or per lane. Each kind of position is one module with its layout, compile step and lanes
 * (see docs/architecture.md, "Adding a step type").
 */
export class DailyKernel {
  readonly market: MarketLanes;
  readonly lending: LendingLanes;
  readonly lps: LpLanes;
  readonly stakes: StakeLanes;
  readonly perps: PerpLanes;
  readonly wallet: WalletLanes;
  readonly outcomes: LaneOutcomes;
  private readonly settlement: LendingSettlement;
  private readonly harvester: Harvester;
  /** Equity of each lane after `equity()`. */
  readonly equityLanes: Float64Array;
  /** Equity at the start prices, before any day passes. */
  readonly startEquity: number;
  private readonly accounts: number;

  constructor(
    readonly c: CompiledPosition,
    /** Lanes per block (the arrays' stride). */
    readonly stride: number,
  ) {
    this.market = new MarketLanes(c.prices, stride);
    this.outcomes = new LaneOutcomes(stride);
    this.lending = new LendingLanes(c.lending, this.market, stride, this.outcomes);
    this.settlement = new LendingSettlement(this.lending, c.automation);
    this.lps = new LpLanes(c.lps, this.market, stride);
    this.stakes = new StakeLanes(c.stakes, this.market, stride);
    this.perps = new PerpLanes(c.perps, this.market, stride, this.outcomes);
    this.wallet = new WalletLanes(c.wallet, this.market, stride);
    this.harvester = new Harvester(c.harvests, {
      market: this.market,
      stride,
      stakes: this.stakes,
      lending: this.lending,
      lps: this.lps,
      wallet: this.wallet,
    });
    this.equityLanes = new Float64Array(stride);
    this.accounts = c.lending.accountIds.length;
    this.reset(1);
    this.equity(1);
    this.startEquity = this.equityLanes[0]!;
  }

  /**
   * Runs days 0..`days` on `lanes` lanes from the start position. `onClose(day)` is called after
   * the days listed in `closeDays` (ascending) with `equityLanes` filled; the outcomes and the
   * equity of the last day are left in `outcomes` and `equityLanes`.
   */
  run(input: {
    lanes: number;
    days: number;
    prices: PriceInput;
    rates?: RateInput;
    recorder?: Recorder | null;
    closeDays?: Int32Array;
    onClose?: (day: number) => void;
  }): void {
    const { lanes, days, prices } = input;
    const rates = input.rates ?? null;
    const rec = input.recorder ?? null;
    const closeDays = input.closeDays;
    const totals = rec ? rec.totals : null;
    this.reset(lanes);
    let close = 0;
    for (let day = 0; day <= days; day++) {
      this.outcomes.day = day;
      if (day > 0) {
        this.lending.accrue(lanes, day - 1, rates, rec, totals);
        this.lps.accrue(lanes, totals);
        this.stakes.accrue(lanes, totals);
        this.perps.accrue(lanes, totals);
        this.market.move(lanes, day, prices);
        this.lending.moveOracles();
      }
      this.lps.revalue(lanes);
      if (day > 0) this.harvester.run(lanes, day, rec);
      const hfBefore = rec ? this.lowestHealth() : 0;
      this.settlement.settle(lanes, rec);
      this.perps.mark(lanes, rec);
      const closing =
        closeDays !== undefined && close < closeDays.length && closeDays[close] === day;
      if (closing || rec || day === days) this.equity(lanes);
      if (closing) {
        close++;
        input.onClose?.(day);
      }
      if (rec) rec.day(day, this.dayRecord(hfBefore));
    }
  }

  private reset(lanes: number): void {
    this.market.reset(lanes);
    this.wallet.reset(lanes);
    this.lending.reset(lanes);
    this.lps.reset();
    this.stakes.reset(lanes);
    this.perps.reset(lanes);
    this.outcomes.reset();
    this.lps.revalue(lanes);
  }

  /** Mark-to-market equity (USD, market prices) of every lane into `equityLanes`. */
  equity(lanes: number): void {
    const e = this.equityLanes;
    e.fill(0, 0, lanes);
    this.wallet.equity(e, lanes);
    this.lending.equity(e, lanes);
    this.stakes.equity(e, lanes);
    this.perps.equity(e, lanes);
  }

  /** Lane 0's lowest health factor over accounts now (Infinity without debt). */
  private lowestHealth(): number {
    let hf = Infinity;
    for (let a = 0; a < this.accounts; a++) hf = Math.min(hf, this.lending.health(a, 0));
    return hf;
  }

  private readonly record: DayRecord = {
    equityUsd: 0,
    exitValueUsd: 0,
    healthFactorBefore: Infinity,
    healthFactorAfter: Infinity,
    oracleCollateralUsd: 0,
    oracleDebtUsd: 0,
    collateralUsd: 0,
    debtUsd: 0,
    impermanentLossUsd: 0,
  };

  private dayRecord(hfBefore: number): DayRecord {
    const r = this.record;
    r.equityUsd = this.equityLanes[0]!;
    r.exitValueUsd = r.equityUsd - this.perps.exitCostUsd();
    r.healthFactorBefore = hfBefore;
    r.healthFactorAfter = this.lowestHealth();
    r.oracleCollateralUsd = 0;
    r.oracleDebtUsd = 0;
    for (let a = 0; a < this.accounts; a++) {
      const t = this.lending.totals(a, 0);
      r.oracleCollateralUsd += t.collateralUsd;
      r.oracleDebtUsd += t.debtUsd;
    }
    const exposure = this.lending.marketExposure();
    r.collateralUsd = exposure.collateralUsd;
    r.debtUsd = exposure.debtUsd;
    r.impermanentLossUsd = this.lps.impermanentLossUsd();
    return r;
  }
}

/** Equity of a compiled position at its start prices, valued exactly as the kernel values every day. */
export function valueAtStart(c: CompiledPosition): number {
  return new DailyKernel(c, 1).startEquity;
}

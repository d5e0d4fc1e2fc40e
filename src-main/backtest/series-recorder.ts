import type { CompiledPosition } from '../dynamics/position';
import type {
  AutomationRecord,
  DayRecord,
  FlowTotals,
  HarvestRecord,
  LiquidationRecord,
  PerpLiquidationRecord,
  Recorder,
} from '../dynamics/recorder';
import { isoFromDay } from '../market-data/calendar';
import type { BacktestEvent, DailySeries, RateSide } from './types';

/** Token units for the report: the shortest decimal that reads back as the kernel's Float64 balance. */
export function units(x: number): string {
  return x === 0 ? '0' : String(x);
}

/** Infinity (no debt) becomes null for JSON. */
export const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export interface RateTrackCount {
  slot: number;
  side: RateSide;
  historyDays: number;
  days: number;
}

/** The backtest's recorder: the kernel's lane 0 as the report's daily series and events. */
export class SeriesRecorder implements Recorder {
  readonly totals: FlowTotals = {
    interestEarnedUsd: 0,
    interestPaidUsd: 0,
    feesUsd: 0,
    rewardsUsd: 0,
    fundingUsd: 0,
    gasUsd: 0,
  };
  readonly series: DailySeries;
  readonly events: BacktestEvent[] = [];
  /** Rate use per account: supply tracks, then borrow tracks, each in the order first used. */
  readonly supplyTracks: Map<number, RateTrackCount>[];
  readonly borrowTracks: Map<number, RateTrackCount>[];
  private readonly slotAccount: Int32Array;
  private readonly progressEvery: number;

  constructor(
    private readonly c: CompiledPosition,
    grid: Float64Array,
    /** Told the share of the grid recorded, about every 1% of days (a job's progress). */
    private readonly progress?: (fraction: number) => void,
  ) {
    const n = grid.length;
    this.progressEvery = Math.max(1, Math.floor(n / 100));
    const zeros = () => new Array<number>(n).fill(0);
    this.series = {
      ts: Array.from(grid),
      date: Array.from(grid, isoFromDay),
      equity: zeros(),
      exitValue: zeros(),
      holdEquity: zeros(),
      supplyOnlyEquity: zeros(),
      healthFactor: new Array<number | null>(n).fill(null),
      healthFactorAfterActions: new Array<number | null>(n).fill(null),
      ltv: zeros(),
      collateralUsd: zeros(),
      debtUsd: zeros(),
      oracleCollateralUsd: zeros(),
      impermanentLossUsd: zeros(),
      interestEarnedUsd: zeros(),
      interestPaidUsd: zeros(),
      feesUsd: zeros(),
      rewardsUsd: zeros(),
      fundingUsd: zeros(),
      gasUsd: zeros(),
    };
    const accounts = c.lending.accountIds.length;
    this.supplyTracks = Array.from({ length: accounts }, () => new Map());
    this.borrowTracks = Array.from({ length: accounts }, () => new Map());
    this.slotAccount = new Int32Array(c.lending.slotAsset.length);
    for (let a = 0; a < accounts; a++) {
      for (let s = c.lending.accountStart[a]!; s < c.lending.accountStart[a + 1]!; s++) {
        this.slotAccount[s] = a;
      }
    }
  }

  private asset(slot: number): string {
    return this.c.prices.assets[this.c.lending.slotAsset[slot]!]!;
  }

  private date(day: number): string {
    return this.series.date[day]!;
  }

  liquidation(day: number, e: LiquidationRecord): void {
    this.events.push({
      type: 'liquidation',
      date: this.date(day),
      marketId: this.c.lending.accountIds[e.account]!,
      debtAsset: this.asset(e.debtSlot),
      collateralAsset: this.asset(e.collateralSlot),
      debtRepaid: units(e.debtRepaid),
      collateralSeized: units(e.collateralSeized),
      collateralSeizedUsd: e.collateralSeizedUsd,
      bonusUsd: e.bonusUsd,
      closeFactor: String(e.closeFactor),
      healthFactorBefore: e.healthFactorBefore,
      healthFactorAfter: finiteOrNull(e.healthFactorAfter),
      ...(e.deficitUsd ? { deficitUsd: e.deficitUsd } : {}),
    });
  }

  automation(day: number, e: AutomationRecord): void {
    this.events.push({
      type: e.kind,
      date: this.date(day),
      marketId: this.c.lending.accountIds[e.account]!,
      collateralAsset: this.asset(e.collateralSlot),
      debtAsset: this.asset(e.debtSlot),
      collateralAmount: units(e.collateralAmount),
      debtAmount: units(e.debtAmount),
      swapFeeUsd: e.swapFeeUsd,
      gasUsd: e.gasUsd,
      healthFactorBefore: e.healthFactorBefore,
      healthFactorAfter: finiteOrNull(e.healthFactorAfter),
    });
  }

  harvest(day: number, e: HarvestRecord): void {
    const h = this.c.harvests;
    this.events.push({
      type: 'harvest',
      date: this.date(day),
      stepId: h.stepIds[e.harvest]!,
      rewardsUsd: e.rewardsUsd,
      proceeds: units(e.proceeds),
      sellInto: this.c.prices.assets[h.sellInto[e.harvest]!]!,
      gasUsd: e.gasUsd,
      reinvestedInto: e.reinvested ? h.targetStepIds[e.harvest]! : null,
    });
  }

  perpLiquidation(day: number, e: PerpLiquidationRecord): void {
    const p = this.c.perps;
    this.events.push({
      type: 'perp-liquidation',
      date: this.date(day),
      stepId: p.stepIds[e.perp]!,
      asset: this.c.prices.assets[p.asset[e.perp]!]!,
      side: p.side[e.perp]! > 0 ? 'long' : 'short',
      price: e.price,
      marginLostUsd: e.marginLostUsd,
    });
  }

  rateDay(slot: number, side: RateSide, fromHistory: boolean): void {
    const a = this.slotAccount[slot]!;
    const tracks = side === 'supply' ? this.supplyTracks[a]! : this.borrowTracks[a]!;
    let track = tracks.get(slot);
    if (!track) tracks.set(slot, (track = { slot, side, historyDays: 0, days: 0 }));
    track.days++;
    if (fromHistory) track.historyDays++;
  }

  day(day: number, r: DayRecord): void {
    const s = this.series;
    const t = this.totals;
    s.equity[day] = r.equityUsd;
    s.exitValue[day] = r.exitValueUsd;
    s.healthFactor[day] = finiteOrNull(r.healthFactorBefore);
    s.healthFactorAfterActions[day] = finiteOrNull(r.healthFactorAfter);
    s.ltv[day] = r.oracleCollateralUsd > 0 ? r.oracleDebtUsd / r.oracleCollateralUsd : 0;
    s.collateralUsd[day] = r.collateralUsd;
    s.debtUsd[day] = r.debtUsd;
    s.oracleCollateralUsd[day] = r.oracleCollateralUsd;
    s.impermanentLossUsd[day] = r.impermanentLossUsd;
    s.interestEarnedUsd[day] = t.interestEarnedUsd;
    s.interestPaidUsd[day] = t.interestPaidUsd;
    s.feesUsd[day] = t.feesUsd;
    s.rewardsUsd[day] = t.rewardsUsd;
    s.fundingUsd[day] = t.fundingUsd;
    s.gasUsd[day] = t.gasUsd;
    if (this.progress && day % this.progressEvery === 0) this.progress(day / s.ts.length);
  }
}

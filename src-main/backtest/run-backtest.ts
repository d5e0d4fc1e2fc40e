import { buildPosition } from '../engine/build-position';
import { Decimal, ONE, ZERO } from '../engine/decimal';
import type { Strategy } from '../engine/format/schema';
import type { EngineIssue, LendingAccount } from '../engine/position';
import { pegsFromStrategy, priceMapFromStrategy, type PegMap } from '../engine/prices';
import { deleverage, releverage, type AutomationContext } from './automation';
import { benchmarkSeries } from './benchmarks';
import { dayFromIso, dayGrid, isoFromDay } from './calendar';
import { ensureOracleDay, floatHealth, isHealthAbove, isHealthBelow } from './health-kernel';
import { accrueAccountDay, liquidateWhileUnhealthy, type TrackFactory } from './lending-day';
import { buildPriceBook, oracleSeries, type LazyDecimals, type PriceBook } from './pricing';
import { createRateTrack } from './rate-grid';
import { initialState, type AccountReplay, type ReplayState } from './replay-state';
import { finalPosition, lpRanges, priceSeries, summarize } from './report';
import { assetsUsed, pegAncestors } from './strategy-assets';
import {
  BacktestOptions,
  type BacktestOptionsInput,
  type BacktestResult,
  type DailySeries,
  type PriceHistory,
  type RateHistory,
  type RateUsage,
} from './types';
import { valueDay } from './valuation';
import {
  accrueLpFees,
  accruePerpFunding,
  accrueStakeRewards,
  harvest,
  harvestDue,
  markPerps,
  valueLps,
  valueStakes,
} from './yield-day';

export interface BacktestInput {
  /** A parsed strategy (defaults applied): `parseStrategy(...).strategy`. */
  strategy: Strategy;
  prices: PriceHistory;
  rates?: RateHistory;
  /** First and last day, `YYYY-MM-DD` (UTC), both included. */
  from: string;
  to: string;
  options?: BacktestOptionsInput;
}

const fail = (code: string, message: string): BacktestResult => ({
  ok: false,
  errors: [{ code, message }],
});

/**
 * Replays a strategy day by day over real history (see docs/backtest.md for the loop order):
 * the chain is built with the engine's `buildPosition` at the first day's market prices, then each
 * day accrues interest, fees, rewards and funding for the day that passed, revalues at the day's
 * close, harvests on schedule, checks every lending account at ORACLE prices (automation first, then
 * liquidations while HF < 1), marks perps, and records equity at MARKET prices.
 */
export function runBacktest(input: BacktestInput): BacktestResult {
  const parsed = BacktestOptions.safeParse(input.options ?? {});
  if (!parsed.success) {
    return fail('BACKTEST_OPTIONS_INVALID', parsed.error.issues.map((i) => i.message).join('; '));
  }
  const options = parsed.data;
  const fromTs = dayFromIso(input.from);
  const toTs = dayFromIso(input.to);
  if (fromTs === null) return fail('BACKTEST_FROM_INVALID', `not a YYYY-MM-DD day: ${input.from}`);
  if (toTs === null) return fail('BACKTEST_TO_INVALID', `not a YYYY-MM-DD day: ${input.to}`);
  if (toTs < fromTs) return fail('BACKTEST_RANGE_EMPTY', `${input.to} is before ${input.from}`);

  const { strategy } = input;
  const grid = dayGrid(fromTs, toTs);
  const pegs = pegsFromStrategy(strategy);
  const used = assetsUsed(strategy);
  const priced = buildPriceBook({
    assets: used,
    optionalAssets: pegAncestors(used, pegs),
    history: input.prices,
    grid,
    pegs,
    constantPrices: priceMapFromStrategy(strategy),
  });
  if (!priced.ok) return { ok: false, errors: priced.errors };
  const book = priced.book;

  const openingPrices = new Map<string, Decimal>();
  for (const [asset, values] of book.marketDec) openingPrices.set(asset, values.at(0));
  const built = buildPosition({ strategy, prices: openingPrices });
  if (built.errors.length > 0) return { ok: false, errors: built.errors };

  const warnings: EngineIssue[] = [...built.warnings];
  const base = initialState(built.position);
  const makeTrack: TrackFactory = (replay, asset, side) =>
    createRateTrack({
      account: replay.account,
      asset,
      side,
      mode: options.rateModes[replay.account.marketId] ?? 'model',
      history: input.rates?.[replay.account.marketId]?.[asset]?.[side],
      grid,
    });
  const state: ReplayState = {
    ...base,
    accounts: base.accounts.map((account) => accountReplay({ account, book, pegs, warnings })),
  };
  const series = replay({ state, book, grid, strategy, options, makeTrack });

  const benchmarks = benchmarkSeries({
    strategy,
    book,
    grid,
    rates: input.rates,
    rateModes: options.rateModes,
  });
  series.holdEquity = benchmarks.hold;
  series.supplyOnlyEquity = benchmarks.supplyOnly;

  return {
    ok: true,
    from: input.from,
    to: input.to,
    series,
    prices: priceSeries(book),
    lps: lpRanges(built.position.lps.values(), book),
    events: state.events,
    ...summarize({ series, events: state.events, riskFreeRate: options.riskFreeRate }),
    rateUsage: rateUsage(state, options.rateModes),
    priceCoverage: book.coverage,
    final: finalPosition(state),
    warnings,
  };
}

function accountReplay(input: {
  account: LendingAccount;
  book: PriceBook;
  pegs: PegMap;
  warnings: EngineIssue[];
}): AccountReplay {
  const { account, book, pegs } = input;
  const oracle = new Map<string, LazyDecimals>();
  const held = new Set([...account.supplies.keys(), ...account.debts.keys()]);
  for (const [asset, params] of Object.entries(account.market.assets)) {
    const series = oracleSeries({ asset, mode: params.oracle, book, pegs });
    if (series) oracle.set(asset, series);
    else if (held.has(asset)) {
      input.warnings.push({
        code: 'ORACLE_PRICE_MISSING',
        message: `${account.marketId}: no oracle price for ${asset}; it counts as 0`,
      });
    }
  }
  return {
    account,
    oracle,
    oracleToday: new Map(),
    oracleDay: -1,
    supplyTracks: new Map(),
    borrowTracks: new Map(),
    liquidationThresholds: new Map(),
    liquidationThresholdsFloat: new Map(),
  };
}

function emptySeries(grid: Float64Array): DailySeries {
  const n = grid.length;
  const zeros = () => new Array<number>(n).fill(0);
  return {
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
}

/** The daily loop. */
function replay(input: {
  state: ReplayState;
  book: PriceBook;
  grid: Float64Array;
  strategy: Strategy;
  options: BacktestOptions;
  makeTrack: TrackFactory;
}): DailySeries {
  const { state, book, strategy, options, makeTrack } = input;
  const series = emptySeries(input.grid);
  const automation = options.automation;
  const deleverageRule = automation?.deleverage;
  const releverageRule = automation?.releverage;
  const deleverageTrigger = deleverageRule ? new Decimal(deleverageRule.triggerHealthFactor) : null;
  const deleverageTarget = deleverageRule ? new Decimal(deleverageRule.targetHealthFactor) : null;
  const releverageTrigger = releverageRule ? new Decimal(releverageRule.triggerHealthFactor) : null;
  const releverageTarget = releverageRule ? new Decimal(releverageRule.targetHealthFactor) : null;
  const swapFeeRate = new Decimal(automation?.swapFeeRate ?? 0);
  const automationGas = new Decimal(automation?.gasUsd ?? 0);

  let day = 0;
  const floatAt = (asset: string, i: number) => book.market.get(asset)?.[i] ?? 0;
  const decAt = (asset: string, i: number) => book.marketDec.get(asset)?.at(i) ?? ZERO;
  const floatToday = (asset: string) => floatAt(asset, day);
  const decToday = (asset: string) => decAt(asset, day);
  const floatYesterday = (asset: string) => floatAt(asset, day - 1);
  const decYesterday = (asset: string) => decAt(asset, day - 1);

  for (day = 0; day < book.days; day++) {
    const date = series.date[day] as string;
    if (day > 0) {
      for (const replay of state.accounts) {
        accrueAccountDay({
          replay,
          rateDay: day - 1,
          marketPrice: floatYesterday,
          makeTrack,
          totals: state.totals,
        });
      }
      accrueLpFees(state);
      accrueStakeRewards(state, floatYesterday);
      accruePerpFunding(state, decYesterday);
    }

    valueLps(state, floatToday);
    valueStakes(state, floatToday);
    if (day > 0 && state.harvests.length > 0) {
      let harvested = false;
      for (const plan of state.harvests) {
        if (!harvestDue(plan, day)) continue;
        const before = state.events.length;
        harvest({ state, plan, strategy, date, marketPrice: decToday });
        harvested ||= state.events.length > before;
      }
      if (harvested) {
        valueLps(state, floatToday);
        valueStakes(state, floatToday);
      }
    }

    let hfBefore = Infinity;
    let hfAfter = Infinity;
    let oracleCollateral = 0;
    let oracleDebt = 0;
    for (const replay of state.accounts) {
      let health = floatHealth(replay, day);
      const hf = health.healthFactor;
      if (hf !== null) hfBefore = Math.min(hfBefore, hf);
      let acted = false;
      const ctx: AutomationContext = {
        replay,
        date,
        marketPrice: decToday,
        swapFeeRate,
        gasUsd: automationGas,
        totals: state.totals,
        events: state.events,
      };
      if (
        deleverageTrigger &&
        deleverageTarget &&
        isHealthBelow(replay, day, health, deleverageTrigger)
      ) {
        ensureOracleDay(replay, day);
        deleverage(ctx, deleverageTarget);
        health = floatHealth(replay, day);
        acted = true;
      }
      if (isHealthBelow(replay, day, health, ONE)) {
        ensureOracleDay(replay, day);
        if (
          liquidateWhileUnhealthy({ replay, date, marketPrice: floatToday, events: state.events }) >
          0
        ) {
          health = floatHealth(replay, day);
          acted = true;
        }
      } else if (
        releverageTrigger &&
        releverageTarget &&
        isHealthAbove(replay, day, health, releverageTrigger)
      ) {
        ensureOracleDay(replay, day);
        releverage(ctx, releverageTarget);
        health = floatHealth(replay, day);
        acted = true;
      }
      const hfNow = acted ? health.healthFactor : hf;
      if (hfNow !== null) hfAfter = Math.min(hfAfter, hfNow);
      oracleCollateral += health.collateralUsd;
      oracleDebt += health.debtUsd;
    }
    markPerps({ state, date, price: decToday });

    const value = valueDay({ state, marketFloat: floatToday, marketDec: decToday });
    series.equity[day] = value.equityUsd;
    series.exitValue[day] = value.exitValueUsd;
    series.healthFactor[day] = hfBefore === Infinity ? null : hfBefore;
    series.healthFactorAfterActions[day] = hfAfter === Infinity ? null : hfAfter;
    series.ltv[day] = oracleCollateral > 0 ? oracleDebt / oracleCollateral : 0;
    series.collateralUsd[day] = value.collateralUsd;
    series.debtUsd[day] = value.debtUsd;
    series.oracleCollateralUsd[day] = oracleCollateral;
    series.impermanentLossUsd[day] = value.impermanentLossUsd;
    series.interestEarnedUsd[day] = state.totals.interestEarnedUsd;
    series.interestPaidUsd[day] = state.totals.interestPaidUsd;
    series.feesUsd[day] = state.totals.feesUsd;
    series.rewardsUsd[day] = state.totals.rewardsUsd;
    series.fundingUsd[day] = state.totals.fundingUsd;
    series.gasUsd[day] = state.totals.gasUsd;
  }
  return series;
}

function rateUsage(
  state: ReplayState,
  modes: Readonly<Record<string, 'model' | 'history'>>,
): RateUsage[] {
  return state.accounts.map(({ account, supplyTracks, borrowTracks }) => {
    const tracks = [...supplyTracks.values(), ...borrowTracks.values()];
    const days = tracks.reduce((s, t) => s + t.days, 0);
    const historyDays = tracks.reduce((s, t) => s + t.historyDays, 0);
    return {
      marketId: account.marketId,
      mode: modes[account.marketId] ?? 'model',
      historyShare: days > 0 ? historyDays / days : 0,
      series: tracks.map((t) => ({
        asset: t.asset,
        side: t.side,
        historyDays: t.historyDays,
        days: t.days,
      })),
    };
  });
}

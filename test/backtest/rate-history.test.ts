import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src-main/backtest/run-backtest';
import { dayFromIso } from '../../src-main/backtest/calendar';
import type { BacktestOptionsInput, DailyRates } from '../../src-main/backtest/types';
import {
  bundledHistory,
  daysBetween,
  lendingAsset,
  lendingMarket,
  ok,
  strategy,
  usdcRateColumn,
  perSecondDay,
} from './helpers';

/**
 * Issue 10: 10,000 USDC supplied to Aave v2 over 2021 with the bundled daily rates
 * (resources/data/rates/USDC-lending-rates-daily-2020-2022.csv, column aave_v2_supply_apr).
 */
const FROM = '2021-01-01';
const TO = '2021-12-31';
const MODEL_APR = 0.03;

const supplyUsdc = strategy({
  capital: [{ asset: 'USDC', amount: '10000' }],
  prices: { USDC: '1' },
  markets: [
    lendingMarket(
      'aave-v2-usdc',
      {
        USDC: lendingAsset({
          ltv: '0.8',
          lt: '0.85',
          bonus: '0.05',
          supplyApr: String(MODEL_APR),
          borrowApr: '0.05',
        }),
      },
      { protocol: 'aave-v2' },
    ),
  ],
  steps: [{ id: 's', type: 'supply', market: 'aave-v2-usdc', asset: 'USDC', amount: 'all' }],
});

const column = usdcRateColumn('aave_v2_supply_apr');
const supplyRates: DailyRates = {
  ts: [...column.keys()].map((d) => dayFromIso(d) as number),
  apr: [...column.values()],
};
const rates = { 'aave-v2-usdc': { USDC: { supply: supplyRates } } };
const HISTORY: BacktestOptionsInput = { rateModes: { 'aave-v2-usdc': 'history' } };

/** The supply replayed on the bundled USDC closes and rates. */
function replay(from: string, to: string, options?: BacktestOptionsInput) {
  return ok(
    runBacktest({
      strategy: supplyUsdc,
      prices: bundledHistory('USDC'),
      rates,
      from,
      to,
      ...(options ? { options } : {}),
    }),
  );
}

describe('USDC supply over 2021', () => {
  // Day t's balance earns day t's rate until day t+1: 364 accruals use the rates of 2021-01-01 … 12-30.
  const accrualDays = daysBetween(FROM, TO).slice(0, -1);
  const fromFile = accrualDays.reduce(
    (amount, date) => amount * perSecondDay(column.get(date) as number),
    10_000,
  );
  const fromModel = 10_000 * Math.pow(perSecondDay(MODEL_APR), 364);

  it('in history mode earns the compounded bundled rates', () => {
    expect(accrualDays).toHaveLength(364);
    const r = replay(FROM, TO, HISTORY);
    const final = Number(r.final.lending[0]?.supplies.USDC);
    expect(final / fromFile - 1).toBeCloseTo(0, 12);
    expect(r.rateUsage).toEqual([
      {
        marketId: 'aave-v2-usdc',
        mode: 'history',
        historyShare: 1,
        series: [{ asset: 'USDC', side: 'supply', historyDays: 364, days: 364 }],
      },
    ]);
    // The supply-only benchmark uses the same rates (equal here: the strategy is a plain supply).
    expect(r.series.supplyOnlyEquity.at(-1)! / r.series.equity.at(-1)! - 1).toBeCloseTo(0, 10);
  });

  it('in model mode earns the constant 3 %, short of history by the amount computed from the file', () => {
    const r = replay(FROM, TO);
    const final = Number(r.final.lending[0]?.supplies.USDC);
    expect(final / fromModel - 1).toBeCloseTo(0, 12);
    expect(r.rateUsage[0]?.historyShare).toBe(0);
    // 2021's Aave v2 USDC supply rates (often 5–10 %) beat a flat 3 %: the gap, in USDC, from the file.
    const gap = fromFile - fromModel;
    expect(gap).toBeGreaterThan(100);
    expect(fromFile - final).toBeCloseTo(gap, 6);
  });

  it('uses the model outside the stored range and reports the share of history days', () => {
    // The file ends 2022-03-07: a replay to 2022-03-16 has 9 accrual days past it (03-07 itself is stored).
    const r = replay('2022-02-25', '2022-03-16', HISTORY);
    // Accrual days use the rates of 02-25 … 03-15: 11 stored (02-25 … 03-07), 8 modelled.
    expect(r.rateUsage[0]?.series[0]).toEqual({
      asset: 'USDC',
      side: 'supply',
      historyDays: 11,
      days: 19,
    });
    expect(r.rateUsage[0]?.historyShare).toBeCloseTo(11 / 19, 15);
  });
});

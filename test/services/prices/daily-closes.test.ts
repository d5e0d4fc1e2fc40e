import { describe, expect, it } from 'vitest';
import { toDailyCloses } from '../../../src-main/services/prices/daily-closes';
import { createPriceRepository } from '../../../src-main/services/prices/price-repository';
import { seedBundledData } from '../../../src-main/services/seed';
import { databaseHistorySource } from '../../../src-main/services/backtest';
import { createTempDb } from './temp-db';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
const series = (ts: number[], close: number[]) => ({
  symbol: 'ETH',
  ts: Float64Array.from(ts),
  close: Float64Array.from(close),
});

describe('toDailyCloses', () => {
  it('passes daily data through untouched', () => {
    const daily = series([day('2021-05-18'), day('2021-05-19')], [3380.07, 2460.68]);
    expect(toDailyCloses(daily)).toBe(daily);
  });

  it('keeps the last reading of each UTC day, at the day start', () => {
    const d = day('2021-05-19');
    const folded = toDailyCloses(
      series([d, d + 60, d + 86_340, d + 86_400], [3380, 3300, 2460, 2465]),
    );
    expect(Array.from(folded.ts)).toEqual([d, d + 86_400]);
    expect(Array.from(folded.close)).toEqual([2460, 2465]);
  });
});

describe('history for backtests after an intraday import', () => {
  it('replays the day\u2019s last minute as its close, not the 00:00 candle', async () => {
    const t = createTempDb();
    try {
      await seedBundledData(t.db);
      const d = day('2021-05-19');
      // Minute candles over 2021-05-19 (synthetic): the 00:00 one replaces the stored daily row.
      const rows = Array.from({ length: 1440 }, (_, i) => ({
        ts: d + i * 60,
        open: null,
        high: null,
        low: null,
        close: i === 1439 ? 2460.68 : 3000 - i * 0.1,
        volume: null,
      }));
      createPriceRepository(t.db).upsertPrices({ symbol: 'ETH', rows, source: 'test:minutes' });
      const closes = databaseHistorySource(t.db).closes({
        symbol: 'ETH',
        fromTs: day('2021-05-18'),
        toTs: d,
      })!;
      // 2021-05-18 close 3380.07 (bundled); 2021-05-19 from the last minute candle.
      expect(Array.from(closes.ts)).toEqual([day('2021-05-18'), d]);
      expect(Array.from(closes.close)).toEqual([3380.07, 2460.68]);
    } finally {
      t.cleanup();
    }
  });
});

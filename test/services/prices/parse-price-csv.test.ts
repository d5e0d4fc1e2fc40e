import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePriceCsv } from '../../../src-main/services/prices/parse-price-csv';
import { createTempDb, day, FIXTURES_DIR, PRICES_DIR, type TempDb } from './temp-db';

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

describe('price CSV layout detection and parsing', () => {
  it('reads a Yahoo Finance export (bundled ETH-USD.csv) with exact values', async () => {
    const parsed = await parsePriceCsv({ filePath: join(PRICES_DIR, 'ETH-USD.csv') });
    expect(parsed.format).toBe('yahoo');
    // resources/data/prices/README.md: 3,758 rows, 2015-08-07 .. 2025-11-19.
    expect(parsed.columns.length).toBe(3758);
    expect(parsed.firstTs).toBe(day('2015-08-07'));
    expect(parsed.lastTs).toBe(day('2025-11-19'));
    // README event: 2020-03-12 ETH 194.87 -> 112.35; the file's line for that day: 194.74,195.15,111.21,112.35.
    const i = parsed.columns.ts.indexOf(day('2020-03-12'));
    expect(parsed.columns.row(i)).toEqual({
      ts: day('2020-03-12'),
      open: 194.74,
      high: 195.15,
      low: 111.21,
      close: 112.35,
      volume: 22134741655,
    });
    expect(parsed.columns.close[i - 1]).toBe(194.87);
  });

  it('reports the four Yahoo null rows by line and keeps the other 362 days of 2020', async () => {
    const parsed = await parsePriceCsv({
      filePath: join(FIXTURES_DIR, 'BTC-USD-2020-yahoo-with-null-rows.csv'),
    });
    expect(parsed.format).toBe('yahoo');
    // test/fixtures README: 2020-04-17, 10-09, 10-12, 10-13 are null rows; `grep -n null` gives these lines.
    expect(parsed.nullRows.map((r) => r.line)).toEqual([109, 284, 287, 288]);
    expect(parsed.nullRows.every((r) => r.code === 'NULL_ROW')).toBe(true);
    expect(parsed.errorCount).toBe(0);
    expect(parsed.dataRows).toBe(366); // 2020 is a leap year
    expect(parsed.columns.length).toBe(362);
    expect([...parsed.columns.ts]).not.toContain(day('2020-04-17'));
  });

  it('reads a plain date,close file', async () => {
    const file = t.writeFile('plain.csv', 'date,close\n2021-01-01,736.42\n2021-01-02,774.53\n');
    const parsed = await parsePriceCsv({ filePath: file });
    expect(parsed.format).toBe('date-close');
    expect(parsed.columns.row(1)).toEqual({
      ts: day('2021-01-02'),
      open: null,
      high: null,
      low: null,
      close: 774.53,
      volume: null,
    });
  });

  it('reads a CoinGecko export with "YYYY-MM-DD 00:00:00 UTC" timestamps', async () => {
    const file = t.writeFile(
      'eth-usd-max.csv',
      'snapped_at,price,market_cap,total_volume\n' +
        '2021-01-01 00:00:00 UTC,737.7082,84297553461.78,26140617014.97\n' +
        '2021-01-02 00:00:00 UTC,730.4027,83193447925.45,28097786993.31\n',
    );
    const parsed = await parsePriceCsv({ filePath: file });
    expect(parsed.format).toBe('coingecko');
    expect(parsed.columns.row(0)).toEqual({
      ts: day('2021-01-01'),
      open: null,
      high: null,
      low: null,
      close: 737.7082,
      volume: 26140617014.97,
    });
  });

  it('reads headerless Binance klines with millisecond and microsecond open times', async () => {
    // data.binance.vision ETHUSDT-1d layout: open time, o, h, l, c, volume, close time, quote vol, trades, ...
    const file = t.writeFile(
      'ETHUSDT-1d.csv',
      '1609459200000,736.42,749.00,714.29,728.91,675715.09,1609545599999,4.9E8,617000,330000,2.4E8,0\n' +
        '1735689600000000,3332.52,3363.23,3329.22,3353.73,10251.29,1735775999999999,3.4E7,150000,5000,1.7E7,0\n',
    );
    const parsed = await parsePriceCsv({ filePath: file });
    expect(parsed.format).toBe('binance-klines');
    expect(parsed.columns.length).toBe(2);
    expect(parsed.columns.row(0)).toEqual({
      ts: day('2021-01-01'),
      open: 736.42,
      high: 749,
      low: 714.29,
      close: 728.91,
      volume: 675715.09,
    });
    expect(parsed.columns.ts[1]).toBe(day('2025-01-01'));
  });

  it('reads Binance klines with the open_time header of newer dumps', async () => {
    const file = t.writeFile(
      'k.csv',
      'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n' +
        '1609459200000,736.42,749.00,714.29,728.91,675715.09,1609545599999,4.9E8,617000,330000,2.4E8,0\n',
    );
    const parsed = await parsePriceCsv({ filePath: file });
    expect(parsed.format).toBe('binance-klines');
    expect(parsed.columns.close[0]).toBe(728.91);
  });

  it('stores an empty WSTETH volume as null, never zero', async () => {
    const parsed = await parsePriceCsv({ filePath: join(PRICES_DIR, 'WSTETH-USD.csv') });
    // README: 2022-10-09 and 2022-10-22 have an empty Volume; the file's line: 1442.45,1442.92,1441.27,1442.41.
    const i = parsed.columns.ts.indexOf(day('2022-10-09'));
    expect(parsed.columns.row(i)).toMatchObject({ close: 1442.41, volume: null });
    const j = parsed.columns.ts.indexOf(day('2022-10-22'));
    expect(parsed.columns.row(j)).toMatchObject({ close: 1430.94, volume: null });
  });

  it('names the line of each unreadable row', async () => {
    const file = t.writeFile(
      'bad.csv',
      [
        'date,close',
        '2021-01-01,736.42',
        '2021-02-30,1', // no such day
        '2021-01-03,abc',
        '2021-01-04,',
        '2021-01-05,0',
        '2021-01-01,740', // same day twice
        '2021-01-07',
        '',
      ].join('\n'),
    );
    const parsed = await parsePriceCsv({ filePath: file });
    expect(parsed.errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'BAD_TIMESTAMP'],
      [4, 'BAD_NUMBER'],
      [5, 'MISSING_CLOSE'],
      [6, 'BAD_NUMBER'],
      [7, 'DUPLICATE_TIME'],
      [8, 'COLUMN_COUNT'],
    ]);
    expect(parsed.columns.length).toBe(1);
  });

  it('refuses a file whose first line is no known layout', async () => {
    const file = t.writeFile('x.csv', 'when,value\n2021-01-01,1\n');
    await expect(parsePriceCsv({ filePath: file })).rejects.toMatchObject({
      code: 'UNKNOWN_FORMAT',
    });
  });
});

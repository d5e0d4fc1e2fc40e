import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRateFile } from '../../../src-main/services/rates/import-rates';
import { createRateRepository } from '../../../src-main/services/rates/rate-repository';
import { createTempDb, day, RATES_DIR, type TempDb } from '../prices/temp-db';

let t: TempDb;
let rates: ReturnType<typeof createRateRepository>;
beforeEach(() => {
  t = createTempDb();
  rates = createRateRepository(t.db);
});
afterEach(() => t.cleanup());

const usdcFile = join(RATES_DIR, 'USDC-lending-rates-daily-2020-2022.csv');
const ethFile = join(RATES_DIR, 'aave-v3-ethereum-weth-usdc-2024.csv');
const arbFile = join(RATES_DIR, 'aave-v3-arbitrum-weth-usdc-2024.csv');
const usdc = { chain: 'ethereum', asset: 'USDC' } as const;

describe('daily multi-column rate file (USDC, fractions, empty cells)', () => {
  it('stores one series per column with the exact values of the file', async () => {
    const result = await importRateFile(t.db, { filePath: usdcFile });
    expect(result.layout).toBe('daily-fractions');
    const on = (protocol: string, side: 'supply' | 'variable-borrow', iso: string) =>
      rates.getDailyRates({ ...usdc, protocol, side, fromTs: day(iso), toTs: day(iso) })[0];

    // File line for 2021-01-01: 22,0.070338,0.090921,0.058037,0.072505,0.881669,0.109954,0.144842
    // (README spot check: Compound v2 7.03% / 9.09%, Aave v2 5.80% / 7.25%, utilization 0.88).
    expect(on('compound-v2', 'supply', '2021-01-01')).toEqual({
      ts: day('2021-01-01'),
      rate: 0.070338,
      utilization: null,
      nSamples: 22,
    });
    expect(on('compound-v2', 'variable-borrow', '2021-01-01')?.rate).toBe(0.090921);
    expect(on('aave-v2', 'supply', '2021-01-01')).toMatchObject({
      rate: 0.058037,
      utilization: 0.881669,
    });
    expect(on('aave-v2', 'variable-borrow', '2021-01-01')).toMatchObject({
      rate: 0.072505,
      utilization: 0.881669,
    });
    expect(on('aave-v1', 'variable-borrow', '2021-01-01')?.rate).toBe(0.144842);
    // 2022-03-06 (README: Aave v2 supply 1.58%, borrow 2.75%): 0.015755, 0.027529.
    expect(on('aave-v2', 'supply', '2022-03-06')?.rate).toBe(0.015755);
    expect(on('aave-v2', 'variable-borrow', '2022-03-06')?.rate).toBe(0.027529);
  });

  it('treats empty cells as no value: Aave v2 starts 2020-12-02, Aave v1 skips 2021-08-12', async () => {
    await importRateFile(t.db, { filePath: usdcFile });
    const aaveV2 = rates.getDailyRates({ ...usdc, protocol: 'aave-v2', side: 'supply' });
    expect(aaveV2[0]?.ts).toBe(day('2020-12-02'));
    const v1 = rates.getDailyRates({
      ...usdc,
      protocol: 'aave-v1',
      side: 'supply',
      fromTs: day('2021-08-11'),
      toTs: day('2021-08-13'),
    });
    expect(v1.map((r) => r.ts)).toEqual([day('2021-08-11'), day('2021-08-13')]);
  });

  it('re-importing changes nothing', async () => {
    await importRateFile(t.db, { filePath: usdcFile });
    const count = () => (t.db.prepare('SELECT count(*) AS n FROM rates').get() as { n: number }).n;
    const first = count();
    await importRateFile(t.db, { filePath: usdcFile });
    expect(count()).toBe(first);
    // 673 Compound days ×2, 461 Aave v2 days ×2, 667 Aave v1 days ×2 (empty cells counted with awk).
    expect(first).toBe(2 * (673 + 461 + 667));
  });
});

describe('sub-daily Aave v3 files (percent, ms timestamps)', () => {
  it('stores the arithmetic mean of each UTC day, as fractions, with the reading count', async () => {
    await importRateFile(t.db, { filePath: ethFile });
    const weth = rates.getDailyRates({
      protocol: 'aave-v3',
      chain: 'ethereum',
      asset: 'WETH',
      side: 'supply',
      toTs: day('2024-02-22'),
    });
    // Readings copied from the file (percent):
    // 2024-02-20 14:42:59 -> 2.113398597565579 (the only one that day)
    // 2024-02-21 01:43:35, 12:19:23, 23:05:35 -> 2.108291796455288, 2.1019177588129963, 2.096229878568816
    // 2024-02-22 09:56:47, 20:41:23 -> 2.083454525221572, 2.1267674847974094
    expect(weth.map((r) => r.nSamples)).toEqual([1, 3, 2]);
    expect(weth[0]?.rate).toBeCloseTo(0.02113398597565579, 15);
    expect(weth[1]?.rate).toBeCloseTo(
      (2.108291796455288 + 2.1019177588129963 + 2.096229878568816) / 300,
      15,
    );
    expect(weth[2]?.rate).toBeCloseTo((2.083454525221572 + 2.1267674847974094) / 200, 15);

    const borrow = rates.getDailyRates({
      protocol: 'aave-v3',
      chain: 'ethereum',
      asset: 'USDC',
      side: 'variable-borrow',
      fromTs: day('2024-08-05'),
      toTs: day('2024-08-05'),
    });
    // 2024-08-05 USDC borrow readings: 5.8695117337132166, 5.401325074746063, 5.164586865079907.
    expect(borrow[0]?.rate).toBeCloseTo(
      (5.8695117337132166 + 5.401325074746063 + 5.164586865079907) / 300,
      15,
    );
  });

  it('skips the text footer of the Arbitrum file and reports it', async () => {
    const result = await importRateFile(t.db, { filePath: arbFile });
    expect(result.layout).toBe('sub-daily-percent');
    expect(result.footer?.line).toBe(402);
    expect(result.footer?.text).toMatch(/^Data provided by Aavescan/);
    // The chain comes from the file name; 181 distinct UTC days of readings, last 2024-08-18.
    expect(result.series).toEqual([
      {
        key: { protocol: 'aave-v3', chain: 'arbitrum', asset: 'WETH', side: 'supply' },
        days: 181,
        firstTs: day('2024-02-20'),
        lastTs: day('2024-08-18'),
      },
      {
        key: { protocol: 'aave-v3', chain: 'arbitrum', asset: 'USDC', side: 'variable-borrow' },
        days: 181,
        firstTs: day('2024-02-20'),
        lastTs: day('2024-08-18'),
      },
    ]);
  });

  it('needs a chain when the file name does not say it', async () => {
    const copy = t.writeFile('rates.csv', readFileSync(ethFile, 'utf8'));
    await expect(importRateFile(t.db, { filePath: copy })).rejects.toMatchObject({
      code: 'CHAIN_REQUIRED',
    });
    const result = await importRateFile(t.db, { filePath: copy, chain: 'base' });
    expect(result.series[0]?.key.chain).toBe('base');
  });
});

describe('malformed rate files are refused whole, with the line number', () => {
  const header =
    'date,n_samples,comp_v2_supply_apr,comp_v2_borrow_apr,aave_v2_supply_apr,aave_v2_var_borrow_apr,aave_v2_utilization,aave_v1_supply_apr,aave_v1_var_borrow_apr';
  const good = '2021-01-01,22,0.070338,0.090921,0.058037,0.072505,0.881669,0.109954,0.144842';

  it('a non-numeric rate', async () => {
    const file = t.writeFile(
      'bad.csv',
      [header, good, '2021-01-02,22,0.07,n/a,0.05,0.07,0.88,0.1,0.14', ''].join('\n'),
    );
    await expect(importRateFile(t.db, { filePath: file })).rejects.toMatchObject({
      code: 'RATE_FILE_INVALID',
      message: expect.stringContaining('line 3'),
      issues: [{ line: 3, code: 'BAD_NUMBER' }],
    });
    expect(rates.listRateSeries()).toEqual([]);
  });

  it('a row missing a column', async () => {
    const file = t.writeFile(
      'short.csv',
      [header, good, '2021-01-02,22,0.07,0.09,0.05,0.07,0.88,0.1', ''].join('\n'),
    );
    await expect(importRateFile(t.db, { filePath: file })).rejects.toMatchObject({
      issues: [{ line: 3, code: 'COLUMN_COUNT' }],
    });
  });

  it('a header missing a column', async () => {
    const file = t.writeFile(
      'nohdr.csv',
      [header.replace(',aave_v2_utilization', ''), ''].join('\n'),
    );
    await expect(importRateFile(t.db, { filePath: file })).rejects.toMatchObject({
      code: 'MISSING_COLUMN',
    });
  });

  it('a text line that is not the last line', async () => {
    const lines = readFileSync(arbFile, 'utf8').trimEnd().split('\n');
    const footer = lines.pop() as string;
    lines.splice(10, 0, footer);
    const file = t.writeFile('aave-v3-arbitrum-moved-footer.csv', lines.join('\n') + '\n');
    await expect(importRateFile(t.db, { filePath: file })).rejects.toMatchObject({
      issues: [{ line: 11, code: 'BAD_ROW' }],
    });
  });

  it('leaves previously imported rates untouched when refused', async () => {
    await importRateFile(t.db, { filePath: usdcFile });
    const before = rates.listRateSeries();
    const file = t.writeFile(
      'bad.csv',
      [header, '2021-01-01,22,0.5,0.5,0.5,0.5,0.5,0.5,x'].join('\n'),
    );
    await expect(importRateFile(t.db, { filePath: file })).rejects.toMatchObject({
      code: 'RATE_FILE_INVALID',
    });
    expect(rates.listRateSeries()).toEqual(before);
    const [jan1] = rates.getDailyRates({
      ...usdc,
      protocol: 'compound-v2',
      side: 'supply',
      fromTs: day('2021-01-01'),
      toTs: day('2021-01-01'),
    });
    expect(jan1?.rate).toBe(0.070338);
  });
});

describe('getDailyRates', () => {
  it('refuses an unknown series', () => {
    expect(() =>
      rates.getDailyRates({
        protocol: 'aave-v9',
        chain: 'ethereum',
        asset: 'USDC',
        side: 'supply',
      }),
    ).toThrow(expect.objectContaining({ code: 'UNKNOWN_RATE_SERIES' }));
  });
});

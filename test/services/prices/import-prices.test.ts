import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_ASSETS } from '../../../src-main/services/prices/asset-catalog';
import { exportPrices, exportPricesToFile } from '../../../src-main/services/prices/export-prices';
import { importPriceCsv, previewPriceCsv } from '../../../src-main/services/prices/import-prices';
import { createPriceRepository } from '../../../src-main/services/prices/price-repository';
import { createTempDb, day, FIXTURES_DIR, PRICES_DIR, type TempDb } from './temp-db';

let t: TempDb;
let repo: ReturnType<typeof createPriceRepository>;
beforeEach(() => {
  t = createTempDb();
  repo = createPriceRepository(t.db);
  for (const asset of BUNDLED_ASSETS) repo.upsertAsset(asset);
});
afterEach(() => t.cleanup());

const nullRowsFile = join(FIXTURES_DIR, 'BTC-USD-2020-yahoo-with-null-rows.csv');

describe('price import', () => {
  it('previews without writing: format, first rows, null rows by line, counts', async () => {
    const preview = await previewPriceCsv({ filePath: nullRowsFile, previewRows: 2 });
    expect(preview).toMatchObject({
      format: 'yahoo',
      dataRows: 366,
      validRows: 362,
      errorCount: 0,
      firstTs: day('2020-01-01'),
      lastTs: day('2020-12-31'),
    });
    // First data line of the fixture: 2020-01-01,7194.892090,7254.330566,7174.944336,7200.174316,...,18565664997
    expect(preview.rows).toEqual([
      {
        ts: day('2020-01-01'),
        open: 7194.89209,
        high: 7254.330566,
        low: 7174.944336,
        close: 7200.174316,
        volume: 18565664997,
      },
      expect.objectContaining({ ts: day('2020-01-02'), close: 6985.470215 }),
    ]);
    expect(preview.nullRows.map((r) => r.line)).toEqual([109, 284, 287, 288]);
    expect(repo.countPrices({ symbol: 'BTC' })).toBe(0);
  });

  it('imports a Yahoo export with null rows skipped and reported, never stored as zero', async () => {
    const result = await importPriceCsv(t.db, { filePath: nullRowsFile, symbol: 'btc' });
    expect(result).toMatchObject({
      format: 'yahoo',
      symbol: 'BTC',
      imported: 362,
      skippedCount: 4,
    });
    expect(result.skipped.map((s) => [s.line, s.code])).toEqual([
      [109, 'NULL_ROW'],
      [284, 'NULL_ROW'],
      [287, 'NULL_ROW'],
      [288, 'NULL_ROW'],
    ]);
    const rows = repo.getPriceRows({
      symbol: 'BTC',
      fromTs: day('2020-04-16'),
      toTs: day('2020-04-18'),
    });
    // The gap stays a gap: 04-16 and 04-18 only.
    expect(rows.map((r) => [r.ts, r.close])).toEqual([
      [day('2020-04-16'), 7116.804199],
      [day('2020-04-18'), 7257.665039],
    ]);
    const zeros = t.db.prepare('SELECT count(*) AS n FROM prices WHERE close <= 0').get() as {
      n: number;
    };
    expect(zeros.n).toBe(0);
  });

  it('stores the empty WSTETH volumes as NULL and the spot-check closes exactly', async () => {
    await importPriceCsv(t.db, { filePath: join(PRICES_DIR, 'WSTETH-USD.csv'), symbol: 'WSTETH' });
    const row = t.db
      .prepare(
        `SELECT close, volume FROM prices JOIN assets ON assets.id = asset_id
         WHERE symbol = 'WSTETH' AND ts = ?`,
      )
      .get(day('2022-10-09'));
    expect(row).toEqual({ close: 1442.41, volume: null });

    await importPriceCsv(t.db, { filePath: join(PRICES_DIR, 'USDC-USD.csv'), symbol: 'USDC' });
    // README: 2023-03-11 USDC low 0.8774, close 0.9715.
    const [usdc] = repo.getPriceRows({
      symbol: 'USDC',
      fromTs: day('2023-03-11'),
      toTs: day('2023-03-11'),
    });
    expect(usdc).toMatchObject({ low: 0.8774, close: 0.9715, source: 'csv:yahoo' });
  });

  it('is idempotent: importing the same file twice leaves the same rows', async () => {
    const file = join(PRICES_DIR, 'DAI-USD.csv');
    await importPriceCsv(t.db, { filePath: file, symbol: 'DAI' });
    const once = repo.getPriceRows({ symbol: 'DAI' });
    await importPriceCsv(t.db, { filePath: file, symbol: 'DAI' });
    expect(repo.countPrices({ symbol: 'DAI' })).toBe(971);
    expect(repo.getPriceRows({ symbol: 'DAI' })).toEqual(once);
  });

  it('refuses a file with a bad row whole, naming the line, and leaves the database unchanged', async () => {
    await importPriceCsv(t.db, {
      filePath: t.writeFile('a.csv', 'date,close\n2021-01-01,10\n2021-01-02,11\n'),
      symbol: 'ETH',
    });
    const before = repo.getPriceRows({ symbol: 'ETH' });
    const bad = t.writeFile('b.csv', 'date,close\n2021-01-01,99\n2021-01-03,12\n2021-01-04,x\n');
    await expect(importPriceCsv(t.db, { filePath: bad, symbol: 'ETH' })).rejects.toMatchObject({
      code: 'ROW_ERRORS',
      issues: [{ line: 4, code: 'BAD_NUMBER' }],
    });
    expect(repo.getPriceRows({ symbol: 'ETH' })).toEqual(before);
  });

  it('with skipInvalid imports the readable rows and reports the skipped lines', async () => {
    const bad = t.writeFile('b.csv', 'date,close\n2021-01-01,99\n2021-01-03,12\n2021-01-04,x\n');
    const result = await importPriceCsv(t.db, { filePath: bad, symbol: 'ETH', skipInvalid: true });
    expect(result.imported).toBe(2);
    expect(result.skipped.map((s) => s.line)).toEqual([4]);
    expect(repo.getCloseSeries({ symbol: 'ETH' }).close).toEqual(new Float64Array([99, 12]));
  });

  it('refuses an unknown asset', async () => {
    await expect(
      importPriceCsv(t.db, { filePath: nullRowsFile, symbol: 'DOGE' }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_ASSET' });
  });

  it('reads a range as typed arrays and lists coverage per asset', async () => {
    await importPriceCsv(t.db, { filePath: join(PRICES_DIR, 'ETH-USD.csv'), symbol: 'ETH' });
    const series = repo.getCloseSeries({
      symbol: 'ETH',
      fromTs: day('2022-06-13'),
      toTs: day('2022-06-18'),
    });
    // README: ETH 1,204.58 (06-13) -> 993.64 (06-18).
    expect(series.ts.length).toBe(6);
    expect(series.close[0]).toBe(1204.58);
    expect(series.close[5]).toBe(993.64);
    const eth = repo.listAssets().find((a) => a.symbol === 'ETH');
    expect(eth?.coverage).toEqual({
      firstTs: day('2015-08-07'),
      lastTs: day('2025-11-19'),
      count: 3758,
    });
    expect(repo.listAssets().find((a) => a.symbol === 'BTC')?.coverage).toBeNull();
  });
});

describe('price export', () => {
  it('exports CSV that re-imports to the same rows, and JSON with nulls kept', async () => {
    await importPriceCsv(t.db, { filePath: join(PRICES_DIR, 'WSTETH-USD.csv'), symbol: 'WSTETH' });
    const range = { symbol: 'WSTETH', fromTs: day('2022-10-08'), toTs: day('2022-10-10') };
    const csv = exportPrices(t.db, { ...range, format: 'csv' });
    expect(csv.split('\n')[2]).toBe('2022-10-09,1442.45,1442.92,1441.27,1442.41,,csv:yahoo');

    const json = JSON.parse(exportPrices(t.db, { ...range, format: 'json' }));
    expect(json.rows[1]).toMatchObject({ date: '2022-10-09', close: 1442.41, volume: null });

    const path = join(t.dir, 'out.csv');
    expect(await exportPricesToFile(t.db, { ...range, format: 'csv', filePath: path })).toEqual({
      rows: 3,
    });
    expect(readFileSync(path, 'utf8')).toBe(csv);
    const before = repo.getPriceRows(range);
    repo.upsertAsset({ symbol: 'COPY', name: 'copy', kind: 'liquid-staking' });
    const back = await importPriceCsv(t.db, { filePath: path, symbol: 'COPY' });
    expect(back.format).toBe('date-close');
    expect(repo.getPriceRows({ symbol: 'COPY' }).map(({ source: _, ...r }) => r)).toEqual(
      before.map(({ source: _, ...r }) => r),
    );
  });
});

describe('unreadable input', () => {
  it('reports a missing file as FILE_UNREADABLE', async () => {
    await expect(
      previewPriceCsv({ filePath: join(t.dir, 'does-not-exist.csv') }),
    ).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
  });
});

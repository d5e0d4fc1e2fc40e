import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasAbsolutePath } from '../../src-main/contract/errors';
import { csvCell, csvRow } from '../../src-main/services/csv-cell';
import { BUNDLED_ASSETS } from '../../src-main/services/prices/asset-catalog';
import { DataError } from '../../src-main/services/prices/errors';
import { exportPrices } from '../../src-main/services/prices/export-prices';
import { importPriceCsv, previewPriceCsv } from '../../src-main/services/prices/import-prices';
import { parsePriceCsv } from '../../src-main/services/prices/parse-price-csv';
import { PriceColumns } from '../../src-main/services/prices/price-columns';
import { createPriceRepository } from '../../src-main/services/prices/price-repository';
import { parseRateFile } from '../../src-main/services/rates/parse-rate-file';
import { seededHarness } from '../contract/harness';
import { createTempDb, type TempDb } from '../services/prices/temp-db';

/** Issue 19, items 4, 7 and 8 and the file-date part of 9. Large files are generated here. */

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
  const repo = createPriceRepository(t.db);
  for (const asset of BUNDLED_ASSETS) repo.upsertAsset(asset);
});
afterEach(() => t.cleanup());

const YAHOO_HEADER = 'Date,Open,High,Low,Close,Adj Close,Volume';
const isoDay = (i: number) =>
  new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

describe('import blow-ups', () => {
  it('caps the listed Yahoo null rows (60,000 of them) and counts the rest, in preview and commit', async () => {
    const lines = [YAHOO_HEADER, '2000-01-01,1,1,1,1,1,1'];
    for (let i = 1; i <= 60_000; i++) lines.push(`${isoDay(i)},null,null,null,null,null,null`);
    const file = t.writeFile('nulls.csv', lines.join('\n'));
    const preview = await previewPriceCsv({ filePath: file });
    expect(preview.nullRows).toHaveLength(1000);
    expect(preview.nullRowCount).toBe(60_000);
    expect(JSON.stringify(preview).length).toBeLessThan(200_000);
    const result = await importPriceCsv(t.db, { filePath: file, symbol: 'ETH' });
    expect(result.skippedCount).toBe(60_000);
    expect(result.skipped.length).toBeLessThanOrEqual(2000);
  });

  it('caps the listed bad rows of a file of bad rows and still counts them all', async () => {
    const lines = [YAHOO_HEADER];
    for (let i = 0; i < 50_000; i++) lines.push(`${isoDay(i)},x,x,x,notanumber,x,x`);
    const file = t.writeFile('bad.csv', lines.join('\n'));
    const error = await importPriceCsv(t.db, { filePath: file, symbol: 'ETH' }).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error.code).toBe('ROW_ERRORS');
    expect(error.issues).toHaveLength(1000);
    expect(error.issueCount).toBe(50_000);
  });

  it('refuses a file past the row limit as soon as it is reached', async () => {
    const lines = [YAHOO_HEADER];
    for (let i = 0; i < 5_000; i++) lines.push(`${isoDay(i)},1,1,1,1,1,1`);
    const file = t.writeFile('many.csv', lines.join('\n'));
    const error = await parsePriceCsv({ filePath: file, maxRows: 1_000 }).catch((e) => e);
    expect(error).toMatchObject({ code: 'TOO_MANY_ROWS' });
    expect(error.issues[0].line).toBe(1_002); // header + 1,000 rows, then the one over
  });

  it('refuses a file whose "line" never ends instead of holding it whole', async () => {
    const file = t.writeFile('one-line.csv', `${YAHOO_HEADER}\n${'9'.repeat(300_000)}`);
    await expect(parsePriceCsv({ filePath: file })).rejects.toMatchObject({
      code: 'LINE_TOO_LONG',
    });
  });

  it('writes a large import in chunks, so a call queued meanwhile is answered before it ends', async () => {
    const columns = new PriceColumns();
    for (let i = 0; i < 100_000; i++) {
      columns.push({
        ts: 946_684_800 + i * 3600,
        open: 1,
        high: 1,
        low: 1,
        close: 1 + i,
        volume: 1,
      });
    }
    const parsed = {
      format: 'plain' as const,
      columns,
      dataRows: columns.length,
      nullRows: [],
      nullRowCount: 0,
      errors: [],
      errorCount: 0,
      firstTs: columns.ts[0] as number,
      lastTs: columns.ts[columns.length - 1] as number,
    };
    let importDone = false;
    let otherCallSawImportRunning: boolean | null = null;
    const running = importPriceCsv(
      t.db,
      { filePath: 'parsed-elsewhere.csv', symbol: 'ETH' },
      async () => parsed as never,
    ).then((r) => {
      importDone = true;
      return r;
    });
    // Like an autosave arriving during the import: it runs when the event loop is free.
    setImmediate(() => {
      t.db.prepare('SELECT count(*) FROM drafts').get();
      otherCallSawImportRunning = !importDone;
    });
    expect((await running).imported).toBe(100_000);
    expect(otherCallSawImportRunning).toBe(true);
    expect(createPriceRepository(t.db).getPriceRows({ symbol: 'ETH' })).toHaveLength(100_000);
  });
});

describe('dates in files', () => {
  it('refuses price rows in years 0000, 1969 and 9999 with their own code', async () => {
    const file = t.writeFile(
      'years.csv',
      ['date,close', '0000-01-01,1', '1969-12-31,1', '9999-01-01,1', '2020-01-01,1'].join('\n'),
    );
    const parsed = await parsePriceCsv({ filePath: file });
    expect(parsed.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'DATE_OUT_OF_RANGE'],
      [3, 'DATE_OUT_OF_RANGE'],
      [4, 'DATE_OUT_OF_RANGE'],
    ]);
    expect(parsed.columns.length).toBe(1);
  });

  it('refuses a rate file with a 1969 day', async () => {
    const file = t.writeFile(
      'rates.csv',
      [
        'date,n_samples,comp_v2_supply_apr,comp_v2_borrow_apr,aave_v2_supply_apr,aave_v2_var_borrow_apr,aave_v2_utilization,aave_v1_supply_apr,aave_v1_var_borrow_apr',
        '1969-05-04,10,0.01,0.04,,,,0.04,0.05',
      ].join('\n'),
    );
    const error = await parseRateFile({ filePath: file }).catch((e) => e);
    expect(error.code).toBe('RATE_FILE_INVALID');
    expect(error.issues[0].code).toBe('DATE_OUT_OF_RANGE');
  });
});

describe('CSV exports', () => {
  it('neutralises formula cells (OWASP) and quotes per RFC 4180, numbers untouched', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
    );
    expect(csvCell('@SUM(A1:A9)')).toBe(`'@SUM(A1:A9)`);
    expect(csvCell('+1+1')).toBe(`'+1+1`);
    expect(csvCell('-2+3')).toBe(`'-2+3`);
    expect(csvCell('\tcmd')).toBe(`'\tcmd`);
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('-1.5')).toBe('-1.5');
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell('2e-7')).toBe('2e-7');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvRow(['x', 1, undefined])).toBe('x,1,');
  });

  it('exports a stored formula-looking source as text a spreadsheet will not run', async () => {
    const file = t.writeFile('p.csv', 'date,close\n2020-01-01,100\n');
    await importPriceCsv(t.db, { filePath: file, symbol: 'ETH', source: '=HYPERLINK("x")' });
    const csv = exportPrices(t.db, { symbol: 'ETH', format: 'csv' });
    expect(csv.split('\n')[1]).toBe(`2020-01-01,,,,100,,"'=HYPERLINK(""x"")"`);
  });
});

describe('paths in errors', () => {
  it('names an unreadable picked file by its name only', async () => {
    const picked = t.writeFile('gone.csv', 'date,close\n2020-01-01,1\n');
    const h = await seededHarness({ capabilities: { pickOpenFile: async () => picked } });
    try {
      const file = await h.ok('files.pickCsv', {});
      fs.rmSync(picked);
      for (const op of ['prices.importPreview', 'prices.importCommit', 'rates.import'] as const) {
        const input =
          op === 'prices.importCommit'
            ? { file: file!.token, symbol: 'ETH' }
            : { file: file!.token };
        const result = await h.raw(op, input);
        expect(result.ok, op).toBe(false);
        const text = JSON.stringify(result);
        expect(text).toContain('gone.csv');
        expect(text).not.toContain(path.dirname(picked));
        expect(hasAbsolutePath(text)).toBe(false);
      }
    } finally {
      await h.close();
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPegRatioSeries } from '../../../src-main/services/prices/pegs';
import { createPriceRepository } from '../../../src-main/services/prices/price-repository';
import { createRateRepository } from '../../../src-main/services/rates/rate-repository';
import {
  BUNDLED_DATA_VERSION,
  defaultResourcesRoot,
  seedBundledData,
} from '../../../src-main/services/seed';
import { createTempDb, day, PRICES_DIR, RATES_DIR, REPO_ROOT, type TempDb } from './temp-db';

/** Data lines of a bundled file, counted without the code under test: non-empty lines after the header. */
function dataLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '');
}

let t: TempDb;
beforeAll(async () => {
  t = createTempDb();
  await seedBundledData(t.db, { resourcesRoot: join(REPO_ROOT, 'resources') });
});
afterAll(() => t.cleanup());

describe('seeding the bundled data', () => {
  it('finds resources/ from the module location by default', () => {
    expect(defaultResourcesRoot()).toBe(join(REPO_ROOT, 'resources'));
  });

  it('loads every price file: stored rows equal the file data rows', () => {
    const repo = createPriceRepository(t.db);
    const files = readdirSync(PRICES_DIR).filter((f) => f.endsWith('.csv'));
    expect(files).toHaveLength(7);
    for (const file of files) {
      const symbol = file.replace('-USD.csv', '');
      expect(repo.countPrices({ symbol }), file).toBe(dataLines(join(PRICES_DIR, file)).length);
    }
  });

  it('loads every rate series: stored days equal the file data (non-empty cells / distinct UTC days)', () => {
    const rates = createRateRepository(t.db);
    const series = rates.listRateSeries();
    const count = (protocol: string, chain: string, asset: string, side: string) =>
      series.find(
        (s) => s.protocol === protocol && s.chain === chain && s.asset === asset && s.side === side,
      )?.count;

    const usdc = dataLines(join(RATES_DIR, 'USDC-lending-rates-daily-2020-2022.csv')).map((l) =>
      l.split(','),
    );
    const filled = (col: number) => usdc.filter((cells) => cells[col] !== '').length;
    expect(count('compound-v2', 'ethereum', 'USDC', 'supply')).toBe(filled(2));
    expect(count('compound-v2', 'ethereum', 'USDC', 'variable-borrow')).toBe(filled(3));
    expect(count('aave-v2', 'ethereum', 'USDC', 'supply')).toBe(filled(4));
    expect(count('aave-v2', 'ethereum', 'USDC', 'variable-borrow')).toBe(filled(5));
    expect(count('aave-v1', 'ethereum', 'USDC', 'supply')).toBe(filled(7));
    expect(count('aave-v1', 'ethereum', 'USDC', 'variable-borrow')).toBe(filled(8));

    for (const chain of ['ethereum', 'arbitrum']) {
      const lines = dataLines(join(RATES_DIR, `aave-v3-${chain}-weth-usdc-2024.csv`)).filter((l) =>
        /^\d/.test(l),
      );
      const days = new Set(lines.map((l) => l.split(',')[1]?.slice(0, 10))).size;
      expect(count('aave-v3', chain, 'WETH', 'supply')).toBe(days);
      expect(count('aave-v3', chain, 'USDC', 'variable-borrow')).toBe(days);
    }
    // 6 USDC series + 2 per Aave v3 file.
    expect(series).toHaveLength(10);
  });

  it('records the data version and does nothing on the next start', async () => {
    const row = t.db.prepare('SELECT version FROM data_versions').get();
    expect(row).toEqual({ version: BUNDLED_DATA_VERSION });
    const again = await seedBundledData(t.db);
    expect(again).toMatchObject({ seeded: false, version: BUNDLED_DATA_VERSION });
  });

  it('declares the catalog: kinds and pegs', () => {
    const assets = createPriceRepository(t.db).listAssets();
    const bySymbol = Object.fromEntries(assets.map((a) => [a.symbol, a]));
    expect(Object.keys(bySymbol).sort()).toEqual(
      ['BTC', 'DAI', 'ETH', 'STETH', 'USD', 'USDC', 'USDT', 'WSTETH'].sort(),
    );
    expect(bySymbol.STETH).toMatchObject({
      kind: 'liquid-staking',
      peg: { symbol: 'ETH', kind: '1:1' },
    });
    expect(bySymbol.WSTETH?.peg).toEqual({ symbol: 'STETH', kind: 'exchange-rate' });
    expect(bySymbol.USDC).toMatchObject({ kind: 'stable', peg: { symbol: 'USD', kind: '1:1' } });
    expect(bySymbol.USD).toMatchObject({ kind: 'unit', peg: null, coverage: null });
    expect(bySymbol.ETH?.externalIds).toEqual({
      coingecko: 'ethereum',
      defillama: 'coingecko:ethereum',
    });
  });
});

describe('peg ratio series', () => {
  it('stETH/ETH fell to 0.9367 on 2022-06-15 and 0.9374 on 2022-06-18', () => {
    const s = getPegRatioSeries(t.db, {
      symbol: 'STETH',
      fromTs: day('2022-06-13'),
      toTs: day('2022-06-19'),
    });
    expect(s).toMatchObject({ pegSymbol: 'ETH', pegKind: '1:1' });
    expect(s.ts).toHaveLength(7);
    // Closes from the bundled files: stETH 1155.19 / ETH 1233.21 and stETH 931.39 / ETH 993.64.
    expect(s.ratio[2]).toBeCloseTo(1155.19 / 1233.21, 12);
    expect(s.ratio[2]).toBeCloseTo(0.9367, 4);
    expect(s.ratio[5]).toBeCloseTo(0.9374, 4);
  });

  it('USDC/USD is the USDC close (USD is the unit), with the 0.8774 intraday low of 2023-03-11', () => {
    const s = getPegRatioSeries(t.db, {
      symbol: 'USDC',
      fromTs: day('2023-03-10'),
      toTs: day('2023-03-13'),
    });
    expect(s.pegSymbol).toBe('USD');
    // README: 2023-03-11 USDC low 0.8774, close 0.9715; back near 1.00 by 2023-03-13 (close 0.998947).
    expect(s.ratio).toEqual([0.999479, 0.9715, 0.992069, 0.998947]);
    expect(s.lowRatio[1]).toBe(0.8774);
  });

  it('refuses an asset without a peg', () => {
    expect(() => getPegRatioSeries(t.db, { symbol: 'ETH' })).toThrow(
      expect.objectContaining({ code: 'NO_PEG' }),
    );
  });
});

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { BUNDLED_ASSETS } from './prices/asset-catalog';
import { DataError } from './prices/errors';
import { parsePriceCsv } from './prices/parse-price-csv';
import { createPriceRepository } from './prices/price-repository';
import { parseRateFile } from './rates/parse-rate-file';
import { writeParsedRates } from './rates/import-rates';

/** Bump when the bundled files change; a database seeded with an older version gets the new data added. */
export const BUNDLED_DATA_VERSION = 1;
export const BUNDLED_DATASET = 'bundled-market-data';

/** Bundled price files (`resources/data/prices/`), Yahoo Finance daily exports; see its README for sources. */
export const BUNDLED_PRICE_FILES: readonly { symbol: string; file: string }[] = [
  { symbol: 'BTC', file: 'BTC-USD.csv' },
  { symbol: 'ETH', file: 'ETH-USD.csv' },
  { symbol: 'STETH', file: 'STETH-USD.csv' },
  { symbol: 'WSTETH', file: 'WSTETH-USD.csv' },
  { symbol: 'USDC', file: 'USDC-USD.csv' },
  { symbol: 'USDT', file: 'USDT-USD.csv' },
  { symbol: 'DAI', file: 'DAI-USD.csv' },
];

/** Bundled rate files (`resources/data/rates/`) and the source each series records. */
export const BUNDLED_RATE_FILES: readonly { file: string; source: string }[] = [
  {
    file: 'USDC-lending-rates-daily-2020-2022.csv',
    source: 'QuantLet/p2pInterestRate@75b326b semiParametricModel/USDC.csv, daily means',
  },
  {
    file: 'aave-v3-ethereum-weth-usdc-2024.csv',
    source: 'Aavescan via theo-network/scripts@76b147e data/aave_eth_rates.csv, daily means',
  },
  {
    file: 'aave-v3-arbitrum-weth-usdc-2024.csv',
    source: 'Aavescan via theo-network/scripts@76b147e data/aave_arb_rates.csv, daily means',
  },
];

export const BUNDLED_PRICE_SOURCE = 'bundled:yahoo-finance';

/**
 * The repository's `resources/` folder, found from this module's location (src-main/services/ in dev and tests,
 * out/main/ once built: both two levels below the root). A packaged app passes `process.resourcesPath` instead.
 */
export function defaultResourcesRoot(): string {
  // path.resolve rather than `new URL('…', import.meta.url)`, which bundlers rewrite into an asset reference.
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../resources');
}

export interface SeedResult {
  seeded: boolean;
  version: number;
  prices: { symbol: string; rows: number }[];
  rates: { file: string; series: number; days: number }[];
}

/**
 * Loads the bundled asset catalog, price history and rate history into the database unless it already holds
 * this data version. Files are parsed first, then written in one transaction together with the version row, so
 * a failure leaves nothing half-seeded. Stored prices win over bundled ones (a user's import or refresh is kept).
 */
export async function seedBundledData(
  db: Database,
  input: { resourcesRoot?: string } = {},
): Promise<SeedResult> {
  const current = db
    .prepare<[string], { version: number }>('SELECT version FROM data_versions WHERE dataset = ?')
    .get(BUNDLED_DATASET);
  if (current && current.version >= BUNDLED_DATA_VERSION) {
    return { seeded: false, version: current.version, prices: [], rates: [] };
  }

  const dataDir = join(input.resourcesRoot ?? defaultResourcesRoot(), 'data');
  const [prices, rates] = await Promise.all([
    Promise.all(
      BUNDLED_PRICE_FILES.map(async (f) => {
        const parsed = await parsePriceCsv({ filePath: join(dataDir, 'prices', f.file) });
        if (parsed.errorCount > 0 || parsed.nullRows.length > 0) {
          throw new DataError('BUNDLED_DATA_INVALID', `${f.file} has unreadable rows`, [
            ...parsed.errors,
            ...parsed.nullRows,
          ]);
        }
        return { ...f, parsed };
      }),
    ),
    Promise.all(
      BUNDLED_RATE_FILES.map(async (f) => ({
        ...f,
        parsed: await parseRateFile({ filePath: join(dataDir, 'rates', f.file) }),
      })),
    ),
  ]);

  const repo = createPriceRepository(db);
  db.transaction(() => {
    for (const asset of BUNDLED_ASSETS) repo.upsertAsset(asset);
    for (const p of prices) {
      repo.writeColumns({
        assetId: repo.requireAsset(p.symbol).id,
        columns: p.parsed.columns,
        source: BUNDLED_PRICE_SOURCE,
        onExisting: 'keep',
      });
    }
    for (const r of rates) writeParsedRates(db, r.parsed, r.source);
    db.prepare(
      `INSERT INTO data_versions (dataset, version) VALUES (?, ?)
       ON CONFLICT (dataset) DO UPDATE SET version = excluded.version, loaded_at = excluded.loaded_at`,
    ).run(BUNDLED_DATASET, BUNDLED_DATA_VERSION);
  })();

  return {
    seeded: true,
    version: BUNDLED_DATA_VERSION,
    prices: prices.map((p) => ({ symbol: p.symbol, rows: p.parsed.columns.length })),
    rates: rates.map((r) => ({
      file: r.file,
      series: r.parsed.series.length,
      days: r.parsed.series.reduce((n, s) => n + s.rows.length, 0),
    })),
  };
}

import type { Database } from 'better-sqlite3';
import { exportPrices, exportPricesToFile, type PriceExportInput } from './export-prices';
import { importPriceCsv, previewPriceCsv, type PriceCsvParser } from './import-prices';
import { getPegRatioSeries } from './pegs';
import { createPriceRepository } from './price-repository';
import { refreshPrices, type PriceProvider, type RefreshOptions } from './refresh';
import type { AssetInput } from './types';

type Range = { symbol: string; fromTs?: number; toTs?: number };

/**
 * The price store as one object of operations, each taking one input object (see schemas.ts), for the
 * contract to expose. `refreshOptions` lets tests and the loopback server point refresh at recorded answers.
 */
export function createPriceService(deps: {
  db: Database;
  refreshOptions?: RefreshOptions;
  parse?: PriceCsvParser;
}) {
  const { db } = deps;
  const repo = createPriceRepository(db);
  return {
    listAssets: () => repo.listAssets(),
    upsertAsset: (input: AssetInput) => repo.upsertAsset(input),
    getCloseSeries: (input: Range) => repo.getCloseSeries(input),
    getPriceRows: (input: Range) => repo.getPriceRows(input),
    getPegRatioSeries: (input: Range) => getPegRatioSeries(db, input),
    previewCsv: (input: { filePath: string; previewRows?: number }) =>
      previewPriceCsv(input, deps.parse),
    importCsv: (input: {
      filePath: string;
      symbol: string;
      source?: string;
      skipInvalid?: boolean;
    }) => importPriceCsv(db, input, deps.parse),
    exportPrices: (input: PriceExportInput) => exportPrices(db, input),
    exportPricesToFile: (input: PriceExportInput & { filePath: string }) =>
      exportPricesToFile(db, input),
    refresh: (input: { symbol: string; provider: PriceProvider; days: number }) =>
      refreshPrices(db, { ...deps.refreshOptions, ...input }),
  };
}

export type PriceService = ReturnType<typeof createPriceService>;

import type { Database } from 'better-sqlite3';
import { importRateFile } from './import-rates';
import { createRateRepository } from './rate-repository';
import type { ParsedRateFile } from './parse-rate-file';
import type { RateSeriesKey } from './types';

/** Reads a rate file (in the app: on a compute worker, see services/compute). */
export type RateFileParser = (input: {
  filePath: string;
  asset?: string;
  chain?: string;
}) => Promise<ParsedRateFile>;

/** The rate store as one object of operations, each taking one input object (see schemas.ts). */
export function createRateService(deps: { db: Database; parse?: RateFileParser }) {
  const repo = createRateRepository(deps.db);
  return {
    listSeries: () => repo.listRateSeries(),
    getDailyRates: (input: RateSeriesKey & { fromTs?: number; toTs?: number }) =>
      repo.getDailyRates(input),
    importFile: (input: { filePath: string; asset?: string; chain?: string; source?: string }) =>
      importRateFile(deps.db, input, deps.parse),
  };
}

export type RateService = ReturnType<typeof createRateService>;

import type { Database } from 'better-sqlite3';
import { importRateFile } from './import-rates';
import { createRateRepository } from './rate-repository';
import type { RateSeriesKey } from './types';

/** The rate store as one object of operations, each taking one input object (see schemas.ts). */
export function createRateService(deps: { db: Database }) {
  const repo = createRateRepository(deps.db);
  return {
    listSeries: () => repo.listRateSeries(),
    getDailyRates: (input: RateSeriesKey & { fromTs?: number; toTs?: number }) =>
      repo.getDailyRates(input),
    importFile: (input: { filePath: string; asset?: string; chain?: string; source?: string }) =>
      importRateFile(deps.db, input),
  };
}

export type RateService = ReturnType<typeof createRateService>;

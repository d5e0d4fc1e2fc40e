import { z } from 'zod';
import type {
  AssetDataCoverage,
  DailyClosesDto,
  DataCoverage,
  RateDataCoverage,
  RateWindowSeries,
  SourceSpan,
  StrategyWindow,
  WindowSeries,
} from '../services/coverage';
import type { RateFilePreview } from '../services/rates/preview-rates';
import type { DayGap, DaySpan, SeriesCoverage } from '../market-data/coverage';
import { StrategyJson } from './engine';
import { FileToken } from './market-data';

/**
 * The data view: what the stored history covers (spans, gaps, sources), a chart's daily closes,
 * the backtest window a strategy's series share, and a preview of a rate file before import.
 */

const symbol = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9.-]+$/, 'must be an asset symbol like ETH');

export const DataCoverageInput = z.object({}).strict();
export const DailyClosesInput = z.object({ symbol }).strict();
export const StrategyWindowInput = z
  .object({
    strategy: StrategyJson,
    /** The backtest form's rate mode per lending market id (history-mode markets add their rates). */
    rateModes: z.record(z.string().max(80), z.enum(['model', 'history'])).optional(),
  })
  .strict();
export const RatePreviewInput = z
  .object({
    file: FileToken,
    asset: symbol.optional(),
    chain: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/)
      .optional(),
  })
  .strict();

export type {
  AssetDataCoverage,
  DailyClosesDto,
  DataCoverage,
  DayGap,
  DaySpan,
  RateDataCoverage,
  RateFilePreview,
  RateWindowSeries,
  SeriesCoverage,
  SourceSpan,
  StrategyWindow,
  WindowSeries,
};

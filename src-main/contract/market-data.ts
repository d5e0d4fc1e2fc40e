import { z } from 'zod';
import type { PriceCsvPreview, PriceImportResult } from '../services/prices/import-prices';
import type { PegRatioSeries } from '../services/prices/pegs';
import type { AssetWithCoverage } from '../services/prices/types';
import type { RateImportResult } from '../services/rates/import-rates';
import type { RateSeriesInfo } from '../services/rates/types';

/**
 * Prices and rates as the renderer sees them. Files never travel as paths from the renderer:
 * `files.pickCsv` asks the host (a native dialog in Electron) and returns an opaque token that
 * the import ops accept, so a compromised renderer cannot name arbitrary files.
 */

const symbol = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9.-]+$/, 'must be an asset symbol like ETH');
const unixSeconds = z.number().int().min(0).max(4_102_444_800);
export const FileToken = z
  .string()
  .regex(/^[a-f0-9]{32}$/, 'must be a file token from files.pickCsv');

export const PickCsvInput = z.object({ title: z.string().max(120).optional() }).strict();
export interface PickedFile {
  token: string;
  name: string;
  sizeBytes: number;
}

export const AssetsInput = z.object({}).strict();
export const SeriesInput = z
  .object({ symbol, fromTs: unixSeconds.optional(), toTs: unixSeconds.optional() })
  .strict();
/** Plain arrays (not typed arrays) so the loopback transport's JSON carries them unchanged. */
export interface PriceSeriesDto {
  symbol: string;
  ts: number[];
  close: number[];
}

export const ImportPreviewInput = z
  .object({ file: FileToken, previewRows: z.number().int().min(0).max(1000).optional() })
  .strict();
export const ImportCommitInput = z
  .object({
    file: FileToken,
    symbol,
    source: z.string().min(1).max(200).optional(),
    skipInvalid: z.boolean().optional(),
  })
  .strict();

export const ExportInput = SeriesInput.extend({ format: z.enum(['csv', 'json']) }).strict();
export interface ExportedText {
  fileName: string;
  mimeType: string;
  text: string;
}

export const RefreshInput = z
  .object({
    symbol,
    provider: z.enum(['coingecko', 'defillama']),
    days: z.number().int().min(1).max(3650),
  })
  .strict();
export interface RefreshResultDto {
  symbol: string;
  provider: string;
  stored: number;
}

export const RateSeriesListInput = z.object({}).strict();
export const RateImportInput = z
  .object({
    file: FileToken,
    /** For single-asset layouts that do not name it (the USDC daily file's asset). */
    asset: symbol.optional(),
    /** For Aavescan files whose name does not say the chain. */
    chain: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/)
      .optional(),
    source: z.string().min(1).max(200).optional(),
  })
  .strict();

export type {
  AssetWithCoverage,
  PegRatioSeries,
  PriceCsvPreview,
  RateImportResult,
  PriceImportResult,
  RateSeriesInfo,
};

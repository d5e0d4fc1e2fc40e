import { z } from 'zod';
import { ASSET_KINDS, PEG_KINDS } from './types';

/** Zod schemas for every price-service input, for the contract to validate at the boundary. */

const symbol = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9.-]+$/);
const unixSeconds = z.number().int();
const filePath = z.string().min(1);

export const assetInputSchema = z.object({
  symbol,
  name: z.string().trim().min(1).max(80),
  kind: z.enum(ASSET_KINDS),
  externalIds: z
    .object({ coingecko: z.string().min(1).optional(), defillama: z.string().min(1).optional() })
    .optional(),
  peg: z
    .object({ symbol, kind: z.enum(PEG_KINDS) })
    .nullable()
    .optional(),
});

export const priceRangeInputSchema = z.object({
  symbol,
  fromTs: unixSeconds.optional(),
  toTs: unixSeconds.optional(),
});

export const previewPriceCsvInputSchema = z.object({
  filePath,
  previewRows: z.number().int().min(0).max(1000).optional(),
});

export const importPriceCsvInputSchema = z.object({
  filePath,
  symbol,
  source: z.string().min(1).max(200).optional(),
  skipInvalid: z.boolean().optional(),
});

export const exportPricesInputSchema = priceRangeInputSchema.extend({
  format: z.enum(['csv', 'json']),
});

export const exportPricesToFileInputSchema = exportPricesInputSchema.extend({ filePath });

export const refreshPricesInputSchema = z.object({
  symbol,
  provider: z.enum(['coingecko', 'defillama']),
  days: z.number().int().min(1).max(3650),
});

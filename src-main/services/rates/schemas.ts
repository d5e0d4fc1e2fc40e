import { z } from 'zod';
import { RATE_SIDES } from './types';

/** Zod schemas for every rate-service input, for the contract to validate at the boundary. */

const name = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9-]+$/);

export const importRateFileInputSchema = z.object({
  filePath: z.string().min(1),
  asset: z.string().trim().min(1).max(20).optional(),
  chain: name.optional(),
  source: z.string().min(1).max(200).optional(),
});

export const dailyRatesInputSchema = z.object({
  protocol: name,
  chain: name,
  asset: z.string().trim().min(1).max(20),
  side: z.enum(RATE_SIDES),
  fromTs: z.number().int().optional(),
  toTs: z.number().int().optional(),
});

import { z } from 'zod';
import { StrategyLimits } from '../engine/format/schema';

/** Every user setting with its schema; add a key here and in SETTINGS_DEFAULTS. */
export const SettingsSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']),
  autosaveDelayMs: z.int().min(200).max(10_000),
  lastOpenedDraftId: z.uuid().nullable(),
  /** Global risk limits; a draft's own `limits` override them key by key (engine/limits). */
  limits: StrategyLimits,
});

export type Settings = z.infer<typeof SettingsSchema>;

export const SETTINGS_DEFAULTS: Settings = {
  theme: 'system',
  autosaveDelayMs: 800,
  lastOpenedDraftId: null,
  limits: {},
};

export const SettingsGetInput = z.object({}).strict();

export const SettingsSetInput = z
  .object({ patch: SettingsSchema.partial().strict() })
  .strict()
  .refine((v) => Object.keys(v.patch).length > 0, { message: 'patch must set at least one key' });

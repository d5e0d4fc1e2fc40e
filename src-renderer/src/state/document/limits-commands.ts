import type { LimitKey } from '../../../../src-main/contract/index';
import type { Edit } from './commands';
import { FORMAT_VERSION } from './types';

const LABELS: Record<LimitKey, string> = {
  minHealthFactor: 'minimum health factor',
  maxLeverage: 'maximum leverage',
  maxLtv: 'maximum LTV',
  maxLossP99: 'maximum loss at the 99th percentile',
  maxLiquidationProbability: 'maximum liquidation probability',
  maxProtocolShare: 'maximum share per protocol',
};

/**
 * Sets (a decimal string) or clears (undefined) one of the draft's own limits. The `limits`
 * section is format version 2, so a draft opened at version 1 is brought to the current version
 * (nothing else changes: migrate.ts). An empty section is removed.
 */
export function setLimit(key: LimitKey, value: string | undefined): Edit {
  return {
    label: value === undefined ? `Clear ${LABELS[key]}` : `Set ${LABELS[key]}`,
    key: `limits.${key}`,
    recipe: (draft) => {
      const doc = draft as unknown as Record<string, unknown>;
      const limits = { ...((doc['limits'] as Record<string, string> | undefined) ?? {}) };
      if (value === undefined) delete limits[key];
      else limits[key] = value;
      if (Object.keys(limits).length === 0) delete doc['limits'];
      else doc['limits'] = limits;
      if (value !== undefined) doc['version'] = FORMAT_VERSION;
    },
  };
}

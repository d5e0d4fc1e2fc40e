import type { LendingLayout } from './lending/account';
import type { RateInput } from './lending/lanes';
import { DAYS_PER_YEAR } from './peg-path';

/**
 * The kernel's per-day rate input from stored APRs: `aprFor(marketId, asset, side)` gives one APR per
 * accrual day (NaN where the model applies) or null (the model every day). Null when no slot has one.
 */
export function buildRateInput(input: {
  lending: LendingLayout;
  assets: readonly string[];
  days: number;
  aprFor: (marketId: string, asset: string, side: 'supply' | 'borrow') => ArrayLike<number> | null;
}): RateInput {
  const { lending, days } = input;
  const slots = lending.slotAsset.length;
  let table: Float64Array | null = null;
  for (let a = 0; a < lending.accountIds.length; a++) {
    for (let s = lending.accountStart[a]!; s < lending.accountStart[a + 1]!; s++) {
      const asset = input.assets[lending.slotAsset[s]!]!;
      (['supply', 'borrow'] as const).forEach((side, k) => {
        const aprs = input.aprFor(lending.accountIds[a]!, asset, side);
        if (!aprs) return;
        table ??= new Float64Array(Math.max(1, days) * slots * 2).fill(Number.NaN);
        for (let d = 0; d < days && d < aprs.length; d++) {
          const apr = aprs[d]!;
          if (!Number.isNaN(apr)) table[(d * slots + s) * 2 + k] = apr / DAYS_PER_YEAR;
        }
      });
    }
  }
  return table;
}

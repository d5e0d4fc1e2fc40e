import type { LendingAccount, SupplyBalance } from '../position';

/** A copy whose maps can be changed without touching the original (balances are immutable Decimals). */
export function cloneAccount(account: LendingAccount): LendingAccount {
  const supplies = new Map<string, SupplyBalance>();
  for (const [asset, supply] of account.supplies) supplies.set(asset, { ...supply });
  return {
    marketId: account.marketId,
    market: account.market,
    supplies,
    debts: new Map(account.debts),
  };
}

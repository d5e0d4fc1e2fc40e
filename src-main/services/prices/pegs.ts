import type { Database } from 'better-sqlite3';
import { DataError } from './errors';
import { createPriceRepository } from './price-repository';
import type { PegKind } from './types';

export interface PegRatioSeries {
  symbol: string;
  pegSymbol: string;
  pegKind: PegKind;
  /** Days (unix seconds) on which both the asset and its peg have a close. */
  ts: number[];
  /** Asset close / peg close; 1 means on peg. For an `exchange-rate` peg this includes the exchange rate. */
  ratio: number[];
  /** Asset low / peg close (the intraday depth of a depeg); null when the low is unknown. */
  lowRatio: (number | null)[];
}

interface RatioRecord {
  ts: number;
  ratio: number;
  low_ratio: number | null;
}

/**
 * The market price of a pegged asset relative to its peg, per stored day, from stored closes: stETH/ETH,
 * USDC/USD (USD, the unit, is 1 on every day the asset has a price).
 */
export function getPegRatioSeries(
  db: Database,
  input: { symbol: string; fromTs?: number; toTs?: number },
): PegRatioSeries {
  const repo = createPriceRepository(db);
  const asset = repo.requireAsset(input.symbol);
  if (!asset.peg) throw new DataError('NO_PEG', `${asset.symbol} declares no peg`);
  const peg = repo.requireAsset(asset.peg.symbol);
  const from = input.fromTs ?? -Infinity;
  const to = input.toTs ?? Infinity;
  const records =
    peg.kind === 'unit'
      ? db
          .prepare<[number, number, number], RatioRecord>(
            `SELECT ts, close AS ratio, low AS low_ratio FROM prices
             WHERE asset_id = ? AND ts BETWEEN ? AND ? ORDER BY ts`,
          )
          .all(asset.id, from, to)
      : db
          .prepare<[number, number, number, number], RatioRecord>(
            `SELECT a.ts, a.close / p.close AS ratio, a.low / p.close AS low_ratio
             FROM prices a JOIN prices p ON p.asset_id = ? AND p.ts = a.ts
             WHERE a.asset_id = ? AND a.ts BETWEEN ? AND ? ORDER BY a.ts`,
          )
          .all(peg.id, asset.id, from, to);
  return {
    symbol: asset.symbol,
    pegSymbol: peg.symbol,
    pegKind: asset.peg.kind,
    ts: records.map((r) => r.ts),
    ratio: records.map((r) => r.ratio),
    lowRatio: records.map((r) => r.low_ratio),
  };
}

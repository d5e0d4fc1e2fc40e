export const ASSET_KINDS = ['volatile', 'stable', 'liquid-staking', 'unit'] as const;
/** `unit` is the unit of account (USD): always worth 1, no price rows. */
export type AssetKind = (typeof ASSET_KINDS)[number];

export const PEG_KINDS = ['1:1', 'exchange-rate'] as const;
/** `1:1`: worth one peg unit; `exchange-rate`: worth a growing number of peg units (wstETH → stETH). */
export type PegKind = (typeof PEG_KINDS)[number];

export interface ExternalIds {
  /** CoinGecko coin id, e.g. `ethereum`. */
  coingecko?: string;
  /** DefiLlama coins key, e.g. `coingecko:ethereum` or `ethereum:0x…`. */
  defillama?: string;
}

export interface AssetInput {
  symbol: string;
  name: string;
  kind: AssetKind;
  externalIds?: ExternalIds;
  peg?: { symbol: string; kind: PegKind } | null;
}

export interface Asset extends Required<Omit<AssetInput, 'peg'>> {
  id: number;
  peg: { symbol: string; kind: PegKind } | null;
}

export interface PriceCoverage {
  firstTs: number;
  lastTs: number;
  count: number;
}

export interface AssetWithCoverage extends Asset {
  /** null when the asset has no stored prices. */
  coverage: PriceCoverage | null;
}

/** One price observation; unknown fields are null, never zero. `ts` is unix seconds UTC. */
export interface PriceRow {
  ts: number;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number;
  volume: number | null;
}

export interface StoredPriceRow extends PriceRow {
  source: string;
}

/** Closes in time order, columnar for the backtest's hot loop. */
export interface CloseSeries {
  symbol: string;
  ts: Float64Array;
  close: Float64Array;
}

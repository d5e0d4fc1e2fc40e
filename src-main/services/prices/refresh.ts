import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { DataError } from './errors';
import { getJson, type HttpOptions } from './http-json';
import { createPriceRepository } from './price-repository';
import { SECONDS_PER_DAY, utcDayStart } from './time';
import type { PriceRow } from './types';

export const COINGECKO_BASE_URL = 'https://api.coingecko.com';
export const DEFILLAMA_COINS_BASE_URL = 'https://coins.llama.fi';

export type PriceProvider = 'coingecko' | 'defillama';

export interface RefreshOptions extends HttpOptions {
  /** Overrides the provider's base URL (tests point it at a local recorded server). */
  baseUrl?: string;
  /** "Now" in ms, for dropping the current, unfinished UTC day. */
  nowMs?: number;
}

const coinGeckoChart = z.object({
  prices: z.array(z.tuple([z.number(), z.number().positive()])),
  total_volumes: z.array(z.tuple([z.number(), z.number().nonnegative()])).optional(),
});

const defiLlamaChart = z.object({
  coins: z.record(
    z.string(),
    z.object({
      prices: z.array(z.object({ timestamp: z.number(), price: z.number().positive() })),
    }),
  ),
});

/**
 * CoinGecko `/api/v3/coins/{id}/market_chart?vs_currency=usd&days=N&interval=daily`: price (and total volume)
 * snapshots at 00:00 UTC plus one "now" snapshot. See `toDailyRows` for how they become daily rows.
 */
export async function fetchCoinGeckoDaily(
  input: { coinId: string; days: number } & RefreshOptions,
): Promise<PriceRow[]> {
  const base = input.baseUrl ?? COINGECKO_BASE_URL;
  const url = `${base}/api/v3/coins/${encodeURIComponent(input.coinId)}/market_chart?vs_currency=usd&days=${input.days}&interval=daily`;
  const body = parseBody(coinGeckoChart, await getJson(url, input), 'CoinGecko');
  const volumeAt = new Map(body.total_volumes?.map(([ms, v]) => [ms, v]));
  return toDailyRows(
    body.prices.map(([ms, price]) => ({ ts: ms / 1000, price, volume: volumeAt.get(ms) ?? null })),
    input.nowMs,
  );
}

/** DefiLlama `coins.llama.fi/chart/{coin}?start=&span=&period=1d` (timestamps in seconds). */
export async function fetchDefiLlamaDaily(
  input: { coinKey: string; fromTs: number; days: number } & RefreshOptions,
): Promise<PriceRow[]> {
  const base = input.baseUrl ?? DEFILLAMA_COINS_BASE_URL;
  const url = `${base}/chart/${encodeURI(input.coinKey)}?start=${input.fromTs}&span=${input.days}&period=1d`;
  const body = parseBody(defiLlamaChart, await getJson(url, input), 'DefiLlama');
  const coin = body.coins[input.coinKey];
  if (!coin)
    throw new DataError('BAD_RESPONSE', `DefiLlama returned no prices for ${input.coinKey}`);
  return toDailyRows(
    coin.prices.map((p) => ({ ts: p.timestamp, price: p.price, volume: null })),
    input.nowMs,
  );
}

/**
 * Fetches recent daily closes for a stored asset from its external id and upserts them (source
 * `api:coingecko` / `api:defillama`). Nothing is written when the fetch fails.
 */
export async function refreshPrices(
  db: Database,
  input: { symbol: string; provider: PriceProvider; days: number } & RefreshOptions,
): Promise<{ symbol: string; stored: number; firstTs: number | null; lastTs: number | null }> {
  const repo = createPriceRepository(db);
  const asset = repo.requireAsset(input.symbol);
  let rows: PriceRow[];
  if (input.provider === 'coingecko') {
    const coinId = asset.externalIds.coingecko;
    if (!coinId) throw new DataError('NO_EXTERNAL_ID', `${asset.symbol} has no CoinGecko id`);
    rows = await fetchCoinGeckoDaily({ ...input, coinId });
  } else {
    const coinKey = asset.externalIds.defillama;
    if (!coinKey) throw new DataError('NO_EXTERNAL_ID', `${asset.symbol} has no DefiLlama key`);
    const today = utcDayStart((input.nowMs ?? Date.now()) / 1000);
    rows = await fetchDefiLlamaDaily({
      ...input,
      coinKey,
      fromTs: today - input.days * SECONDS_PER_DAY,
    });
  }
  // Refresh only adds days: a close already stored (bundled, imported) is never overwritten.
  repo.upsertPrices({
    symbol: asset.symbol,
    rows,
    source: `api:${input.provider}`,
    onExisting: 'keep',
  });
  return {
    symbol: asset.symbol,
    stored: rows.length,
    firstTs: rows[0]?.ts ?? null,
    lastTs: rows.at(-1)?.ts ?? null,
  };
}

/** A reading counts as a midnight snapshot within this distance of 00:00 UTC. */
const MIDNIGHT_TOLERANCE_SECONDS = 3600;

/**
 * Midnight snapshots → daily closes. Both APIs answer with readings at (about) 00:00 UTC; the
 * reading at midnight starting day D is the price at the END of day D − 1, so it is stored as the
 * close of D − 1 — the convention of the bundled Yahoo closes (checked: CoinGecko's ETH reading at
 * 2024-01-01 00:00 is 2281.47, Yahoo's 2023-12-31 close). DefiLlama's readings sit seconds either
 * side of midnight: each is taken for the nearest one. Readings further than an hour from any
 * midnight (CoinGecko's extra intraday "now" point) are dropped, and so is anything after today's
 * midnight, so an unfinished day never poses as a close. Only `close` (and volume when given) is known.
 */
export function toDailyRows(
  points: readonly { ts: number; price: number; volume: number | null }[],
  nowMs = Date.now(),
): PriceRow[] {
  const today = utcDayStart(nowMs / 1000);
  const byDay = new Map<number, PriceRow>();
  for (const p of [...points].sort((a, b) => a.ts - b.ts)) {
    const midnight = Math.round(p.ts / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    if (Math.abs(p.ts - midnight) > MIDNIGHT_TOLERANCE_SECONDS || midnight > today) continue;
    const day = midnight - SECONDS_PER_DAY;
    byDay.set(day, {
      ts: day,
      open: null,
      high: null,
      low: null,
      close: p.price,
      volume: p.volume,
    });
  }
  return [...byDay.values()];
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown, provider: string): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new DataError('BAD_RESPONSE', `${provider} response has an unexpected shape`);
  }
  return result.data;
}

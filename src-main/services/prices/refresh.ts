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
  repo.upsertPrices({ symbol: asset.symbol, rows, source: `api:${input.provider}` });
  return {
    symbol: asset.symbol,
    stored: rows.length,
    firstTs: rows[0]?.ts ?? null,
    lastTs: rows.at(-1)?.ts ?? null,
  };
}

/**
 * Daily snapshots → one row per UTC day. Both APIs answer with readings at (about) 00:00 UTC — DefiLlama's sit
 * a few seconds either side of the requested midnights — so each reading is stored at the NEAREST UTC midnight;
 * the last reading for a midnight wins. Midnights from today's on are dropped, which also drops CoinGecko's
 * extra intraday "now" reading, so an unfinished day never poses as a close. Only `close` (and volume when
 * given) is known.
 */
export function toDailyRows(
  points: readonly { ts: number; price: number; volume: number | null }[],
  nowMs = Date.now(),
): PriceRow[] {
  const today = utcDayStart(nowMs / 1000);
  const byDay = new Map<number, PriceRow>();
  for (const p of [...points].sort((a, b) => a.ts - b.ts)) {
    const day = Math.round(p.ts / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    if (day >= today) continue;
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

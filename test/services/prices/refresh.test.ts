import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLED_ASSETS } from '../../../src-main/services/prices/asset-catalog';
import { createPriceRepository } from '../../../src-main/services/prices/price-repository';
import {
  fetchCoinGeckoDaily,
  fetchDefiLlamaDaily,
  refreshPrices,
} from '../../../src-main/services/prices/refresh';
import { createTempDb, day, FIXTURES_DIR, type TempDb } from './temp-db';

const recorded = (name: string) => readFileSync(join(FIXTURES_DIR, 'price-api', name), 'utf8');
const COINGECKO_PATH = '/api/v3/coins/ethereum/market_chart?vs_currency=usd&days=5&interval=daily';
// The "now" reading of the recorded CoinGecko answer: 2024-01-05 10:59:07 UTC.
const COINGECKO_NOW = 1704452347000;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A local HTTP server on 127.0.0.1 answering from a queue of handlers (the last one repeats). */
async function startServer(handlers: Handler[]) {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const handler = handlers[Math.min(requests.length - 1, handlers.length - 1)] as Handler;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json =
  (body: string): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  };
const tooMany: Handler = (_req, res) => {
  res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
  res.end('{"status":{"error_code":429,"error_message":"You\'ve exceeded the Rate Limit."}}');
};
const silent: Handler = () => {};

let t: TempDb;
let server: Awaited<ReturnType<typeof startServer>> | null = null;
beforeEach(() => {
  t = createTempDb();
  const repo = createPriceRepository(t.db);
  for (const asset of BUNDLED_ASSETS) repo.upsertAsset(asset);
});
afterEach(async () => {
  await server?.close();
  server = null;
  t.cleanup();
});

describe('CoinGecko market chart', () => {
  it('turns the recorded answer into daily closes and drops the unfinished day', async () => {
    server = await startServer([json(recorded('coingecko-ethereum-market-chart-days-5.json'))]);
    const rows = await fetchCoinGeckoDaily({
      coinId: 'ethereum',
      days: 5,
      baseUrl: server.baseUrl,
      nowMs: COINGECKO_NOW,
    });
    expect(server.requests).toEqual([COINGECKO_PATH]);
    // 00:00 snapshots of 01-01..01-05 close the day before; the 10:59 "now" reading is dropped.
    expect(rows.map((r) => r.ts)).toEqual(
      ['2023-12-31', '2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'].map(day),
    );
    // Same number as the bundled Yahoo close for 2023-12-31 (resources/data/prices/ETH-USD.csv).
    expect(rows[0]).toEqual({
      ts: day('2023-12-31'),
      open: null,
      high: null,
      low: null,
      close: 2281.4714977293497,
      volume: 6873366012.357803,
    });
  });

  it('retries after a 429 and then succeeds', async () => {
    server = await startServer([
      tooMany,
      json(recorded('coingecko-ethereum-market-chart-days-5.json')),
    ]);
    const rows = await fetchCoinGeckoDaily({
      coinId: 'ethereum',
      days: 5,
      baseUrl: server.baseUrl,
      nowMs: COINGECKO_NOW,
      maxWaitMs: 10, // the server asks for 1 s; capped to keep the test fast
    });
    expect(server.requests).toHaveLength(2);
    expect(rows).toHaveLength(5);
  });

  it('gives up with RATE_LIMITED after the allowed retries', async () => {
    server = await startServer([tooMany]);
    await expect(
      fetchCoinGeckoDaily({
        coinId: 'ethereum',
        days: 5,
        baseUrl: server.baseUrl,
        maxRetries: 2,
        maxWaitMs: 5,
      }),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(server.requests).toHaveLength(3);
  });

  it('times out with TIMEOUT when the server never answers', async () => {
    server = await startServer([silent]);
    await expect(
      fetchCoinGeckoDaily({ coinId: 'ethereum', days: 5, baseUrl: server.baseUrl, timeoutMs: 100 }),
    ).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('reports an unexpected body as BAD_RESPONSE and a server error as HTTP_ERROR', async () => {
    server = await startServer([
      json('{"error":"coin not found"}'),
      (_req, res) => {
        res.writeHead(500);
        res.end();
      },
    ]);
    const input = { coinId: 'ethereum', days: 5, baseUrl: server.baseUrl, maxRetries: 0 };
    await expect(fetchCoinGeckoDaily(input)).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    await expect(fetchCoinGeckoDaily(input)).rejects.toMatchObject({ code: 'HTTP_ERROR' });
  });
});

describe('DefiLlama coins chart', () => {
  it('assigns readings a few seconds off midnight to the nearest day', async () => {
    server = await startServer([json(recorded('defillama-chart-ethereum-span-5.json'))]);
    const rows = await fetchDefiLlamaDaily({
      coinKey: 'coingecko:ethereum',
      fromTs: day('2024-01-01'),
      days: 5,
      baseUrl: server.baseUrl,
      nowMs: Date.parse('2024-01-06T08:00:00Z'),
    });
    expect(server.requests).toEqual([
      '/chart/coingecko:ethereum?start=1704067200&span=5&period=1d',
    ]);
    // 1704239993 is 2024-01-02 23:59:53 UTC: the 01-03 midnight reading (01-02's close), not a second
    // 01-01 close. Yahoo's closes for 2023-12-31..2024-01-04 are 2281.47, 2352.33, 2355.84, 2210.76,
    // 2269.04 (resources/data/prices/ETH-USD.csv): the same days within 0.3 %.
    expect(rows.map((r) => [r.ts, r.close])).toEqual([
      [day('2023-12-31'), 2281.47],
      [day('2024-01-01'), 2352.04],
      [day('2024-01-02'), 2355.78],
      [day('2024-01-03'), 2210.91],
      [day('2024-01-04'), 2268.06],
    ]);
  });
});

describe('refreshPrices', () => {
  it('stores the fetched closes under the asset with the provider as source', async () => {
    server = await startServer([json(recorded('defillama-chart-ethereum-span-5.json'))]);
    const result = await refreshPrices(t.db, {
      symbol: 'ETH',
      provider: 'defillama',
      days: 5,
      baseUrl: server.baseUrl,
      nowMs: Date.parse('2024-01-06T08:00:00Z'),
    });
    expect(result).toEqual({
      symbol: 'ETH',
      stored: 5,
      firstTs: day('2023-12-31'),
      lastTs: day('2024-01-04'),
    });
    const rows = createPriceRepository(t.db).getPriceRows({ symbol: 'ETH' });
    expect(rows[4]).toMatchObject({ close: 2268.06, volume: null, source: 'api:defillama' });
  });

  it('adds missing days but never overwrites a stored close', async () => {
    const repo = createPriceRepository(t.db);
    const kept = {
      ts: day('2024-01-01'),
      open: null,
      high: null,
      low: null,
      close: 2352.33,
      volume: null,
    };
    repo.upsertPrices({ symbol: 'ETH', rows: [kept], source: 'bundled:yahoo-finance' });
    server = await startServer([json(recorded('defillama-chart-ethereum-span-5.json'))]);
    await refreshPrices(t.db, {
      symbol: 'ETH',
      provider: 'defillama',
      days: 5,
      baseUrl: server.baseUrl,
      nowMs: Date.parse('2024-01-06T08:00:00Z'),
    });
    const rows = repo.getPriceRows({ symbol: 'ETH' });
    expect(rows).toHaveLength(5);
    expect(rows[1]).toMatchObject({
      ts: day('2024-01-01'),
      close: 2352.33,
      source: 'bundled:yahoo-finance',
    });
    expect(rows[0]).toMatchObject({
      ts: day('2023-12-31'),
      close: 2281.47,
      source: 'api:defillama',
    });
  });

  it('reports OFFLINE when no connection can be made, and writes nothing', async () => {
    // A port that was just closed: the connection is refused, as when the machine is offline.
    const closed = await startServer([silent]);
    await closed.close();
    await expect(
      refreshPrices(t.db, {
        symbol: 'ETH',
        provider: 'coingecko',
        days: 5,
        baseUrl: closed.baseUrl,
      }),
    ).rejects.toMatchObject({ code: 'OFFLINE' });

    // A failed DNS lookup, as Node's fetch reports it (TypeError with a cause carrying the code).
    const dnsFailure: typeof fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.coingecko.com'), {
          code: 'ENOTFOUND',
        }),
      });
    };
    await expect(
      refreshPrices(t.db, { symbol: 'ETH', provider: 'coingecko', days: 5, fetchImpl: dnsFailure }),
    ).rejects.toMatchObject({
      code: 'OFFLINE',
      message: expect.stringContaining('api.coingecko.com'),
    });
    expect(createPriceRepository(t.db).countPrices({ symbol: 'ETH' })).toBe(0);
  });

  it('needs an external id', async () => {
    await expect(
      refreshPrices(t.db, { symbol: 'USD', provider: 'coingecko', days: 5 }),
    ).rejects.toMatchObject({ code: 'NO_EXTERNAL_ID' });
  });
});

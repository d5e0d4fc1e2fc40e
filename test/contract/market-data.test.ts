import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seededHarness } from './harness';

const fixture = path.resolve(
  import.meta.dirname,
  '../fixtures/BTC-USD-2020-yahoo-with-null-rows.csv',
);
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

describe('market data through the contract', () => {
  let h: Awaited<ReturnType<typeof seededHarness>> | undefined;
  afterEach(() => h?.close());

  it('lists the bundled assets with their coverage', async () => {
    h = await seededHarness();
    const assets = await h.ok('prices.assets', {});
    const btc = assets.find((a) => a.symbol === 'BTC');
    // resources/data/prices/README.md: BTC-USD.csv has 4,082 rows from 2014-09-17 to 2025-11-19.
    expect(btc?.coverage).toEqual({
      firstTs: day('2014-09-17'),
      lastTs: day('2025-11-19'),
      count: 4082,
    });
  });

  it('returns a close series as plain arrays (the 2020-03-12 crash close is 112.35)', async () => {
    h = await seededHarness();
    const s = await h.ok('prices.series', {
      symbol: 'ETH',
      fromTs: day('2020-03-11'),
      toTs: day('2020-03-12'),
    });
    expect(s.ts).toEqual([day('2020-03-11'), day('2020-03-12')]);
    // resources/data/prices/README.md: ETH 194.87 -> 112.35 on 2020-03-12.
    expect(s.close).toEqual([194.87, 112.35]);
  });

  it('imports only files the host picked, by token', async () => {
    h = await seededHarness({ capabilities: { pickOpenFile: async () => fixture } });
    const picked = await h.ok('files.pickCsv', {});
    expect(picked?.name).toBe('BTC-USD-2020-yahoo-with-null-rows.csv');
    const preview = await h.ok('prices.importPreview', { file: picked!.token, previewRows: 2 });
    expect(preview.format).toBe('yahoo');
    // test/fixtures README: four null rows (2020-04-17, 10-09, 10-12, 10-13) at these lines.
    expect(preview.nullRows.map((r) => r.line)).toEqual([109, 284, 287, 288]);

    const forged = await h.raw('prices.importPreview', { file: 'a'.repeat(32) });
    expect(forged).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const pathInstead = await h.raw('prices.importPreview', { file: fixture });
    expect(pathInstead).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('says no file when the host cannot pick one', async () => {
    h = await seededHarness();
    expect(await h.ok('files.pickCsv', {})).toBeNull();
  });

  it('maps an unknown asset to NOT_FOUND and exports re-importable CSV', async () => {
    h = await seededHarness();
    expect(await h.raw('prices.series', { symbol: 'NOPE' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const out = await h.ok('prices.export', {
      symbol: 'ETH',
      format: 'csv',
      fromTs: day('2020-03-12'),
      toTs: day('2020-03-12'),
    });
    expect(out.fileName).toBe('ETH-prices.csv');
    expect(out.text.split('\n')[0]).toBe('date,open,high,low,close,volume,source');
    expect(out.text).toContain(',112.35,');
  });

  it('reports an unreachable price service as UNAVAILABLE, not a crash', async () => {
    h = await seededHarness({
      // Port 9 on loopback (discard) is closed here: the connection is refused at once.
      capabilities: { refresh: { baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000, maxRetries: 0 } },
    });
    const r = await h.raw('prices.refresh', { symbol: 'ETH', provider: 'coingecko', days: 5 });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});

describe('rate files through the contract', () => {
  it('imports a picked rate file, and refuses a malformed one whole with its line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yieldplan-rates-'));
    const good = path.join(dir, 'aave-v3-base-weth-usdc.csv');
    // Aavescan layout: percent, readings averaged per UTC day (docs/data.md).
    writeFileSync(
      good,
      'timestamp,date,WETH supply rate,USDC borrow rate,x\n' +
        '1708387200000,2024-02-20T00:00:00.000Z,2.0,6.0,0\n' +
        '1708430400000,2024-02-20T12:00:00.000Z,3.0,8.0,0\n',
    );
    const bad = path.join(dir, 'aave-v3-base-bad.csv');
    writeFileSync(
      bad,
      'timestamp,date,WETH supply rate,USDC borrow rate,x\n' +
        '1708387200000,2024-02-20T00:00:00.000Z,2.0,6.0,0\n' +
        '1708430400000,2024-02-20T12:00:00.000Z,lots,8.0,0\n',
    );
    let next = good;
    const h = await seededHarness({ capabilities: { pickOpenFile: async () => next } });
    try {
      const picked = await h.ok('files.pickCsv', {});
      const result = await h.ok('rates.import', { file: picked!.token });
      const weth = result.series.find((s) => s.key.asset === 'WETH');
      expect(weth).toMatchObject({
        key: { protocol: 'aave-v3', chain: 'base', side: 'supply' },
        days: 1,
      });
      const series = await h.ok('rates.series', {});
      expect(series.some((s) => s.chain === 'base' && s.asset === 'USDC')).toBe(true);

      next = bad;
      const badPick = await h.ok('files.pickCsv', {});
      const refused = await h.raw('rates.import', { file: badPick!.token });
      expect(refused).toMatchObject({ ok: false, error: { code: 'DATA_REJECTED' } });
      if (!refused.ok) {
        expect(refused.error.details).toMatchObject({ issues: [{ line: 3 }] });
      }
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

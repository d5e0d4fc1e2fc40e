import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seededHarness } from './harness';

const fixture = path.resolve(
  import.meta.dirname,
  '../fixtures/BTC-USD-2020-yahoo-with-null-rows.csv',
);

describe('the data view through the contract', () => {
  let h: Awaited<ReturnType<typeof seededHarness>> | undefined;
  afterEach(() => h?.close());

  it('gives the bundled coverage: BTC 2014-09-17 → 2025-11-19, 4,082 days, no gaps', async () => {
    h = await seededHarness();
    const { assets, rates } = await h.ok('data.coverage', {});
    // resources/data/prices/README.md: BTC-USD.csv has 4,082 rows from 2014-09-17 to 2025-11-19.
    expect(assets.find((a) => a.symbol === 'BTC')).toMatchObject({
      coverage: { firstDay: '2014-09-17', lastDay: '2025-11-19', coveredDays: 4082, gapCount: 0 },
      sources: [{ source: 'bundled:yahoo-finance', rows: 4082 }],
      refreshable: true,
    });
    // docs/data.md: Aave v1 has six gaps in the bundled USDC daily file.
    const aaveV1 = rates.find((r) => r.protocol === 'aave-v1' && r.side === 'supply');
    expect(aaveV1?.coverage.gapCount).toBe(6);
  });

  it('counts the Yahoo null rows of an import as gaps, never as values', async () => {
    h = await seededHarness({ capabilities: { pickOpenFile: async () => fixture } });
    const picked = await h.ok('files.pickCsv', {});
    // The fixture is BTC's 2020 (already bundled); as its own asset its null days show as gaps.
    h.db
      .prepare(
        "INSERT INTO assets (symbol, name, kind, external_ids) VALUES ('XBT', 'BTC copy', 'volatile', '{}')",
      )
      .run();
    await h.ok('prices.importCommit', { file: picked!.token, symbol: 'XBT' });
    const xbt = (await h.ok('data.coverage', {})).assets.find((a) => a.symbol === 'XBT');
    // test/fixtures README: null rows 2020-04-17, 2020-10-09, 2020-10-12 and 2020-10-13.
    expect(xbt?.coverage.gaps).toEqual([
      { from: '2020-04-17', to: '2020-04-17', days: 1 },
      { from: '2020-10-09', to: '2020-10-09', days: 1 },
      { from: '2020-10-12', to: '2020-10-13', days: 2 },
    ]);
    expect(xbt?.sources.map((s) => s.source)).toEqual(['csv:yahoo']);
  });

  it('refuses bad inputs with VALIDATION and an unknown asset with NOT_FOUND', async () => {
    h = await seededHarness();
    expect(await h.raw('data.dailyCloses', { symbol: '../etc' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await h.raw('data.dailyCloses', { symbol: 'NOPE' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await h.raw('data.strategyWindow', { strategy: {}, rateModes: { m: 'sometimes' } }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await h.raw('rates.importPreview', { file: fixture })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await h.raw('rates.importPreview', { file: 'b'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('answers a half-typed strategy with engine errors inside a successful envelope', async () => {
    h = await seededHarness();
    const w = await h.ok('data.strategyWindow', { strategy: { format: 'yieldplan.strategy' } });
    expect(w.ok).toBe(false);
  });
});

/**
 * Data view benchmarks: the coverage scan (`data.coverage`) over the bundled history plus a
 * 1,000,000-row 1-minute series, that series' daily closes for its chart, and a strategy's backtest
 * window (asked on every edit, debounced). Run alone with `npx tsx bench/data-coverage.ts`, or
 * through `runDataCoverageBenchmarks()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../src-main/db/open-database';
import { createCoverageReader } from '../src-main/services/coverage';
import { PriceColumns } from '../src-main/services/prices/price-columns';
import { createPriceRepository } from '../src-main/services/prices/price-repository';
import { seedBundledData } from '../src-main/services/seed';

const ROWS = 1_000_000;

function time<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

export async function runDataCoverageBenchmarks(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'yieldplan-bench-coverage-'));
  const db = openDatabase({ path: join(dir, 'bench.sqlite') });
  try {
    await seedBundledData(db);
    const reader = createCoverageReader(db);
    const bundled = time(() => reader.coverage());
    console.log(
      `data.coverage, bundled history (${bundled.value.assets.length} assets, ${bundled.value.rates.length} rate series): ${bundled.ms.toFixed(0)} ms`,
    );

    const repo = createPriceRepository(db);
    const asset = repo.upsertAsset({ symbol: 'MINUTE', name: 'Minute bars', kind: 'volatile' });
    const columns = new PriceColumns();
    const start = Date.UTC(2023, 0, 1) / 1000;
    for (let i = 0; i < ROWS; i++) {
      // A missing hour every day keeps the day covered; a missing day every 100 makes gaps.
      const ts = start + i * 60;
      if (Math.floor(ts / 86_400) % 100 === 7) continue;
      columns.push({ ts, open: null, high: null, low: null, close: 2000 + (i % 50), volume: null });
    }
    db.transaction(() => repo.writeColumns({ assetId: asset.id, columns, source: 'bench' }))();
    const large = time(() => reader.coverage());
    const minute = large.value.assets.find((a) => a.symbol === 'MINUTE')!;
    console.log(
      `data.coverage with a ${columns.length.toLocaleString('en-US')}-row 1-minute series: ${large.ms.toFixed(0)} ms (${minute.coverage.coveredDays} days, ${minute.coverage.gapCount} gaps)`,
    );
    const closes = time(() => reader.dailyCloses({ symbol: 'MINUTE' }));
    console.log(
      `data.dailyCloses of that series (${closes.value.ts.length} points): ${closes.ms.toFixed(0)} ms`,
    );
    const example = JSON.parse(
      readFileSync(
        new URL('../resources/examples/wsteth-emode-loop.json', import.meta.url),
        'utf8',
      ),
    ) as unknown;
    reader.strategyWindow({ strategy: example }); // warm
    const window = time(() => {
      for (let i = 0; i < 100; i++) reader.strategyWindow({ strategy: example });
    });
    console.log(`data.strategyWindow (wstETH loop example): ${(window.ms / 100).toFixed(2)} ms`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runDataCoverageBenchmarks();
}

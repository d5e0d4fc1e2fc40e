/**
 * Price-store benchmarks: a 1,000,000-row CSV import (issue 4: under 5 s) and first-run seeding of the bundled
 * data (under 1 s). Run alone with `npx tsx bench/prices-import.ts`, or through `runPriceBenchmarks()`.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../src-main/db/open-database';
import { importPriceCsv } from '../src-main/services/prices/import-prices';
import { createPriceRepository } from '../src-main/services/prices/price-repository';
import { seedBundledData } from '../src-main/services/seed';

export interface PriceBenchResult {
  importRows: number;
  importMs: number;
  seedMs: number;
}

const ROWS = 1_000_000;

/** A realistic 1-minute Binance klines dump (12 columns, no header), random-walk prices. */
async function writeKlines(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  let price = 2000;
  const start = Date.UTC(2023, 0, 1);
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const open = price;
    price = Math.max(1, price * (1 + (Math.random() - 0.5) * 0.002));
    const high = Math.max(open, price) * 1.0005;
    const low = Math.min(open, price) * 0.9995;
    const t = start + i * 60_000;
    const volume = (Math.random() * 500).toFixed(4);
    lines.push(
      `${t},${open.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${price.toFixed(2)},${volume},${t + 59_999},${(Number(volume) * price).toFixed(4)},${100 + (i % 900)},${(Number(volume) / 2).toFixed(4)},${((Number(volume) * price) / 2).toFixed(4)},0`,
    );
    if (lines.length === 10_000) {
      if (!out.write(lines.join('\n') + '\n')) await once(out, 'drain');
      lines.length = 0;
    }
  }
  out.end(lines.length ? lines.join('\n') + '\n' : '');
  await once(out, 'finish');
}

export async function runPriceBenchmarks(): Promise<PriceBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'yieldplan-bench-prices-'));
  try {
    const csv = join(dir, 'ETHUSDT-1m.csv');
    await writeKlines(csv, ROWS);
    const mb = (statSync(csv).size / 1e6).toFixed(0);

    const db = openDatabase({ path: join(dir, 'import.sqlite') });
    createPriceRepository(db).upsertAsset({ symbol: 'ETH', name: 'Ether', kind: 'volatile' });
    const t0 = performance.now();
    const result = await importPriceCsv(db, { filePath: csv, symbol: 'ETH' });
    const importMs = performance.now() - t0;
    db.close();
    console.log(
      `prices: import ${result.imported.toLocaleString('en-US')} rows (${result.format}, ${mb} MB) ` +
        `in ${importMs.toFixed(0)} ms (target < 5000 ms)`,
    );

    const fresh = openDatabase({ path: join(dir, 'seed.sqlite') });
    const t1 = performance.now();
    const seeded = await seedBundledData(fresh);
    const seedMs = performance.now() - t1;
    fresh.close();
    const priceRows = seeded.prices.reduce((n, p) => n + p.rows, 0);
    const rateDays = seeded.rates.reduce((n, r) => n + r.days, 0);
    console.log(
      `prices: seed bundled data (${priceRows} price rows, ${rateDays} rate days) into a new database ` +
        `in ${seedMs.toFixed(0)} ms (target < 1000 ms)`,
    );
    return { importRows: result.imported, importMs, seedMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runPriceBenchmarks();
}

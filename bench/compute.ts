/**
 * Compute worker benchmark: the round trip of `engine.evaluate` through the warm worker
 * (services/compute/pool.ts), as the renderer's live evaluation pays it on every keystroke, and
 * the same evaluation in-thread, so the difference is the worker's overhead. Target: < 50 ms from
 * input to figures (the worker adds well under a millisecond of that).
 * Run alone with `npx tsx bench/compute.ts`, or with the rest via `npm run bench`.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src-main/db/open-database';
import { evaluate } from '../src-main/engine/evaluate';
import { INPUT_LIMITS } from '../src-main/engine/format/schema';
import { ComputePool } from '../src-main/services/compute/pool';
import { maximalAcceptedChain } from '../test/hardening/strategies';

const EXAMPLES_DIR = fileURLToPath(new URL('../resources/examples/', import.meta.url));
const WARMUP = 50;
const RUNS = 200;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] as number;
}

export async function runComputeBenchmarks(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'yieldplan-bench-compute-'));
  const dbPath = join(dir, 'bench.sqlite');
  openDatabase({ path: dbPath }).close();
  const pool = new ComputePool({ dbPath });
  try {
    console.log(
      `compute: engine.evaluate round trip through the warm worker vs in-thread, median/p95 of ${RUNS} (target < 50 ms)`,
    );
    const documents = readdirSync(EXAMPLES_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => [f, JSON.parse(readFileSync(EXAMPLES_DIR + f, 'utf8')) as unknown] as const);
    documents.push([
      'maximal chain (2,000 steps)',
      maximalAcceptedChain(INPUT_LIMITS.executedSteps),
    ]);
    for (const [name, strategy] of documents) {
      const runs = name.startsWith('maximal') ? 20 : RUNS;
      for (let i = 0; i < (name.startsWith('maximal') ? 3 : WARMUP); i++) {
        evaluate(strategy);
        await pool.run('engine.evaluate', { strategy });
      }
      const inThread: number[] = [];
      const viaWorker: number[] = [];
      for (let i = 0; i < runs; i++) {
        let start = performance.now();
        evaluate(strategy);
        inThread.push(performance.now() - start);
        start = performance.now();
        await pool.run('engine.evaluate', { strategy });
        viaWorker.push(performance.now() - start);
      }
      const overhead = quantile(viaWorker, 0.5) - quantile(inThread, 0.5);
      console.log(
        `  ${name.padEnd(30)} worker ${quantile(viaWorker, 0.5).toFixed(2)} ms (p95 ${quantile(viaWorker, 0.95).toFixed(2)})   in-thread ${quantile(inThread, 0.5).toFixed(2)} ms   overhead ${overhead.toFixed(2)} ms`,
      );
    }
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runComputeBenchmarks();
}

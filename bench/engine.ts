/**
 * Engine benchmark: median wall time of `evaluate` per shipped example (parse + build + report).
 * Target: well under 2 ms so the UI can re-evaluate on every keystroke.
 * Run alone with `npx tsx bench/engine.ts`, or with the rest via `npm run bench`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluate } from '../src-main/engine/evaluate';

const EXAMPLES_DIR = fileURLToPath(new URL('../resources/examples/', import.meta.url));
const WARMUP = 200;
const RUNS = 500;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export async function runEngineBenchmarks(): Promise<void> {
  console.log(
    `engine: evaluate() per example, median of ${RUNS} runs after ${WARMUP} warm-up (target < 2 ms)`,
  );
  for (const file of readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const document: unknown = JSON.parse(readFileSync(EXAMPLES_DIR + file, 'utf8'));
    for (let i = 0; i < WARMUP; i++) evaluate(document);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const result = evaluate(document);
      times.push(performance.now() - start);
      if (!result.ok)
        throw new Error(`${file} does not evaluate cleanly: ${JSON.stringify(result.errors)}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] as number;
    console.log(
      `  ${file.padEnd(30)} median ${median(times).toFixed(3)} ms   p95 ${p95.toFixed(3)} ms`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runEngineBenchmarks();
}

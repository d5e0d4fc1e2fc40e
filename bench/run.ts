/**
 * `npm run bench`: every benchmark in one run, printing figures (never asserted in tests:
 * timings on a shared 2-core machine are too noisy to gate on).
 */
import { runBacktestBenchmarks } from './backtest';
import { runBuilderBenchmarks } from './builder';
import { runComputeBenchmarks } from './compute';
import { runDataCoverageBenchmarks } from './data-coverage';
import { runEngineBenchmarks } from './engine';
import { runPriceBenchmarks } from './prices-import';
import { runReportBenchmarks } from './report';
import { runRiskBenchmarks } from './risk';

console.log(`Yield Planner benchmarks — node ${process.version}, ${new Date().toISOString()}\n`);
await runEngineBenchmarks();
console.log();
await runComputeBenchmarks();
console.log();
await runPriceBenchmarks();
console.log();
await runDataCoverageBenchmarks();
console.log();
await runBacktestBenchmarks();
console.log();
await runRiskBenchmarks();
console.log();
await runReportBenchmarks();
await runBuilderBenchmarks();

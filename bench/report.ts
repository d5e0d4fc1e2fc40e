/**
 * Report benchmark (issue 16): a report with a five-year backtest and a 10,000-path Monte Carlo,
 * target: renders in under 3 s. "Renders" = the report page loaded into a warm Chromium, every
 * section and chart drawn (the ready flag) and printed to PDF; the payload's analyses are timed
 * on their own line (they are the backtest and Monte Carlo benches' work). Asserts nothing.
 * Run: npx tsx bench/report.ts
 */
import fs from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { openHistoryDatabase } from '../src-main/cli/commands/backtest';
import { ReportOptions } from '../src-main/contract/report';
import { BacktestService, databaseHistorySource } from '../src-main/services/backtest';
import { buildReport } from '../src-main/services/report/build-report';
import {
  findChromium,
  launchChromium,
  printOnPage,
} from '../src-main/services/report/print-chromium';
import { reportHtml } from '../src-main/services/report/report-html';
import { RiskService } from '../src-main/services/risk';

const RUNS = 3;
const example = path.resolve(import.meta.dirname, '../resources/examples/eth-leveraged-long.json');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

export async function runReportBenchmarks(): Promise<void> {
  console.log('Report: five-year backtest + 10,000-path Monte Carlo, printed to A4 PDF');
  const chromium = findChromium();
  if (!chromium) {
    console.log('  skipped: no Chromium-based browser on this machine');
    return;
  }
  const db = await openHistoryDatabase(undefined);
  const risk = RiskService.fromDatabase(db);
  const browser = await launchChromium(chromium);
  try {
    const strategy = JSON.parse(fs.readFileSync(example, 'utf8'));
    let t = performance.now();
    const payload = await buildReport(
      {
        db,
        history: BacktestService.fromDatabase(db),
        source: databaseHistorySource(db),
        risk,
        app: { name: 'Yield Planner', version: 'bench' },
      },
      {
        strategy,
        options: ReportOptions.parse({
          backtest: { include: true, from: '2020-11-20', to: '2025-11-19' },
          monteCarlo: { include: true, paths: 10_000, seed: 1 },
        }),
      },
      { signal: new AbortController().signal, progress: () => {} },
    );
    const buildMs = performance.now() - t;
    const html = reportHtml(payload);
    const days =
      payload.backtest.status === 'included' ? payload.backtest.result.series.date.length : 0;
    console.log(
      `  payload: ${days} backtest days, ${(html.length / 1e6).toFixed(2)} MB of HTML; analyses ${ms(buildMs)}`,
    );

    const draw: number[] = [];
    const print: number[] = [];
    let pages = 0;
    const context = await browser.newContext({ offline: true });
    for (let run = 0; run <= RUNS; run++) {
      const page = await context.newPage();
      t = performance.now();
      const pdf = await printOnPage(page, html, 'a4', {
        onReady: () => draw.push(performance.now() - t),
      });
      print.push(performance.now() - t);
      pages = (pdf.toString().match(/\/Type\s*\/Page\b/g) ?? []).length;
      await page.close();
      if (run === 0) {
        draw.length = 0; // the first run warms the browser's caches
        print.length = 0;
      }
    }
    await context.close();
    const total = median(print);
    console.log(
      `  render (load + draw + print, median of ${RUNS}): ${ms(total)} — drawn in ${ms(median(draw))}, ${pages} pages; target < 3000 ms: ${total < 3000 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `  load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await browser.close();
    await risk.close();
    db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runReportBenchmarks();

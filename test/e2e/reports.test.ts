import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../src-main/contract/dispatch';
import type {
  Evaluation,
  JobStatus,
  OpInput,
  OpName,
  OpOutput,
  ReportBuilt,
} from '../../src-main/contract/index';
import { openServices } from '../../src-main/services/open-services';
import { chromiumPrinter, launchChromium } from '../../src-main/services/report/print-chromium';
import { parsePriceCsv } from '../../src-main/services/prices/parse-price-csv';
import {
  formatHealthFactor,
  formatLeverage,
  formatPercent,
  formatUsd,
} from '../../src-renderer/src/lib/format';
import { describeIssue, stepName } from '../../src-renderer/src/lib/issue-text';
import { tempDir } from '../db/temp-db';
import { chartImages, pagePngs, pdfPages, pdfText } from './pdf-tools';
import { resultsDir } from './harness';

/**
 * Every shipped example printed through the app's own path: `report.start` (a job) assembles the
 * payload, `report.save` prints the report view in Chromium (the same print engine as Electron 45)
 * to test-results/reports/<example>.pdf, with the CSV and JSON exports beside it. One browser and
 * one database serve every example.
 */
const examplesDir = path.resolve(import.meta.dirname, '../../resources/examples');
const EXAMPLES = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.json'));
const outDir = path.join(resultsDir, 'reports');
const SECTIONS = [
  'Strategy report',
  'Data sources',
  'Simulation model',
  'The chain',
  'Assumptions',
  'Key figures',
  'Net APR by component',
  'Charts',
  'Risks of this chain',
  'What liquidates it, and how far away that is',
  'Rate risk',
  'Impermanent loss',
  'Depeg of its stable and liquid-staking assets',
  'Smart-contract and contagion exposure',
  'Risk limits',
  'Named crisis scenarios',
  'Stress and depeg grids',
  'Protocol risk',
  'Backtest',
  'Monte Carlo simulation',
  'Disclaimer',
];
/** Captions of charts drawn for every strategy that has a backtest and a simulation. */
const ALWAYS_CHARTS = [
  'Projected equity at constant prices',
  'Backtest equity with events',
  'Equity fan',
  'Terminal equity: share of paths',
  'Liquidation probability by day',
];

let browser: Browser;
let services: Awaited<ReturnType<typeof openServices>>;
let tmp: ReturnType<typeof tempDir>;
let saveTo = '';

async function call<K extends OpName>(op: K, input: OpInput<K>): Promise<OpOutput<K>> {
  const envelope = await dispatch(services.handlers as Handlers, op, input, { transport: 'ipc' });
  if (!envelope.ok) throw new Error(`${op}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.data as OpOutput<K>;
}

async function finish(jobId: string): Promise<JobStatus> {
  for (;;) {
    const status = await call('jobs.status', { jobId });
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  tmp = tempDir('yieldplan-reports-');
  browser = await launchChromium('/usr/bin/chromium');
  const dbPath = path.join(tmp.dir, 'reports.sqlite');
  services = await openServices({
    dbPath,
    host: { name: 'Yield Planner', version: 'e2e', electron: null, chrome: null, dbPath },
    capabilities: {
      report: { pickSavePath: async () => saveTo, printPdf: chromiumPrinter(browser) },
    },
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await services?.close();
  tmp?.cleanup();
});

describe.each(EXAMPLES)('report of %s', (file) => {
  const stem = file.replace(/\.json$/, '');
  const pdf = path.join(outDir, `${stem}.pdf`);
  const paper = stem === 'btc-perp-hedge' ? 'letter' : 'a4';

  it('prints every section with the engine figures as the app formats them', async () => {
    const strategy = JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8'));
    const evaluation: Evaluation = await call('engine.evaluate', { strategy });
    const { jobId } = await call('report.start', {
      strategy,
      options: {
        paper,
        backtest: { include: true, from: '2024-11-20', to: '2025-11-19' },
        monteCarlo: { include: true, paths: 2000, seed: 7 },
      },
    });
    const status = await finish(jobId);
    expect(status.state, JSON.stringify(status)).toBe('done');
    const built = (status as { result: ReportBuilt }).result;
    expect(built.sections).toEqual({
      scenarios: 'included',
      stress: 'included',
      protocol: 'included',
      backtest: 'included',
      monteCarlo: 'included',
    });
    saveTo = pdf;
    const saved = await call('report.save', { reportId: built.reportId, exports: true });
    expect(saved.saved).toBe(true);
    expect(saved.files[0]).toBe(`${stem}.pdf`);
    expect(saved.files).toContain(`${stem}.strategy.json`);
    expect(saved.files).toContain(`${stem}-backtest.csv`);
    expect(saved.files).toContain(`${stem}-scenarios.csv`);
    expect(saved.files).toContain(`${stem}-monte-carlo.csv`);

    // page count, paper and "Page n of m" on every page
    const { pages, width, height } = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(pages).toBeLessThanOrEqual(20);
    if (paper === 'a4') {
      expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    } else {
      expect([Math.round(width), Math.round(height)]).toEqual([612, 792]);
    }
    const pageTexts = Array.from({ length: pages }, (_, i) => pdfText(pdf, i + 1));
    pageTexts.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} of ${pages}`);
      expect(text).toContain(strategy.name);
    });

    // sections and key figures
    const text = pdfText(pdf);
    for (const section of SECTIONS) expect(text, section).toContain(section);
    expect(text).not.toContain('left out when the report was made');
    const figures = [
      formatUsd(evaluation.equityUsd),
      formatLeverage(evaluation.leverage),
      formatHealthFactor(evaluation.healthFactor.overall),
      formatPercent(evaluation.ltv),
      formatPercent(evaluation.netApr),
      formatPercent(evaluation.netApy),
      ...evaluation.liquidations.flatMap((l) => [
        formatUsd(l.priceUsd),
        formatUsd(l.currentPriceUsd),
      ]),
      ...Object.values(evaluation.healthFactor.byMarket).map((m) =>
        formatHealthFactor(m.healthFactor),
      ),
      ...Object.values(evaluation.netExposure).map((x) => formatUsd(x.usd)),
    ];
    for (const figure of figures) expect(text, figure).toContain(figure);

    // Engine warnings read as the app's warning cards: title and sentence, no code, no field path.
    for (const w of evaluation.warnings) {
      const words = describeIssue(w, { document: strategy });
      expect(text, w.code).toContain(`${words.title}. ${words.sentence}`);
      expect(text).not.toContain(w.code);
      if (w.field) expect(text).not.toContain(w.field);
    }
    // A liquidated perp's stress row says so, and what it lost; "∞" only where nothing is
    // liquidated. By hand: the short's margin, 20,000 USDT less the 0.05 % open fee on $100,000.
    if (stem === 'btc-perp-hedge') {
      const grids = text.slice(
        text.indexOf('Stress and depeg grids'),
        text.indexOf('Protocol risk'),
      );
      expect(grids).toContain('BTC price');
      // underwater at +20 %: nothing more lost to the liquidation (test/risk/stress.test.ts)
      expect(grids).toMatch(/\+20% Liquidated \$120,000\.00 \+0\.04% margin gone/);
      expect(grids).not.toMatch(/∞ \$[\d,.]+ [+−]?[\d.]+% (Liquidated|lost)/);
      expect(grids).toContain('Liq. = the perp is liquidated');
      expect(text).toContain('The short BTC perp on GMX v2 Arbitrum is liquidated if BTC rises');
    }

    // The events table folds each step's harvests (52 a year when weekly) into one summary row.
    const replay = await call('backtest.run', { strategy, from: '2024-11-20', to: '2025-11-19' });
    expect(replay.ok).toBe(true);
    const harvests = new Map<string, number[]>();
    for (const e of replay.ok ? replay.events : []) {
      if (e.type === 'harvest')
        harvests.set(e.stepId, [...(harvests.get(e.stepId) ?? []), e.rewardsUsd]);
    }
    for (const [step, rewards] of harvests) {
      if (rewards.length < 3) continue;
      const total = formatUsd(rewards.reduce((a, b) => a + b, 0));
      // the step by the builder's label, never its id
      const name = stepName(strategy, step);
      expect(text).toContain(
        `· ${rewards.length} times · total ${total} of rewards from step “${name}”`,
      );
      expect(text).not.toContain(`step “${name}”: `); // no row per harvest
      expect(text).not.toContain(`step ${step}`);
    }

    // chart pages carry drawn canvases (images at 3 device pixels per CSS pixel, with data on them)
    const captions = [
      ...ALWAYS_CHARTS,
      ...(evaluation.impermanentLoss.length ? ['Impermanent loss of'] : []),
      ...(evaluation.healthFactor.noDebt ? [] : ['Health factor against the']),
    ];
    for (const caption of captions) {
      const page = pageTexts.findIndex((t) => t.includes(caption)) + 1;
      expect(page, caption).toBeGreaterThan(0);
      const images = chartImages(pdf, page, path.join(tmp.dir, 'images', stem));
      expect(images.length, caption).toBeGreaterThan(0);
      for (const image of images) {
        expect(image.width).toBeGreaterThanOrEqual(2000);
        expect(image.coverage, caption).toBeGreaterThan(0.005);
        expect(image.dataShare, caption).toBeGreaterThan(0.001);
      }
    }
    // pictures of the first pages, for a person to look at
    expect(pagePngs(pdf, 3).length).toBe(3);
  });

  it('exports price series that the app imports back unchanged', async () => {
    const prices = fs
      .readdirSync(outDir)
      .filter((f) => f.startsWith(`${stem}-prices-`) && f.endsWith('.csv'));
    expect(prices.length).toBeGreaterThan(0);
    for (const f of prices) {
      const parsed = await parsePriceCsv({ filePath: path.join(outDir, f) });
      expect(parsed.format).toBe('date-close');
      expect(parsed.errorCount).toBe(0);
      const lines = fs.readFileSync(path.join(outDir, f), 'utf8').trim().split('\n').slice(1);
      expect(parsed.columns.length).toBe(lines.length);
      lines.forEach((line, i) => {
        const [date, close] = line.split(',');
        expect(new Date(parsed.columns.ts[i]! * 1000).toISOString().slice(0, 10)).toBe(date);
        expect(parsed.columns.close[i]).toBe(Number(close));
      });
    }
  });
});

describe('report choices', () => {
  it('leaves out what the user chose not to run, with a line saying so', async () => {
    const strategy = JSON.parse(fs.readFileSync(path.join(examplesDir, EXAMPLES[0]!), 'utf8'));
    const { jobId } = await call('report.start', { strategy, options: { paper: 'a4' } });
    const status = await finish(jobId);
    const built = (status as { result: ReportBuilt }).result;
    expect(built.sections.backtest).toBe('omitted');
    expect(built.sections.monteCarlo).toBe('omitted');
    saveTo = path.join(tmp.dir, 'omitted.pdf');
    await call('report.save', { reportId: built.reportId, exports: false });
    const text = pdfText(saveTo);
    expect(text).toContain('No backtest in this report: it was left out when the report was made.');
    expect(text).toContain(
      'No Monte Carlo simulation in this report: it was left out when the report was made.',
    );
    expect(fs.readdirSync(tmp.dir).filter((f) => f.startsWith('omitted'))).toEqual(['omitted.pdf']);
  });

  it('cancels a report while its simulation runs', async () => {
    const strategy = JSON.parse(fs.readFileSync(path.join(examplesDir, EXAMPLES[0]!), 'utf8'));
    const { jobId } = await call('report.start', {
      strategy,
      options: { monteCarlo: { include: true, paths: 250_000, seed: 1 } },
    });
    await call('jobs.cancel', { jobId });
    expect((await finish(jobId)).state).toBe('cancelled');
  });

  it('refuses a strategy that does not evaluate, naming the problem', async () => {
    const { jobId } = await call('report.start', { strategy: { format: 'yieldplan.strategy' } });
    const status = await finish(jobId);
    expect(status.state).toBe('failed');
    expect(status.state === 'failed' && status.error.code).toBe('VALIDATION');
  });
});

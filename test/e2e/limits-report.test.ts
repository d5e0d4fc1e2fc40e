import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../src-main/contract/dispatch';
import type {
  JobStatus,
  OpInput,
  OpName,
  OpOutput,
  ReportBuilt,
} from '../../src-main/contract/index';
import { openServices } from '../../src-main/services/open-services';
import { chromiumPrinter, launchChromium } from '../../src-main/services/report/print-chromium';
import { tempDir } from '../db/temp-db';
import { fixText } from '../../src-renderer/src/lib/limits';
import { pagePngs, pdfText } from './pdf-tools';
import { resultsDir } from './harness';

/**
 * Issue 20: the PDF report lists the limit breaches — a draft's own minimum health factor and a
 * global maximum leverage — with the step and market responsible and the fix, as main found them.
 */
const example = path.resolve(
  import.meta.dirname,
  '../../resources/examples/eth-leveraged-long.json',
);
const pdf = path.join(resultsDir, 'reports-limits', 'eth-leveraged-long-limits.pdf');

let browser: Browser;
let services: Awaited<ReturnType<typeof openServices>>;
let tmp: ReturnType<typeof tempDir>;

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
  fs.mkdirSync(path.dirname(pdf), { recursive: true });
  tmp = tempDir('yieldplan-limits-report-');
  browser = await launchChromium('/usr/bin/chromium');
  const dbPath = path.join(tmp.dir, 'reports.sqlite');
  services = await openServices({
    dbPath,
    host: { name: 'Yield Planner', version: 'e2e', electron: null, chrome: null, dbPath },
    capabilities: {
      report: { pickSavePath: async () => pdf, printPdf: chromiumPrinter(browser) },
    },
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await services?.close();
  tmp?.cleanup();
});

it('lists each breach with its figure, limit, market, step and fix', async () => {
  const strategy = {
    ...JSON.parse(fs.readFileSync(example, 'utf8')),
    version: 2,
    limits: { minHealthFactor: '1.5' },
  };
  await call('settings.set', { patch: { limits: { maxLeverage: '2' } } });
  const evaluation = await call('engine.evaluate', { strategy });
  const expected = evaluation.limits!.breaches;
  expect(expected.map((b) => b.limit)).toEqual(['minHealthFactor', 'maxLeverage']);

  const { jobId } = await call('report.start', {
    strategy,
    options: { backtest: { include: false }, monteCarlo: { include: false } },
  });
  const status = await finish(jobId);
  expect(status.state, JSON.stringify(status)).toBe('done');
  const built = (status as { result: ReportBuilt }).result;
  const saved = await call('report.save', { reportId: built.reportId, exports: false });
  expect(saved.saved).toBe(true);

  // pdftotext breaks lines where the page does (after a hyphen too): compare with them joined.
  const flat = (t: string) => t.replace(/-\s+/g, '-').replace(/\s+/g, ' ');
  const text = flat(pdfText(pdf));
  expect(text).toContain('Limit breaches');
  // Worded as the app's "Limits breached" list: the market by its name, the fix, the step by
  // its label.
  expect(text).toContain(
    'Now: Health factor 1.383 < 1.500 (Aave v3 Ethereum (Core)). To clear: supply',
  );
  expect(text).toContain(
    'Now: Leverage 2.50× > 2.00× (Aave v3 Ethereum (Core)) · default limit. To clear: repay',
  );
  // amounts as the app formats them: "$3,494.76", not main's "$3494.76"
  expect(text).toMatch(/ \(≈ \$\d{1,3}(,\d{3})*\.\d\d\)\. Step: “Loop”\. Now: Leverage/);
  expect(text).not.toMatch(/≈ \$\d{4}/);
  const list = text.slice(text.indexOf('Limit breaches'), text.indexOf('Named crisis scenarios'));
  expect(list).not.toContain('aave-v3-ethereum');
  expect(list).not.toContain('lever-up');
  for (const b of expected) {
    for (const f of b.fixes) expect(text).toContain(flat(fixText(f, b, strategy)));
  }
  // The table of checks takes the same limits: the draft's HF 1.5, not the app's 1.2.
  expect(text).toContain('Health factor ≥ 1.5');
  // Scenario replays that fall under the minimum are listed too, naming the window.
  expect(text).toMatch(
    /Scenario: Health factor [\d.]+ < 1\.500 \(Aave v3 Ethereum \(Core\), May 2021 crash\)/,
  );
  expect(pagePngs(pdf, 6).length).toBeGreaterThan(0);
}, 120_000);

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../src-main/cli/commands/report';
import { main } from '../../src-main/cli/index';
import { CHROMIUM_ARGS } from '../../src-main/services/report/print-chromium';
import { tempDir } from '../db/temp-db';
import {
  formatPercent,
  formatPercentExact,
  setFormatLocale,
} from '../../src-renderer/src/lib/format';
import { pagePngs, pdfPages, pdfText } from './pdf-tools';

/** `yieldplan report` on a shipped example: self-contained HTML without a browser, and PDF with one. */
const example = path.resolve(
  import.meta.dirname,
  '../../resources/examples/eth-leveraged-long.json',
);
const strategy = JSON.parse(fs.readFileSync(example, 'utf8'));
let tmp: ReturnType<typeof tempDir>;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) },
  };
}

const electron = electronBinary();
if (!electron)
  console.log('report-cli: no Electron binary here, so printing with printToPDF is skipped');

beforeAll(() => {
  tmp = tempDir('yieldplan-report-cli-');
});
afterAll(() => tmp.cleanup());

describe('yieldplan report', () => {
  it('--html writes one self-contained page that draws the report offline', async () => {
    const out = path.join(tmp.dir, 'long.html');
    const r = io();
    const code = await main(
      [
        'report',
        example,
        '--out',
        out,
        '--html',
        '--no-monte-carlo',
        '--from',
        '2025-01-01',
        '--to',
        '2025-06-30',
      ],
      r.io,
    );
    expect(code, r.err.join('\n')).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/);
    expect(r.out.join('\n')).toContain('long-backtest.csv');
    expect(JSON.parse(fs.readFileSync(path.join(tmp.dir, 'long.strategy.json'), 'utf8'))).toEqual(
      strategy,
    );

    // It needs nothing else: opened from disk with the network off, it draws every section.
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    try {
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`file://${out}`);
      await page.waitForFunction(() => document.documentElement.dataset['reportReady'] === 'true');
      const text = await page.locator('#report').innerText();
      expect(text).toContain(strategy.name);
      expect(text).toContain('No Monte Carlo simulation in this report');
      expect(text).toContain('2025-01-01 to 2025-06-30');
      expect(await page.locator('canvas').count()).toBeGreaterThan(2);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it.skipIf(!fs.existsSync('/usr/bin/chromium'))(
    'prints a PDF with the browser it is given, on the chosen paper',
    async () => {
      const out = path.join(tmp.dir, 'long.pdf');
      const r = io();
      const code = await main(
        [
          'report',
          example,
          '--out',
          out,
          '--browser',
          '/usr/bin/chromium',
          '--paper',
          'letter',
          '--paths',
          '500',
          '--seed',
          '3',
          '--no-exports',
        ],
        r.io,
      );
      expect(code, r.err.join('\n')).toBe(0);
      const { pages, width, height } = pdfPages(out);
      expect([Math.round(width), Math.round(height)]).toEqual([612, 792]);
      expect(pdfText(out, pages)).toContain(`Page ${pages} of ${pages}`);
      expect(pdfText(out)).toContain('500 paths × 365 days, seed 3');
      expect(
        fs.readdirSync(tmp.dir).filter((f) => f.startsWith('long.pdf') || f === 'long.pdf'),
      ).toEqual(['long.pdf']);
    },
  );

  it.skipIf(!fs.existsSync('/usr/bin/chromium'))(
    'prints a capped percentage with its exact value beside it, wherever it appears',
    async () => {
      // ETH rose from about $3,100 to $3,900 in these 13 days: at 2.5× the backtest returns about
      // +55 %, which annualizes to some +21 million %: capped on screen, a hover shows the rest.
      const window = ['--from', '2024-02-26', '--to', '2024-03-10'];
      const bt = io();
      expect(await main(['backtest', example, ...window, '--json'], bt.io)).toBe(0);
      const annualized = (JSON.parse(bt.out.join('\n')) as { stats: { annualizedReturn: number } })
        .stats.annualizedReturn;
      setFormatLocale('en-US');
      const capped = formatPercent(annualized, { signed: true });
      const exact = formatPercentExact(annualized, { signed: true });
      expect(capped).toBe('>+9,999%');

      const out = path.join(tmp.dir, 'rally.pdf');
      const r = io();
      const code = await main(
        [
          'report',
          example,
          '--out',
          out,
          '--browser',
          '/usr/bin/chromium',
          ...window,
          '--no-monte-carlo',
          '--no-exports',
        ],
        r.io,
      );
      expect(code, r.err.join('\n')).toBe(0);
      const text = pdfText(out);
      // The backtest's annualised return, with the exact figure a reader cannot hover for.
      expect(text).toContain(`Annualised ${capped} (${exact})`);
      // No capped figure anywhere in the report without its exact value right after it.
      const caps = [...text.matchAll(/[<>][+−]?9,999%/g)];
      expect(caps.length).toBeGreaterThan(0);
      for (const m of caps) {
        expect(text.slice(m.index + m[0].length, m.index + m[0].length + 4)).toMatch(/^ \([+−]?\d/);
      }
      // A page to look at: the backtest's statistics.
      const { pages } = pdfPages(out);
      const page = [...Array(pages).keys()]
        .map((i) => i + 1)
        .find((p) => pdfText(out, p).includes('Annualised'));
      expect(page).toBeDefined();
      fs.mkdirSync('test-results/reports', { recursive: true });
      const kept = path.resolve('test-results/reports/capped-rally.pdf');
      fs.copyFileSync(out, kept);
      pagePngs(kept, pages);
    },
  );

  it.skipIf(!electron)("prints with Electron's printToPDF when Electron is installed", async () => {
    const out = path.join(tmp.dir, 'electron.pdf');
    const r = io();
    const code = await main(
      ['report', example, '--out', out, '--no-monte-carlo', '--no-backtest', '--no-exports'],
      r.io,
    );
    expect(code, r.err.join('\n')).toBe(0);
    expect(r.out.join('\n')).toContain('printed with Electron');
    const { pages } = pdfPages(out);
    expect(pdfText(out, 1)).toContain(`Page 1 of ${pages}`);
  });

  it('names a browser that is not there, and refuses a paper it does not know', async () => {
    const r = io();
    expect(
      await main(
        ['report', example, '--out', path.join(tmp.dir, 'x.pdf'), '--browser', '/nowhere/chrome'],
        r.io,
      ),
    ).toBe(1);
    expect(r.err.join('\n')).toContain('--browser: no browser at /nowhere/chrome');
    const r2 = io();
    expect(
      await main(['report', example, '--out', path.join(tmp.dir, 'x.pdf'), '--paper', 'a3'], r2.io),
    ).toBe(1);
    expect(r2.err.join('\n')).toContain('--paper a4|letter');
    expect(fs.existsSync(path.join(tmp.dir, 'x.pdf'))).toBe(false);
  });
});

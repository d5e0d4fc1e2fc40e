import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ReportOptions, type ReportOptionsInput, type ReportPaper } from '../../contract/report';
import { parseStrategy } from '../../engine/format/parse';
import { BacktestService, databaseHistorySource } from '../../services/backtest';
import { buildReport } from '../../services/report/build-report';
import { dataSourcesFor } from '../../services/report/data-sources';
import {
  chromiumPrinter,
  findChromium,
  launchChromium,
} from '../../services/report/print-chromium';
import { appRoot, readReportBundle, reportHtml } from '../../services/report/report-html';
import { writeReport, type PdfPrinter } from '../../services/report/write-report';
import { RiskService } from '../../services/risk';
import { strategyCommandArgs } from '../args';
import { reportIssues, type CliCommand } from '../command';
import { openHistoryDatabase } from './backtest';

const USAGE = `Usage: yieldplan report <strategy.json> --out report.pdf [options]

A PDF report of the strategy (see docs/reports.md): cover with data sources, the chain, key
figures, charts, a risk section written from this chain's numbers, scenarios, stress and depeg
grids, protocol risk, a backtest and a Monte Carlo simulation. The CSV series and the strategy
JSON are written beside it.
  --out PATH              the report file (.pdf; .html with --html)
  --paper a4|letter       paper size (default a4)
  --from YYYY-MM-DD       backtest window (default: the last year of stored history)
  --to YYYY-MM-DD
  --paths N               Monte Carlo paths (default 10000)
  --seed S                Monte Carlo seed (default 1): same seed, same numbers
  --model gbm|bootstrap   Monte Carlo price model (default gbm)
  --no-backtest           leave the backtest out (the report says so)
  --no-monte-carlo        leave the Monte Carlo out (the report says so)
  --no-exports            write the report only, no CSV/JSON beside it
  --browser PATH          print with this Chromium-based browser (default: Electron when
                          installed, else Chromium, Chrome, Edge or Brave found on the system)
  --html                  write a self-contained HTML report instead (no browser needed)
  --db <path>             database to read history from (default: the bundled price files)
Exit code 0, or 1 on an invalid strategy or option, or when no browser can print (listed on stderr).`;

const DAY = 86_400_000;

/** The last year (at most) of history that every priced asset of the strategy has. */
export function defaultWindow(
  sources: { kind: string; from: string | null; to: string | null }[],
): { from: string; to: string } | null {
  const prices = sources.filter((s) => s.kind === 'price' && s.from && s.to);
  if (prices.length === 0) return null;
  const to = prices.map((s) => s.to!).sort()[0]!;
  const first = prices
    .map((s) => s.from!)
    .sort()
    .at(-1)!;
  const yearBefore = new Date(Date.parse(`${to}T00:00:00Z`) - 364 * DAY).toISOString().slice(0, 10);
  const from = yearBefore > first ? yearBefore : first;
  return from <= to ? { from, to } : null;
}

function count(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} expects a non-negative integer`);
  return Number(text);
}

interface Printer {
  name: string;
  print: PdfPrinter;
  close: () => Promise<void>;
}

/**
 * Electron's binary when the `electron` package AND its binary are installed, else null. Read
 * from the package's path.txt rather than `require('electron')`, which tries to download a
 * missing binary.
 */
export function electronBinary(): string | null {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
    const pathFile = path.join(dir, 'path.txt');
    if (!fs.existsSync(pathFile)) return null;
    const binary = path.join(
      override ?? path.join(dir, 'dist'),
      fs.readFileSync(pathFile, 'utf8').trim(),
    );
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const printEntry = path.join(appRoot(), 'out', 'main', 'print-report.js');

function electronPrinter(binary: string): Printer {
  return {
    name: `Electron (${binary})`,
    close: async () => {},
    print: async (html, paper) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yieldplan-report-'));
      try {
        const htmlFile = path.join(dir, 'report.html');
        const pdfFile = path.join(dir, 'report.pdf');
        fs.writeFileSync(htmlFile, html);
        await new Promise<void>((resolve, reject) => {
          const child = spawn(
            binary,
            [printEntry, '--html', htmlFile, '--out', pdfFile, '--paper', paper],
            {
              stdio: ['ignore', 'ignore', 'pipe'],
            },
          );
          let stderr = '';
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          child.on('error', reject);
          child.on('exit', (code) =>
            code === 0
              ? resolve()
              : reject(new Error(`Electron could not print: ${stderr.trim() || `exit ${code}`}`)),
          );
        });
        return fs.readFileSync(pdfFile);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function browserPrinter(executable: string): Promise<Printer> {
  const browser = await launchChromium(executable);
  return { name: executable, print: chromiumPrinter(browser), close: () => browser.close() };
}

/** --browser, else Electron (when installed and built), else a Chromium-based browser on the system. */
export async function choosePrinter(explicit: string | undefined): Promise<Printer> {
  if (explicit !== undefined) {
    if (!fs.existsSync(explicit)) throw new Error(`--browser: no browser at ${explicit}`);
    return browserPrinter(explicit);
  }
  const electron = electronBinary();
  if (electron && fs.existsSync(printEntry)) return electronPrinter(electron);
  const chromium = findChromium();
  if (chromium) return browserPrinter(chromium);
  throw new Error(
    'no browser to print the PDF with: install Chromium, Chrome, Edge or Brave, pass --browser PATH, or write HTML with --html',
  );
}

export const command: CliCommand = {
  summary: 'a PDF (or self-contained HTML) report of a strategy, with CSV exports beside it',
  usage: USAGE,
  async run(args, io) {
    const input = await strategyCommandArgs({
      args,
      options: {
        out: { type: 'string' },
        paper: { type: 'string', default: 'a4' },
        from: { type: 'string' },
        to: { type: 'string' },
        paths: { type: 'string' },
        seed: { type: 'string' },
        model: { type: 'string', default: 'gbm' },
        'no-backtest': { type: 'boolean', default: false },
        'no-monte-carlo': { type: 'boolean', default: false },
        'no-exports': { type: 'boolean', default: false },
        browser: { type: 'string' },
        html: { type: 'boolean', default: false },
        db: { type: 'string' },
      },
      usage: USAGE,
      io,
      valid: (v) =>
        typeof v.out === 'string' &&
        (v.paper === 'a4' || v.paper === 'letter') &&
        (v.model === 'gbm' || v.model === 'bootstrap') &&
        (v.from === undefined) === (v.to === undefined),
    });
    if (typeof input === 'number') return input;
    const { values, document } = input;
    const parsed = parseStrategy(document);
    if (!parsed.ok) return reportIssues(io, parsed.errors);
    const out = path.resolve(values.out!);
    const bundle = readReportBundle();

    const db = await openHistoryDatabase(values.db);
    const risk = RiskService.fromDatabase(db);
    let printer: Printer | null = null;
    try {
      const window =
        values.from && values.to
          ? { from: values.from, to: values.to }
          : defaultWindow(dataSourcesFor(db, parsed.strategy));
      const options: ReportOptionsInput = {
        paper: values.paper as ReportPaper,
        backtest:
          values['no-backtest'] || !window ? { include: false } : { include: true, ...window },
        monteCarlo: values['no-monte-carlo']
          ? { include: false }
          : {
              include: true,
              model: values.model as 'gbm' | 'bootstrap',
              paths: count(values.paths, 'paths', 10_000),
              seed: count(values.seed, 'seed', 1),
            },
      };
      const checked = ReportOptions.safeParse(options);
      if (!checked.success) {
        io.err(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
        return 1;
      }
      // Find the printer before the analyses run: no browser is an error worth knowing at once.
      if (!values.html) printer = await choosePrinter(values.browser);
      const progress = progressLine();
      const payload = await buildReport(
        {
          db,
          history: BacktestService.fromDatabase(db),
          source: databaseHistorySource(db),
          risk,
          app: { name: 'Yield Planner', version: appVersion() },
        },
        { strategy: document, options: checked.data },
        { signal: new AbortController().signal, progress: progress.update },
      );
      progress.done();
      const files = await writeReport({
        payload,
        html: reportHtml(payload, bundle),
        outPath: out,
        format: values.html ? 'html' : 'pdf',
        ...(printer ? { printPdf: printer.print } : {}),
        exports: !values['no-exports'],
      });
      io.out(
        `wrote ${files.join(', ')} in ${path.dirname(out)}${printer ? ` (printed with ${printer.name})` : ''}`,
      );
      return 0;
    } finally {
      await printer?.close();
      await risk.close();
      db.close();
    }
  },
};

function appVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(appRoot(), 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Progress on stderr, only when it is a terminal (scripts and tests get clean output). */
function progressLine(): { update: (fraction: number) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  let shown = -1;
  return {
    update: (fraction) => {
      const pct = Math.floor(fraction * 100);
      if (pct !== shown) process.stderr.write(`\rmaking the report… ${(shown = pct)}%`);
    },
    done: () => process.stderr.write('\r\x1b[K'),
  };
}

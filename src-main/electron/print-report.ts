/**
 * `electron out/main/print-report.js --html <file> --out <file.pdf> --paper a4|letter`: the CLI's
 * way to print a report with Electron's printToPDF when Electron is installed (no window shown,
 * no database, no app services). Exit code 0, or 1 with the reason on stderr.
 */
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { app } from 'electron';
import { printReportPdf } from './report-printer';

async function run(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: { html: { type: 'string' }, out: { type: 'string' }, paper: { type: 'string' } },
    strict: false,
  });
  const html = values['html'];
  const out = values['out'];
  const paper = values['paper'] === 'letter' ? 'letter' : 'a4';
  if (typeof html !== 'string' || typeof out !== 'string')
    throw new Error('--html and --out are required');
  const pdf = await printReportPdf(await fs.readFile(html, 'utf8'), paper);
  await fs.writeFile(out, pdf);
}

app.disableHardwareAcceleration();
void app.whenReady().then(() =>
  run().then(
    () => app.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      app.exit(1);
    },
  ),
);

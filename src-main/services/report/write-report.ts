import fs from 'node:fs/promises';
import path from 'node:path';
import type { ReportPaper, ReportPayload } from '../../contract/report';
import { reportExports } from './report-exports';

/** Turns a report's HTML into PDF bytes (Electron's printToPDF, or Chromium through the CLI). */
export type PdfPrinter = (html: string, paper: ReportPaper) => Promise<Uint8Array>;

/** "…/wsteth-report.pdf" → "wsteth-report": exports are named after the report. */
export function exportStem(outPath: string): string {
  return path.basename(outPath).replace(/\.(pdf|html?)$/i, '');
}

/**
 * Writes the report (`html` as is, or printed to PDF) to `outPath` and, when asked, the CSV series
 * and the strategy JSON beside it. Each file is written to a temporary name and renamed, so a
 * failure never leaves a half-written report under the user's name. Returns the names written.
 */
export async function writeReport(input: {
  payload: ReportPayload;
  html: string;
  outPath: string;
  format: 'pdf' | 'html';
  printPdf?: PdfPrinter;
  exports: boolean;
}): Promise<string[]> {
  const { payload, outPath } = input;
  let bytes: Uint8Array | string;
  if (input.format === 'html') bytes = input.html;
  else {
    if (!input.printPdf) throw new Error('no PDF printer is available');
    bytes = await input.printPdf(input.html, payload.paper);
  }
  const written: string[] = [];
  await atomicWrite(outPath, bytes);
  written.push(path.basename(outPath));
  if (input.exports) {
    const dir = path.dirname(outPath);
    for (const file of reportExports(payload, exportStem(outPath))) {
      await atomicWrite(path.join(dir, file.fileName), file.text);
      written.push(file.fileName);
    }
  }
  return written;
}

async function atomicWrite(target: string, data: Uint8Array | string): Promise<void> {
  const temp = `${target}.${process.pid}.${Date.now()}.part`;
  try {
    await fs.writeFile(temp, data);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

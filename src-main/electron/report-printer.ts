import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow, session } from 'electron';
import type { ReportPaper } from '../contract/report';

/**
 * Prints a self-contained report page (services/report/report-html.ts) to PDF from a hidden
 * window. The window has no preload and its own in-memory session that refuses every request
 * but the report file itself, so the page can reach nothing; it is destroyed after printing.
 * Page size and running headers come from the page's CSS @page rules: the print API's own
 * header/footer templates stay off, or both would print.
 */
const PARTITION = 'yieldplan-report-print';
const READY_TIMEOUT_MS = 60_000;

export async function printReportPdf(html: string, paper: ReportPaper): Promise<Uint8Array> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'yieldplan-report-'));
  const file = path.join(dir, 'report.html');
  await fs.writeFile(file, html);
  const printSession = session.fromPartition(PARTITION, { cache: false });
  printSession.setPermissionRequestHandler((_c, _p, callback) => callback(false));
  printSession.webRequest.onBeforeRequest((details, callback) =>
    callback({
      cancel: !details.url.startsWith('file://') || !details.url.endsWith('/report.html'),
    }),
  );
  const win = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: {
      session: printSession,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    },
  });
  try {
    await win.loadFile(file);
    await waitReady(win);
    return await win.webContents.printToPDF({
      pageSize: paper === 'a4' ? 'A4' : 'Letter',
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: false,
    });
  } finally {
    win.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function waitReady(win: BrowserWindow): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const state = (await win.webContents.executeJavaScript(
      `(() => { const d = document.documentElement.dataset; return d.reportReady ? 'ready' : d.reportError ? 'error: ' + d.reportError : ''; })()`,
    )) as string;
    if (state === 'ready') return;
    if (state) throw new Error(`the report view failed: ${state.slice(7)}`);
    if (Date.now() > deadline) throw new Error('the report view did not finish drawing');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

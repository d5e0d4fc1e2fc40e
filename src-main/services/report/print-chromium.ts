import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ReportPaper } from '../../contract/report';
import type { PdfPrinter } from './write-report';

/**
 * Printing the report page with a Chromium-based browser through the DevTools protocol
 * (playwright-core drives an installed browser; it never downloads one). The CLI uses it when
 * Electron is not installed; the tests use it to print every shipped example.
 */

/** Where Chromium-based browsers usually live, by platform. */
function candidates(): string[] {
  const env = [process.env['CHROME_PATH'], process.env['CHROMIUM_PATH']].filter(
    (p): p is string => !!p,
  );
  if (process.platform === 'darwin') {
    return [
      ...env,
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Brave Browser.app/Contents/MacOS/Brave Browser',
    ];
  }
  if (process.platform === 'win32') {
    const roots = [
      process.env['PROGRAMFILES'],
      process.env['PROGRAMFILES(X86)'],
      process.env['LOCALAPPDATA'],
    ];
    const rel = [
      'Google/Chrome/Application/chrome.exe',
      'Microsoft/Edge/Application/msedge.exe',
      'Chromium/Application/chrome.exe',
      'BraveSoftware/Brave-Browser/Application/brave.exe',
    ];
    return [...env, ...roots.flatMap((r) => (r ? rel.map((p) => path.join(r, p)) : []))];
  }
  return [
    ...env,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/brave-browser',
    '/snap/bin/chromium',
  ];
}

/** The first installed Chromium-based browser, or null. */
export function findChromium(): string | null {
  return candidates().find((p) => fs.existsSync(p)) ?? null;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

const READY_TIMEOUT_MS = 60_000;

/** A printer on an open browser: one fresh offline context per report, closed afterwards. */
export function chromiumPrinter(browser: Browser): PdfPrinter {
  return async (html: string, paper: ReportPaper) => {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
    try {
      return await printOnPage(await context.newPage(), html, paper);
    } finally {
      await context.close();
    }
  };
}

/** Loads the report page into `page`, waits for its ready flag and prints it. */
export async function printOnPage(
  page: Page,
  html: string,
  paper: ReportPaper,
  hooks: { onReady?: () => void } = {},
): Promise<Buffer> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.setContent(html, { waitUntil: 'load' });
  await waitForReport(page, problems);
  hooks.onReady?.();
  return page.pdf({
    format: paper === 'a4' ? 'A4' : 'Letter',
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: false,
  });
}

/** Waits for the view's ready flag; its error flag (or a page error) fails at once with the reason. */
export async function waitForReport(page: Page, problems: string[] = []): Promise<void> {
  const handle = await page.waitForFunction(
    () => {
      const d = document.documentElement.dataset;
      return d['reportReady'] ? 'ready' : d['reportError'] ? `error: ${d['reportError']}` : false;
    },
    undefined,
    { timeout: READY_TIMEOUT_MS, polling: 50 },
  );
  const state = (await handle.jsonValue()) as string;
  if (state !== 'ready')
    throw new Error(`the report view failed: ${state.slice(7)} ${problems.join('; ')}`);
}

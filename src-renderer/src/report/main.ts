import { flushSync, mount } from 'svelte';
import type { ReportPayload } from '../../../src-main/contract/index';
import Report from './Report.svelte';
import './report.css';

/**
 * The report view: reads its payload from the page's JSON data block, draws every section, sets
 * the page size and running headers, then raises the "ready" flag the printers wait for
 * (`html[data-report-ready]`). A failure raises `data-report-error` instead, so a printer stops at
 * once with the reason rather than timing out.
 */
const PAGE_SIZE = { a4: 'A4', letter: 'letter' } as const;

const cssString = (text: string) => `"${text.replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, ' ')}"`;

function pageRule(payload: ReportPayload): string {
  const date = payload.generatedAt.slice(0, 10);
  return `@page { size: ${PAGE_SIZE[payload.paper]};
    @top-left { content: ${cssString(payload.strategy.name)}; }
    @top-right { content: ${cssString(`Yield Planner report · ${date}`)}; } }`;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

async function start(): Promise<void> {
  const root = document.documentElement;
  try {
    const data = document.getElementById('report-payload')?.textContent;
    const target = document.getElementById('report');
    if (!data || !target) throw new Error('the page has no report payload');
    const payload = JSON.parse(data) as ReportPayload;
    if (payload.format !== 'yieldplan.report' || payload.version !== 1) {
      throw new Error('not a report payload this view can draw');
    }
    // CSSOM, not an inline <style>: the page's CSP allows only the bundle's own stylesheet.
    const sheet = [...document.styleSheets].at(-1);
    sheet?.insertRule(pageRule(payload), sheet.cssRules.length);
    root.dataset['paper'] = payload.paper;
    mount(Report, { target, props: { payload } });
    flushSync();
    await document.fonts.ready;
    await nextFrame();
    await nextFrame();
    root.dataset['reportReady'] = 'true';
  } catch (error) {
    root.dataset['reportError'] = error instanceof Error ? error.message : String(error);
    throw error;
  }
}

void start();

/**
 * Builder latency: from an input event in the inspector to the key figures on screen showing the
 * new evaluation, in the built renderer driven in Debian's Chromium over the loopback services
 * (the same path as the e2e tests). Median per shipped example; target < 50 ms.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startE2eApp } from '../test/e2e/harness';

const ROUNDS = 25;

export async function runBuilderBenchmarks(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..');
  if (!fs.existsSync(path.join(root, 'out/renderer/index.html'))) {
    console.log('Builder latency: skipped (run `npx electron-vite build` first)');
    return;
  }
  if (!fs.existsSync('/usr/bin/chromium')) {
    console.log('Builder latency: skipped (no /usr/bin/chromium)');
    return;
  }
  const e2e = await startE2eApp({ viewport: { width: 1440, height: 900 } });
  try {
    const { page } = e2e;
    await page.goto(e2e.server.appUrl);
    await page.locator('footer').filter({ hasText: 'loopback' }).waitFor();
    const examples = await e2e.call('engine.examples', {});
    console.log(
      `Builder latency: input event → key figures updated, median of ${ROUNDS} edits (target < 50 ms)`,
    );
    for (const example of examples) {
      await page.getByRole('button', { name: 'New from example' }).click();
      await page
        .getByRole('list', { name: 'Examples' })
        .getByRole('button', { name: example.name })
        .click();
      await page.getByRole('list', { name: 'Strategy chain' }).waitFor();
      await page.getByTestId('figure-equity').waitFor();
      const field = page.getByLabel('Capital amount 1', { exact: false }).first();
      await field.waitFor();
      const base = await field.inputValue();
      await page.evaluate(() => performance.clearResourceTimings());
      const times = await page.evaluate(
        async ({ rounds, base }) => {
          const input = document.querySelector<HTMLInputElement>('#capital-0-amount')!;
          const figure = document.querySelector('[data-testid="figure-equity"] dd')!;
          const out: number[] = [];
          for (let i = 1; i <= rounds; i++) {
            const before = figure.textContent;
            const done = new Promise<number>((resolve) => {
              const observer = new MutationObserver(() => {
                if (figure.textContent !== before) {
                  observer.disconnect();
                  // The figures are painted at the next frame.
                  requestAnimationFrame(() => resolve(performance.now()));
                }
              });
              observer.observe(figure, { childList: true, subtree: true, characterData: true });
            });
            const t0 = performance.now();
            input.value = `${base}${i % 2 === 0 ? '' : '1'}`.replace(/^$/, '1');
            input.dispatchEvent(new Event('input', { bubbles: true }));
            out.push((await done) - t0);
          }
          input.value = base;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          return out;
        },
        { rounds: ROUNDS, base },
      );
      const fetchMs = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/api/engine.evaluate'))
          .map((e) => e.duration)
          .sort((a, b) => a - b),
      );
      const evaluateMedian = fetchMs[Math.floor(fetchMs.length / 2)] ?? NaN;
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      const p90 = times[Math.floor(times.length * 0.9)]!;
      console.log(
        `  ${example.id.padEnd(24)} median ${median.toFixed(1).padStart(6)} ms   p90 ${p90.toFixed(1).padStart(6)} ms   (engine.evaluate round trip ${evaluateMedian.toFixed(1)} ms)${median < 50 ? '' : '  over target'}`,
      );
    }
  } finally {
    await e2e.close();
  }
}

import { afterAll, beforeAll, expect, it } from 'vitest';
import { INPUT_LIMITS } from '../../src-main/engine/format/schema';
import { maximalAcceptedChain } from '../hardening/strategies';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

/**
 * Issue 14: the Backtest tab runs a backtest as a cancellable job (`backtest.start`) with progress
 * and a Cancel button; a cancelled re-run leaves the previous result on screen, said to be the
 * previous one, and keeps nothing.
 *
 * The long run is the largest chain the schema accepts (a loop of 2,000 executed steps) over the
 * whole stored history: over a second of replay on an idle machine. So that the Cancel click is
 * never a race with a fast machine, the batch lane (where backtests run) is first given real work,
 * the same strategy's crisis scenarios, as it is when a user's import or scenarios are running.
 */
const maximal = maximalAcceptedChain(INPUT_LIMITS.executedSteps);

let e2e: E2eApp;
let app: AppPage;

beforeAll(async () => {
  e2e = await startE2eApp({ viewport: { width: 1440, height: 900 } });
  app = new AppPage(e2e.page);
  await e2e.page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
  await app.createDraft();
  await app.showJson();
  await app.fillDocument(maximal);
  await app.waitSaved();
});

afterAll(async () => {
  await e2e?.close();
});

const progress = () => e2e.page.getByTestId('backtest-progress');
const cancel = () =>
  e2e.page.getByRole('form', { name: 'Backtest window' }).getByRole('button', { name: 'Cancel' });

it('a long backtest runs as a job with progress; cancelling it keeps the previous result', async () => {
  const draftId = await app.draftList
    .locator('li.selected[data-draft-id]')
    .getAttribute('data-draft-id');

  // A short window first: the result the re-run must not erase.
  await app.runBacktest('2024-01-01', '2024-02-01');
  const totalReturn = app.figure('total-return');
  await totalReturn.waitFor({ timeout: 30_000 });
  const shown = await totalReturn.textContent();
  const period = e2e.page.getByTestId('backtest').locator('p.period');
  expect(await period.textContent()).toContain('2024-01-01 → 2024-02-01');

  // The batch lane is busy with real work, then the whole history is replayed.
  const busy = [
    e2e.call('scenarios.run', { strategy: maximal }),
    e2e.call('scenarios.run', { strategy: maximal }),
  ];
  await app.backtestFrom.fill('2020-01-02');
  await app.backtestTo.fill('2025-11-19');
  await app.backtestRun.click();
  await progress().waitFor();
  expect(await e2e.page.getByRole('button', { name: 'Running…' }).isDisabled()).toBe(true);
  const origin = e2e.page.getByTestId('backtest').getByTestId('run-origin');
  expect(await origin.textContent()).toContain(
    'Showing the previous result while the new run goes',
  );
  await e2e.screenshot('backtest-job-running.png');

  await cancel().click();
  const state = e2e.page.getByTestId('backtest-state');
  await expect
    .poll(() => state.textContent())
    .toMatch(/Backtest cancelled at \d+%; nothing was kept/);
  expect(await totalReturn.textContent()).toBe(shown);
  expect(await period.textContent()).toContain('2024-01-01 → 2024-02-01');
  expect(await origin.textContent()).toContain(
    'The re-run was cancelled; this is the previous result',
  );
  expect(await progress().count()).toBe(0);
  await e2e.screenshot('backtest-job-cancelled.png');

  // Nothing of the cancelled run was kept: the draft's one kept backtest is the short window.
  await Promise.all(busy);
  const id = draftId;
  const kept = await e2e.call('runs.list', { draftId: id!, kind: 'backtest' });
  expect(kept).toHaveLength(1);
  const run = await e2e.call('runs.get', { id: kept[0]!.id });
  expect(run.kind === 'backtest' && run.result.ok && run.result.from).toBe('2024-01-01');

  // Run to the end this time: the long job finishes and replaces the result.
  await app.backtestRun.click();
  await expect
    .poll(() => period.textContent(), { timeout: 60_000 })
    .toContain('2020-01-02 → 2025-11-19');
  expect(await state.count()).toBe(0);
  expect(await e2e.call('runs.list', { draftId: id!, kind: 'backtest' })).toHaveLength(2);
  expect(e2e.consoleErrors).toEqual([]);
}, 180_000);

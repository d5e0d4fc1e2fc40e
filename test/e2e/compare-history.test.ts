// Compare, revision history, trash and search, clicked through the real UI in Chromium.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  formatHealthFactor,
  formatLeverage,
  formatPercent,
  formatUsd,
} from '../../src-renderer/src/lib/format';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

let e2e: E2eApp;
let page: Page;
let app: AppPage;

const LOOP = 'ETH leveraged long (Aave v3)';
const FARM = 'Stablecoin farm (Aave + Curve + Convex)';

beforeAll(async () => {
  e2e = await startE2eApp({ viewport: { width: 1400, height: 1000 } });
  page = e2e.page;
  app = new AppPage(page);
  await page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
  await app.createFromExample(LOOP);
  await app.draftItem(LOOP).waitFor();
  await app.createFromExample(FARM);
  await app.draftItem(FARM).waitFor();
});

afterAll(async () => {
  await e2e?.close();
});

it('compares two drafts on the same window and Monte Carlo, marking the better value', async () => {
  await page.getByRole('button', { name: 'Compare…' }).click();
  const view = page.getByRole('region', { name: 'Compare strategies' });
  await view.getByRole('checkbox', { name: LOOP }).check();
  await view.getByRole('checkbox', { name: FARM }).check();
  await view.getByLabel('Backtest from').fill('2024-01-01');
  await view.getByLabel('Backtest to').fill('2024-06-30');
  await view.getByLabel('Monte Carlo paths').fill('300');
  await view.getByLabel('Monte Carlo seed').fill('5');
  await view.getByLabel('Monte Carlo days').fill('60');
  await view.getByRole('button', { name: 'Compare', exact: true }).click();
  const table = view.getByRole('table', { name: 'Comparison' });
  await table.waitFor({ timeout: 120_000 });
  await expect
    .poll(() => view.getByTestId('compare-context').textContent())
    .toMatch(/2024-01-01\s*→\s*2024-06-30.*300 paths\s*× 60 days, seed 5/s);

  // Column order is the order picked; the farm borrows less: its LTV is the better one.
  const ltv = table.locator('tr[data-row-id="ltv"]');
  const cells = ltv.locator('td.value');
  await expect.poll(() => cells.count()).toBe(2);
  expect(await cells.nth(1).getAttribute('data-best')).toBe('true');
  expect(await cells.nth(0).getAttribute('data-best')).toBe('false');
  expect(await ltv.locator('td.difference').textContent()).toMatch(
    /^Stablecoin farm .* is better: ETH leveraged long \(Aave v3\) is \d+\.\d\d pp higher\.$/,
  );
  // Every section is there, the scenarios with one row per named window.
  for (const id of ['figures', 'backtest', 'scenarios', 'monte-carlo']) {
    expect(
      await table.locator(`tbody[data-section="${id}"] tr[data-row-id]`).count(),
    ).toBeGreaterThan(0);
  }
  // The same figures as the draft's own backtest over that window.
  const totalReturn = await e2e.call('backtest.run', {
    strategy: (await e2e.call('drafts.open', { id: await draftId(FARM) })).document,
    from: '2024-01-01',
    to: '2024-06-30',
  });
  if (!totalReturn.ok) throw new Error('backtest failed');
  const cell = (row: string, i: number) =>
    table
      .locator(`tr[data-row-id="${row}"] td.value`)
      .nth(i)
      .textContent()
      .then((t) => t?.replace('★', '').trim());
  expect(await cell('totalReturn', 1)).toBe(formatPercent(totalReturn.stats.totalReturn));
  // Main sends numbers with their kind; the view writes each kind as the rest of the app does.
  const evaluations = await Promise.all(
    [LOOP, FARM].map(async (name) =>
      e2e.call('engine.evaluate', {
        strategy: (await e2e.call('drafts.open', { id: await draftId(name) })).document,
      }),
    ),
  );
  for (const [i, e] of evaluations.entries()) {
    expect(await cell('equity', i)).toBe(formatUsd(e.equityUsd));
    expect(await cell('leverage', i)).toBe(formatLeverage(e.leverage));
    expect(await cell('healthFactor', i)).toBe(formatHealthFactor(e.healthFactor.overall));
  }
  expect(await cell('leverage', 0)).toBe('2.50×');
  expect(await cell('healthFactor', 0)).toBe('1.383');
  // The better value is marked and the difference stated in the same formats.
  const leverage = table.locator('tr[data-row-id="leverage"]');
  expect(await leverage.locator('td.value').nth(1).getAttribute('data-best')).toBe('true');
  expect(await leverage.locator('td.difference').textContent()).toBe(
    `${FARM} is better: ${LOOP} is ${formatLeverage(Number(evaluations[0]!.leverage) - Number(evaluations[1]!.leverage))} higher.`,
  );
  await e2e.screenshot('compare-view.png');
  await view.getByRole('button', { name: 'Close' }).click();
}, 180_000);

async function draftId(name: string): Promise<string> {
  const list = await e2e.call('drafts.list', {});
  const found = list.find((d) => d.name === name);
  if (!found) throw new Error(`no draft ${name}`);
  return found.id;
}

it('browses revisions with a summary of each change and restores one as a new revision', async () => {
  await app.draftItem(LOOP).locator('button.select').click();
  await expect.poll(() => app.nameInput.inputValue()).toBe(LOOP);
  const horizon = app.inspector.getByLabel('Horizon (days, 1–3650)');
  await horizon.fill('90');
  await app.waitSaved();

  await page.getByRole('button', { name: 'History' }).click();
  const history = page.getByRole('region', { name: 'Revision history' });
  const entries = history.getByRole('list', { name: 'Revisions' }).locator('button.entry');
  await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(2);
  await expect.poll(() => entries.first().textContent()).toContain('Horizon 365 → 90 days');
  const first = entries.last();
  expect(await first.textContent()).toContain('Created');
  await first.click();
  await expect.poll(() => history.getByTestId('revision-figures').textContent()).toMatch(/Net APY/);
  await e2e.screenshot('revision-history.png');

  // Compare the first revision with the current one: the compare view opens with both.
  await history.getByRole('button', { name: 'Compare with current' }).click();
  const compare = page.getByRole('region', { name: 'Compare strategies' });
  await compare.getByText('Comparing “Revision 1” with “Current').waitFor();
  await compare.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'History' }).click();
  await entries.last().click();
  await history.getByTestId('revision-figures').waitFor();
  const before = (await e2e.call('drafts.open', { id: await draftId(LOOP) })).revision;
  await history.getByRole('button', { name: 'Restore as new revision' }).click();
  // Back in the builder with the old horizon, saved as a new revision on top of the history.
  await expect.poll(() => horizon.inputValue()).toBe('365');
  const after = await e2e.call('drafts.open', { id: await draftId(LOOP) });
  expect(after.revision).toBe(before + 1);
  expect(after.document['horizonDays']).toBe(365);
  const kept = await e2e.call('drafts.history', { id: after.id });
  expect(kept[0]?.summary).toBe('Horizon 90 → 365 days');
}, 120_000);

it('lists deleted drafts in the trash, restores one, deletes one for good, empties it', async () => {
  await app.createDraft();
  await app.draftItem('Untitled strategy').waitFor();
  await app.renameInline('Untitled strategy', 'Scratch');
  await app.draftItem('Scratch').waitFor();
  await app.deleteDraft('Scratch');
  await app.deleteDraft(FARM);
  await expect.poll(() => app.draftNames()).toEqual([LOOP]);

  await page.getByRole('button', { name: 'Trash', exact: true }).click();
  const trash = page.getByRole('region', { name: 'Trash' });
  const items = trash.getByRole('list', { name: 'Deleted drafts' }).locator('li');
  await expect
    .poll(() => items.allInnerTexts())
    .toEqual([
      expect.stringMatching(new RegExp(`^${FARM.replace(/[()+]/g, '\\$&')}\\s+Deleted `)),
      expect.stringMatching(/^Scratch\s+Deleted /),
    ]);
  await e2e.screenshot('trash-view.png');

  await items.filter({ hasText: FARM }).getByRole('button', { name: 'Restore' }).click();
  await app.draftItem(FARM).waitFor();
  await expect.poll(() => items.count()).toBe(1);

  await items
    .filter({ hasText: 'Scratch' })
    .getByRole('button', { name: 'Delete for good…' })
    .click();
  const confirm = trash.getByRole('alertdialog', { name: 'Confirm deleting for good' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect(await items.count()).toBe(1); // cancelled: still there
  await items
    .filter({ hasText: 'Scratch' })
    .getByRole('button', { name: 'Delete for good…' })
    .click();
  await confirm.getByRole('button', { name: 'Delete for good' }).click();
  await trash.getByTestId('trash-empty').waitFor();
  expect(e2e.db.prepare("SELECT COUNT(*) AS n FROM drafts WHERE name = 'Scratch'").get()).toEqual({
    n: 0,
  });

  await app.deleteDraft(FARM);
  await trash.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Trash', exact: true }).click();
  await items.first().waitFor();
  await trash.getByRole('button', { name: 'Empty trash…' }).click();
  await trash
    .getByRole('alertdialog', { name: 'Confirm emptying the trash' })
    .getByRole('button', { name: 'Empty trash' })
    .click();
  await trash.getByTestId('trash-empty').waitFor();
  expect(await e2e.call('drafts.trash', {})).toEqual([]);
  await trash.getByRole('button', { name: 'Close' }).click();
}, 120_000);

it('searches drafts by name and notes and sorts them by name or last change', async () => {
  await app.createFromExample(FARM);
  await app.draftItem(FARM).waitFor();
  await app.createDraft();
  await app.draftItem('Untitled strategy').waitFor();
  await app.renameInline('Untitled strategy', 'Alpha basis trade');
  await app.draftItem('Alpha basis trade').waitFor();
  await app.notesInput.fill('delta neutral with a perp hedge');
  await app.waitSaved();

  const search = page.getByRole('searchbox', { name: 'Search drafts' });
  await search.fill('perp hedge'); // words from the notes only
  await expect.poll(() => app.draftNames()).toEqual(['Alpha basis trade']);
  await e2e.screenshot('draft-search.png');
  await search.fill('aave');
  await expect.poll(() => app.draftNames()).toEqual([FARM, LOOP]);
  await search.fill('no such words');
  await page.getByTestId('search-none').waitFor();
  await search.fill('');
  await expect.poll(() => app.draftNames()).toEqual(['Alpha basis trade', FARM, LOOP]);

  await page.getByRole('combobox', { name: 'Sort drafts' }).selectOption({ label: 'Name' });
  await expect.poll(() => app.draftNames()).toEqual(['Alpha basis trade', LOOP, FARM]);
  await page.getByRole('combobox', { name: 'Sort drafts' }).selectOption({ label: 'Last change' });
  await expect.poll(() => app.draftNames()).toEqual(['Alpha basis trade', FARM, LOOP]);
  expect(e2e.consoleErrors).toEqual([]);
}, 120_000);

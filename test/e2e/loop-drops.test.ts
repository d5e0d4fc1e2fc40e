import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AppPage } from './app-page';
import { startE2eApp, type E2eApp } from './harness';

/**
 * Drops at the edges of a loop body (issue 13): into an empty body, at the end of a body, and
 * below the loop in the outer chain, with the pointer and with the keyboard.
 */
let e2e: E2eApp;
let page: Page;
let app: AppPage;

beforeAll(async () => {
  e2e = await startE2eApp({ viewport: { width: 1440, height: 900 } });
  page = e2e.page;
  app = new AppPage(page);
  await page.goto(e2e.server.appUrl);
  await app.footer.filter({ hasText: 'loopback' }).waitFor();
});

afterAll(async () => {
  await e2e?.close();
});

const body = () => app.loopBody('Loop');
const bodySteps = () => body().locator(':scope > li[data-step-id]');

it('a palette block dragged into an empty loop body becomes its first step', async () => {
  await app.createDraft();
  await app.chain.waitFor();
  await app.dragNewStep('Loop');
  await expect.poll(() => app.stepLabels()).toEqual(['Loop']);
  await expect.poll(() => app.stepLabels(body())).toEqual([]);

  await app.dragNewStep('Borrow', body(), 'inside');
  await expect.poll(() => app.stepLabels()).toEqual(['Loop']);
  await expect.poll(() => app.stepLabels(body())).toEqual(['Borrow USDT']);
  expect(e2e.consoleErrors).toEqual([]);
});

it('a block dropped just below the last step of a body ends the body; further down, the chain', async () => {
  // The body holds one step (the test above); a second block dropped under it joins the body.
  await app.dragNewStep('Swap', bodySteps().last(), 'after');
  await expect.poll(() => app.stepLabels()).toEqual(['Loop']);
  await expect.poll(() => app.stepLabels(body())).toEqual(['Borrow USDT', 'Swap USDT → USDC']);

  // And a third one, dropped under the swap.
  await app.dragNewStep('Supply', bodySteps().last(), 'after');
  await expect.poll(() => app.stepLabels()).toEqual(['Loop']);
  await expect
    .poll(() => app.stepLabels(body()))
    .toEqual(['Borrow USDT', 'Swap USDT → USDC', 'Supply USDC']);

  // Below the loop itself is still the outer chain.
  await app.dragNewStep('Harvest', app.step('Loop'), 'after');
  await expect.poll(() => app.stepLabels()).toEqual(['Loop', 'Harvest every 7 days']);
  await expect.poll(() => app.stepLabels(body())).toHaveLength(3);
  expect(e2e.consoleErrors).toEqual([]);
});

/**
 * Tab (no pointer) while a block is held, until the block sits in `zone`: reaching a zone moves
 * the held block into it and focuses the block again.
 */
async function tabInto(zone: ReturnType<typeof body>): Promise<void> {
  const handle = await zone.elementHandle();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await handle!.evaluate((el) => document.activeElement?.parentElement === el)) return;
  }
  throw new Error('Tab never brought the held block into the zone');
}

it('with the keyboard, a chain step is moved into an empty loop body and out again', async () => {
  await app.createDraft();
  await app.chain.waitFor();
  await app.pressButton('Add supply step');
  await app.inspector.getByRole('heading', { name: /^Supply:/ }).waitFor();
  await app.pressButton('Add loop step');
  await app.inspector.getByRole('heading', { name: /^Loop:/ }).waitFor();
  await expect.poll(() => app.stepLabels()).toEqual(['Supply USDC', 'Loop']);
  await expect.poll(() => app.stepLabels(body())).toEqual([]);

  // Space picks the block up, Tab reaches the empty body (a drop zone while a block is held),
  // Space drops it there.
  await app.chain.locator(':scope > li[data-step-id]').first().focus();
  await page.keyboard.press('Space');
  await tabInto(body());
  await page.keyboard.press('Space');
  await expect.poll(() => app.stepLabels()).toEqual(['Loop']);
  await expect.poll(() => app.stepLabels(body())).toEqual(['Supply USDC']);
  await page.keyboard.press('Control+z');
  await expect.poll(() => app.stepLabels()).toEqual(['Supply USDC', 'Loop']);
  await expect.poll(() => app.stepLabels(body())).toEqual([]);
  expect(e2e.consoleErrors).toEqual([]);
});

it('with the keyboard, a palette block is dropped into an empty loop body', async () => {
  await app.paletteBlock('Borrow').focus();
  await page.keyboard.press('Space');
  await tabInto(body());
  await page.keyboard.press('Space');
  await expect.poll(() => app.stepLabels(body())).toEqual(['Borrow USDT']);
  await expect.poll(() => app.stepLabels()).toEqual(['Supply USDC', 'Loop']);
  expect(e2e.consoleErrors).toEqual([]);
});

/** Moves the held pointer towards `target()` until `stands()` says the drop preview is there. */
async function holdUntil(
  target: () => Promise<{ x: number; y: number }>,
  stands: () => Promise<boolean>,
): Promise<void> {
  for (let pass = 0; pass < 60; pass++) {
    const { x, y } = await target();
    await page.mouse.move(x + (pass % 2) * 12, y, { steps: 3 });
    await page.waitForTimeout(100);
    if (await stands()) return;
  }
  throw new Error('the drop preview never stood there');
}

it('a block carried across a loop body and dropped below the loop leaves the body showing its steps', async () => {
  // A zone the pointer only passed through gets no finalize from svelte-dnd-action: it must not
  // keep the list it showed during the drag, or a later edit of its steps would not appear.
  await app.createDraft();
  await app.chain.waitFor();
  await app.pressButton('Add supply step');
  await app.inspector.getByRole('heading', { name: /^Supply:/ }).waitFor();
  await app.pressButton('Add loop step');
  await app.inspector.getByRole('heading', { name: /^Loop:/ }).waitFor();
  await expect.poll(() => app.stepLabels()).toEqual(['Supply USDC', 'Loop']);

  const from = (await app.paletteBlock('Harvest').boundingBox())!;
  await page.mouse.move(from.x + 20, from.y + from.height / 2);
  await page.mouse.down();
  try {
    await page.mouse.move(from.x + 40, from.y + from.height / 2 + 12, { steps: 4 });
    const shadowIn = (label: string, afterLoop = false) =>
      page.evaluate(
        ([name, after]) => {
          const shadow = document.querySelector('[data-is-dnd-shadow-item-internal]');
          const zone = shadow?.parentElement;
          if (zone?.getAttribute('aria-label') !== name) return false;
          return !after || shadow?.previousElementSibling?.getAttribute('aria-label') === 'Loop';
        },
        [label, afterLoop] as const,
      );
    const centre = async (box: { x: number; y: number; width: number; height: number } | null) => {
      if (!box) throw new Error('not visible');
      return { x: box.x + Math.min(60, box.width / 2), y: box.y + box.height / 2 };
    };
    await holdUntil(
      async () => centre(await body().boundingBox()),
      () => shadowIn('Body of Loop'),
    );
    await holdUntil(
      async () => {
        const loop = (await app.step('Loop').boundingBox())!;
        return { x: loop.x + 60, y: loop.y + loop.height + 12 };
      },
      () => shadowIn('Strategy chain', true),
    );
  } finally {
    await page.mouse.up();
  }
  await expect
    .poll(() => app.stepLabels())
    .toEqual(['Supply USDC', 'Loop', 'Harvest every 7 days']);
  await expect.poll(() => app.stepLabels(body())).toEqual([]);

  // An edit of the body after that drag shows in the body.
  await app.stepAction('Supply USDC', 'Move into Loop');
  await expect.poll(() => app.stepLabels(body())).toEqual(['Supply USDC']);
  await expect.poll(() => app.stepLabels()).toEqual(['Loop', 'Harvest every 7 days']);
  expect(e2e.consoleErrors).toEqual([]);
});

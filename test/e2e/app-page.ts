import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Page model of the app: readonly locators plus the few gestures the tests need. */
export class AppPage {
  readonly newButton: Locator;
  readonly draftList: Locator;
  readonly nameInput: Locator;
  readonly notesInput: Locator;
  readonly documentInput: Locator;
  readonly saveStatus: Locator;
  readonly footer: Locator;
  readonly exampleToggle: Locator;
  readonly exampleList: Locator;
  readonly analysis: Locator;
  readonly results: Locator;
  readonly errors: Locator;
  readonly scenarioRows: Locator;
  readonly backtestFrom: Locator;
  readonly backtestTo: Locator;
  readonly backtestRun: Locator;
  readonly backtestEvents: Locator;
  readonly deleverage: Locator;
  readonly deleverageTrigger: Locator;
  readonly deleverageTarget: Locator;
  readonly rateUsage: Locator;
  readonly monteCarlo: Locator;
  readonly simulationPaths: Locator;
  readonly simulationDays: Locator;
  readonly simulationSeed: Locator;
  readonly simulationRun: Locator;
  readonly simulationCancel: Locator;
  readonly simulationProgress: Locator;
  readonly simulationState: Locator;
  readonly stress: Locator;
  readonly stressCross: Locator;
  readonly stressHeatmap: Locator;
  readonly protocolRisk: Locator;

  constructor(readonly page: Page) {
    this.newButton = page.getByRole('button', { name: '+ New' });
    this.draftList = page.getByRole('list', { name: 'Drafts', exact: true });
    this.nameInput = page.getByRole('textbox', { name: 'Name', exact: true });
    this.notesInput = page.getByLabel('Notes', { exact: true });
    this.documentInput = page.getByLabel('Strategy document (JSON)');
    this.saveStatus = page.getByTestId('save-status');
    this.footer = page.locator('footer');
    this.exampleToggle = page.getByRole('button', { name: 'New from example' });
    this.exampleList = page.getByRole('list', { name: 'Examples' });
    this.analysis = page.getByRole('region', { name: 'Analysis' });
    this.results = page.getByTestId('results');
    this.errors = this.results.getByRole('region', { name: 'Errors' });
    this.scenarioRows = page.getByTestId('scenarios').locator('tbody tr');
    const backtestWindow = page.getByRole('form', { name: 'Backtest window' });
    this.backtestFrom = backtestWindow.getByLabel('From', { exact: true });
    this.backtestTo = backtestWindow.getByLabel('To', { exact: true });
    this.backtestRun = page.getByRole('button', { name: 'Run backtest' });
    this.backtestEvents = page.getByRole('region', { name: 'Events' }).locator('tbody tr');
    this.deleverage = page.getByRole('checkbox', { name: 'Deleverage' });
    this.deleverageTrigger = page.getByLabel('Deleverage trigger health factor');
    this.deleverageTarget = page.getByLabel('Deleverage target health factor');
    this.rateUsage = page.getByRole('region', { name: 'Rates used' }).locator('tbody tr');
    this.monteCarlo = page.getByTestId('monte-carlo');
    const options = page.getByRole('form', { name: 'Simulation options' });
    this.simulationPaths = options.getByLabel('Paths');
    this.simulationDays = options.getByLabel('Days');
    this.simulationSeed = options.getByLabel('Seed');
    this.simulationRun = options.getByRole('button', { name: 'Run', exact: true });
    this.simulationCancel = options.getByRole('button', { name: 'Cancel' });
    this.simulationProgress = page.getByTestId('simulation-progress');
    this.simulationState = page.getByTestId('simulation-state');
    this.stress = page.getByTestId('stress');
    this.stressCross = this.stress.getByLabel('Two-axis grid: price ×');
    this.stressHeatmap = page.getByTestId('stress-heatmap');
    this.protocolRisk = page.getByTestId('protocol-risk');
  }

  // ------------------------------------------------------------------ builder

  get palette(): Locator {
    return this.page.getByRole('list', { name: 'Step palette' });
  }

  get chain(): Locator {
    return this.page.getByRole('list', { name: 'Strategy chain' });
  }

  get inspector(): Locator {
    return this.page.getByTestId('inspector');
  }

  paletteBlock(type: string): Locator {
    return this.palette.getByRole('listitem', { name: type, exact: true });
  }

  /** A step's list item in the chain (or a loop body), by the step's label. */
  step(label: string): Locator {
    return this.page
      .locator('li[data-step-id]')
      .and(this.page.getByRole('listitem', { name: label, exact: true }));
  }

  /** Labels of a list's own steps (not those of nested loop bodies), in order. */
  async stepLabels(list: Locator = this.chain): Promise<string[]> {
    return list
      .locator(':scope > li[data-step-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  }

  /** Opens a step in the inspector by clicking its block's title. */
  async selectStep(label: string, nth?: number): Promise<void> {
    const step = nth === undefined ? this.step(label) : this.step(label).nth(nth);
    await step.locator(':scope > article > header button.title').click();
    await this.inspector.getByRole('heading', { name: new RegExp(`: ${label}$`) }).waitFor();
  }

  loopBody(loopLabel: string): Locator {
    return this.page.getByRole('list', { name: `Body of ${loopLabel}`, exact: true });
  }

  async showBuilder(): Promise<void> {
    await this.page.getByRole('radio', { name: 'Builder' }).click();
  }

  async showJson(): Promise<void> {
    await this.page.getByRole('radio', { name: 'Advanced: JSON' }).click();
  }

  /**
   * Drags `source` with the mouse (small steps, as a person does) and drops it on `target`:
   * 'before' its top edge, just below its bottom edge ('after'), or on its middle ('inside', a
   * loop body). Throws when the drop preview never stood there (after letting go).
   */
  async drag(
    source: Locator,
    target: Locator,
    where: 'before' | 'after' | 'inside' = 'inside',
  ): Promise<void> {
    await source.scrollIntoViewIfNeeded();
    const from = await source.boundingBox();
    if (!from) throw new Error('drag source is not visible');
    // The target's element, fixed now: a locator such as "the chain's last item" would resolve to
    // the drop preview itself once the preview is appended.
    const drop = await target.elementHandle();
    if (!drop) throw new Error('drop target is not in the page');
    await this.page.mouse.move(from.x + Math.min(24, from.width / 2), from.y + from.height / 2);
    await this.page.mouse.down();
    let placed = false;
    try {
      await this.page.mouse.move(from.x + 30, from.y + from.height / 2 + 12, { steps: 4 });
      // The layout moves while the block travels (its old place closes, the shadow opens a new
      // one), and svelte-dnd-action only notices the pointer on its own timer: keep aiming at the
      // target's current position until the shadow (the drop preview) stands where it should, so
      // a busy machine makes the drag slower, not wrong. Every other pass aims 12 px to the side:
      // the library decides again only once the pointer has moved more than 10 px.
      // 'after' comes from over the target, as a hand does: onto its bottom edge until the
      // preview is in the target's list, then just below it — but back onto the bottom edge
      // while the preview stands before the target (the library may have placed it there on
      // entering the list, and a pointer in the space below the list need not move it).
      let over = where !== 'after';
      let before = false;
      const trace: string[] = [];
      for (let pass = 0; pass < 60 && !placed; pass++) {
        const to = await drop.boundingBox();
        if (!to) throw new Error('drop target is not visible');
        // Over the target, every other pass aims further in from its edge: the library keeps the
        // preview where it is while the pointer is outside the rectangle the preview had when it
        // last stood at the target's index, and an edge can sit exactly on that rectangle's edge.
        const inset = pass % 2 ? to.height * 0.4 : Math.min(5, to.height / 4);
        const y =
          where === 'before'
            ? to.y + inset
            : where === 'after'
              ? to.y + to.height + (over && !before ? 10 : -inset)
              : to.y + to.height / 2;
        const x = to.x + Math.min(60, to.width / 2) + (pass % 2) * 12;
        await this.page.mouse.move(x, y, { steps: pass === 0 ? 12 : 2 });
        await this.page.waitForTimeout(pass === 0 ? 200 : 100);
        const state = await drop.evaluate((el, at) => {
          const shadow = document.querySelector('[data-is-dnd-shadow-item-internal]');
          const zone = shadow?.parentElement;
          if (!shadow || !zone) return { placed: false, over: false, before: false, at: 'nowhere' };
          const siblings = Array.from(zone.children);
          const index = siblings.indexOf(shadow);
          return {
            before: zone === el.parentElement && index < siblings.indexOf(el),
            placed:
              at === 'inside'
                ? zone === el
                : at === 'after'
                  ? el.nextElementSibling === shadow
                  : el.previousElementSibling === shadow,
            over: zone === el.parentElement,
            // the list's items: T the target, S the preview, top + height
            at: `"${zone.getAttribute('aria-label') ?? zone.tagName}" at ${index} [${siblings
              .map((c) => {
                const r = c.getBoundingClientRect();
                const tag = c === el ? 'T' : c === shadow ? 'S' : 'x';
                return `${tag}${Math.round(r.top)}+${Math.round(r.height)}`;
              })
              .join(' ')}]`,
          };
        }, where);
        placed = over && state.placed;
        over ||= state.over;
        before = state.before;
        trace.push(`y ${Math.round(y - to.y)}/${Math.round(to.height)}: ${state.at}`);
      }
      if (!placed) {
        throw new Error(
          `the drop preview never stood ${where} the target; passes: ${trace.slice(-8).join('; ')}`,
        );
      }
    } finally {
      // Always let go: a drag left held would cover the page for every later test.
      await this.page.mouse.up();
      await drop.dispose();
    }
  }

  /** Drags a palette block to the end of the chain (or into `target`). */
  async dragNewStep(
    type: string,
    target?: Locator,
    where: 'before' | 'after' | 'inside' = 'after',
  ): Promise<void> {
    const last = this.chain.locator(':scope > li').last();
    const into = target ?? ((await last.count()) > 0 ? last : this.chain);
    const count = await this.page.locator('li[data-step-id]').count();
    await this.drag(
      this.paletteBlock(type),
      into,
      target || (await last.count()) > 0 ? where : 'inside',
    );
    // The new step is in the document and open in the inspector.
    await this.page.waitForFunction(
      (n) => document.querySelectorAll('li[data-step-id]').length > n,
      count,
    );
    await this.inspector.getByRole('heading', { name: new RegExp(`^${type}:`) }).waitFor();
  }

  /** A step's ⋯ menu, then one of its actions ("Move up", "Move into Loop", …). */
  async stepAction(label: string, action: string): Promise<void> {
    await this.page.getByRole('button', { name: `Actions for ${label}`, exact: true }).click();
    await this.page.getByRole('menuitem', { name: action, exact: true }).click();
  }

  draftItem(name: string): Locator {
    return this.draftList.locator('li').filter({ hasText: name });
  }

  draftNames(): Promise<string[]> {
    return this.draftList.locator('li .name').allTextContents();
  }

  /** The value of a key figure card (results or backtest), e.g. figure('health-factor'). */
  figure(id: string): Locator {
    return this.page.getByTestId(`figure-${id}`).locator('dd');
  }

  tab(name: 'Results' | 'Scenarios' | 'Backtest' | 'Risk'): Locator {
    return this.analysis.getByRole('tab', { name });
  }

  scenarioRow(id: string): Locator {
    return this.scenarioRows.and(this.page.locator(`[data-scenario-id="${id}"]`));
  }

  /** A row of a one-axis stress grid, by axis ("price:ETH") and move ("−50%"). */
  stressRow(axis: string, move: string): Locator {
    return this.stress.locator(`table[data-axis="${axis}"] tr[data-move="${move}"]`);
  }

  /** Sets the Monte Carlo form's paths, days and seed, and starts the run. */
  async simulate(input: { paths: number; days: number; seed: number }): Promise<void> {
    await this.simulationPaths.fill(String(input.paths));
    await this.simulationDays.fill(String(input.days));
    await this.simulationSeed.fill(String(input.seed));
    await this.simulationRun.click();
  }

  async createFromExample(name: string): Promise<void> {
    await this.exampleToggle.click();
    await this.exampleList.getByRole('button', { name }).click();
  }

  /** Replaces the strategy document with `document`, pretty-printed. */
  async fillDocument(document: unknown): Promise<void> {
    await this.documentInput.fill(JSON.stringify(document, null, 2));
  }

  async runBacktest(from: string, to: string): Promise<void> {
    await this.tab('Backtest').click();
    await this.backtestFrom.fill(from);
    await this.backtestTo.fill(to);
    await this.backtestRun.click();
  }

  /**
   * Creates a blank draft and waits until it is the open one: a step added right after the click
   * would otherwise land in the draft still open while the new one loads.
   */
  async createDraft(): Promise<void> {
    const before = await this.draftList
      .locator('li[data-draft-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-draft-id')));
    await this.newButton.click();
    await this.page.waitForFunction((known) => {
      const open = document.querySelector('li[data-draft-id] button[aria-current="true"]');
      const id = open?.closest('li')?.getAttribute('data-draft-id');
      return id !== undefined && id !== null && !known.includes(id);
    }, before);
    // a blank draft: its chain (when the builder shows) has no steps
    await this.page.waitForFunction(
      () =>
        document.querySelectorAll('ul[aria-label="Strategy chain"] > li[data-step-id]').length ===
        0,
    );
  }

  async renameInline(from: string, to: string): Promise<void> {
    const item = this.draftItem(from);
    await item.hover();
    await item.getByRole('button', { name: 'Rename' }).click();
    const input = this.draftList.getByRole('textbox', { name: 'Draft name' });
    await input.fill(to);
    await input.press('Enter');
  }

  async deleteDraft(name: string): Promise<void> {
    const item = this.draftItem(name);
    await item.hover();
    await item.getByRole('button', { name: 'Delete' }).click();
  }

  /** The Undo of a toast (e.g. after deleting a draft). */
  async undo(): Promise<void> {
    await this.page.locator('.toast').getByRole('button', { name: 'Undo' }).click();
  }

  /** The strategy's own undo (the header's buttons). */
  async undoEdit(): Promise<void> {
    await this.page.getByRole('button', { name: /^Undo: / }).click();
  }

  async redo(): Promise<void> {
    await this.page.getByRole('button', { name: /^Redo: / }).click();
  }

  async waitSaved(): Promise<void> {
    await this.saveStatus.filter({ hasText: /^\s*Saved\s*$/ }).waitFor();
  }

  // Keyboard-only gestures: focus (what Tab reaches) and keys, no pointer.

  /** Focuses a button by its name and presses a key on it. */
  async pressButton(name: string, key = 'Enter'): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).focus();
    await this.page.keyboard.press(key);
  }

  /** Focuses a field in the inspector and replaces its text by typing. */
  async typeInto(label: string | RegExp, text: string): Promise<void> {
    await this.inspector.getByLabel(label).first().focus();
    await this.page.keyboard.press('Control+a');
    await this.page.keyboard.type(text);
  }

  /**
   * Chooses in a closed select with the arrow keys, by the option's text: which options a select
   * lists (and which it starts on) depends on what the strategy already holds.
   */
  async chooseByKeys(label: string, option: string): Promise<void> {
    const select = this.inspector.getByLabel(label);
    await select.focus();
    const texts = await select.locator('option').allTextContents();
    const target = texts.findIndex((t) => t.trim().startsWith(option));
    if (target < 0) throw new Error(`"${label}" has no option "${option}": ${texts.join(' | ')}`);
    const from = await select.evaluate((el) => (el as HTMLSelectElement).selectedIndex);
    const key = target >= from ? 'ArrowDown' : 'ArrowUp';
    for (let i = 0; i < Math.abs(target - from); i++) await this.page.keyboard.press(key);
    await expect
      .poll(() => select.evaluate((el) => (el as HTMLSelectElement).selectedIndex))
      .toBe(target);
  }
}

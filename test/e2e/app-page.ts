import type { Locator, Page } from 'playwright-core';

/** Page model of the app: readonly locators plus the few gestures the tests need. */
export class AppPage {
  readonly newButton: Locator;
  readonly draftList: Locator;
  readonly nameInput: Locator;
  readonly notesInput: Locator;
  readonly documentInput: Locator;
  readonly saveStatus: Locator;
  readonly footer: Locator;

  constructor(readonly page: Page) {
    this.newButton = page.getByRole('button', { name: '+ New' });
    this.draftList = page.getByRole('list', { name: 'Drafts' });
    this.nameInput = page.getByRole('textbox', { name: 'Name', exact: true });
    this.notesInput = page.getByLabel('Notes');
    this.documentInput = page.getByLabel('Strategy document (JSON)');
    this.saveStatus = page.getByTestId('save-status');
    this.footer = page.locator('footer');
  }

  draftItem(name: string): Locator {
    return this.draftList.locator('li').filter({ hasText: name });
  }

  draftNames(): Promise<string[]> {
    return this.draftList.locator('li .name').allTextContents();
  }

  async createDraft(): Promise<void> {
    await this.newButton.click();
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

  async undo(): Promise<void> {
    await this.page.getByRole('button', { name: 'Undo' }).click();
  }

  async waitSaved(): Promise<void> {
    await this.saveStatus.filter({ hasText: /^\s*Saved\s*$/ }).waitFor();
  }
}

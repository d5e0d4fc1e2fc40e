import path from 'node:path';
import type { OpenedFile } from '../contract/opened-files';
import { ContractError } from '../contract/errors';
import type { DraftsService } from './drafts';
import { readStrategyFile } from './strategy-file';

/**
 * Imports strategy files the host was asked to open as new drafts, and keeps each outcome
 * (the draft, or why the file was refused) until the renderer takes it with `files.takeOpened`.
 */
export class OpenedFiles {
  readonly #drafts: DraftsService;
  #inbox: OpenedFile[] = [];

  constructor(drafts: DraftsService) {
    this.#drafts = drafts;
  }

  async open(filePaths: readonly string[]): Promise<OpenedFile[]> {
    const outcomes: OpenedFile[] = [];
    for (const filePath of filePaths) outcomes.push(await this.#openOne(filePath));
    this.#inbox.push(...outcomes);
    return outcomes;
  }

  take(): OpenedFile[] {
    const files = this.#inbox;
    this.#inbox = [];
    return files;
  }

  async #openOne(filePath: string): Promise<OpenedFile> {
    const fileName = path.basename(filePath);
    try {
      const file = await readStrategyFile(filePath);
      const draft = this.#drafts.create({
        name: file.name,
        notes: file.notes,
        document: file.document,
      });
      return { ok: true, fileName, draftId: draft.id, name: draft.name, problems: file.problems };
    } catch (error) {
      if (error instanceof ContractError) {
        const details = error.details as { dataCode?: string } | undefined;
        return {
          ok: false,
          fileName,
          code: details?.dataCode ?? error.code,
          message: error.message,
        };
      }
      throw error;
    }
  }
}

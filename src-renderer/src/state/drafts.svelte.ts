import type { DraftSummary, OpInput } from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';
import type { Toasts } from './toasts.svelte';

const byRecency = (a: DraftSummary, b: DraftSummary) => b.updatedAt.localeCompare(a.updatedAt);

/** The sidebar's list of drafts and which one is open. */
export class DraftsStore {
  items = $state<DraftSummary[]>([]);
  selectedId = $state<string | null>(null);
  loaded = $state(false);
  selected = $derived(this.items.find((d) => d.id === this.selectedId) ?? null);

  readonly #api: ApiClient;
  readonly #toasts: Toasts;

  constructor(api: ApiClient, toasts: Toasts) {
    this.#api = api;
    this.#toasts = toasts;
  }

  async #attempt<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      this.#toasts.error(
        `${what} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }

  async load(preferredId: string | null): Promise<void> {
    await this.#attempt('Loading drafts', async () => {
      this.items = await this.#api.call('drafts.list', {});
      const preferred = this.items.find((d) => d.id === preferredId);
      this.selectedId = preferred?.id ?? this.items[0]?.id ?? null;
    });
    this.loaded = true;
  }

  select(id: string): void {
    this.selectedId = id;
  }

  /** Keeps the list in step with a summary returned by any call (save, rename, restore). */
  upsert(summary: DraftSummary): void {
    const rest = this.items.filter((d) => d.id !== summary.id);
    this.items = summary.deletedAt === null ? [...rest, summary].sort(byRecency) : rest;
  }

  /** A new draft, empty or filled (e.g. from a worked example), opened at once. */
  async create(input: OpInput<'drafts.create'> = {}): Promise<void> {
    const draft = await this.#attempt('Creating a draft', () =>
      this.#api.call('drafts.create', input),
    );
    if (!draft) return;
    this.upsert(draft);
    this.selectedId = draft.id;
  }

  async rename(id: string, name: string): Promise<DraftSummary | undefined> {
    const summary = await this.#attempt('Renaming', () =>
      this.#api.call('drafts.rename', { id, name }),
    );
    if (summary) this.upsert(summary);
    return summary;
  }

  async duplicate(id: string): Promise<void> {
    const copy = await this.#attempt('Duplicating', () =>
      this.#api.call('drafts.duplicate', { id }),
    );
    if (!copy) return;
    this.upsert(copy);
    this.selectedId = copy.id;
  }

  /** Soft delete, with an Undo toast that restores it. */
  async remove(id: string): Promise<void> {
    const index = this.items.findIndex((d) => d.id === id);
    const removed = await this.#attempt('Deleting', () => this.#api.call('drafts.delete', { id }));
    if (!removed) return;
    this.upsert(removed);
    if (this.selectedId === id) {
      this.selectedId = (this.items[index] ?? this.items[index - 1])?.id ?? null;
    }
    this.#toasts.show(`Deleted “${removed.name}”`, {
      action: { label: 'Undo', run: () => this.restore(id) },
    });
  }

  async restore(id: string): Promise<void> {
    const summary = await this.#attempt('Restoring', () =>
      this.#api.call('drafts.restore', { id }),
    );
    if (!summary) return;
    this.upsert(summary);
    this.selectedId = summary.id;
  }
}

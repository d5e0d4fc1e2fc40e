import type { DraftSummary } from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';

export type DraftSort = 'updated' | 'name';
const SORT_KEY = 'yieldplan.draftSort';
const DEBOUNCE_MS = 150;

const byName = (a: DraftSummary, b: DraftSummary) =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }) ||
  b.updatedAt.localeCompare(a.updatedAt);
const byUpdated = (a: DraftSummary, b: DraftSummary) => b.updatedAt.localeCompare(a.updatedAt);

/**
 * The sidebar's search (name and notes, matched in main: notes are not in the list) and sort.
 * `apply` keeps the list's own items (so renames and saves show at once) and filters them by the
 * ids of the last search answer.
 */
export class DraftSearch {
  query = $state('');
  sort = $state<DraftSort>(localStorage.getItem(SORT_KEY) === 'name' ? 'name' : 'updated');
  /** Ids matching the query (null: no query, or the first answer has not come yet). */
  matches = $state.raw<Set<string> | null>(null);
  searching = $state(false);

  readonly #api: ApiClient;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #sequence = 0;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  setSort(sort: DraftSort): void {
    this.sort = sort;
    localStorage.setItem(SORT_KEY, sort);
  }

  /** Asks main again after a pause in typing (or when the list changed). */
  refresh(): void {
    clearTimeout(this.#timer);
    const query = this.query.trim();
    const sequence = ++this.#sequence;
    if (query === '') {
      this.matches = null;
      this.searching = false;
      return;
    }
    this.searching = true;
    this.#timer = setTimeout(() => {
      void this.#api
        .call('drafts.search', { query })
        .then((found) => {
          if (sequence !== this.#sequence) return;
          // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole, never mutated
          this.matches = new Set(found.map((d) => d.id));
        })
        .catch(() => {
          // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole, never mutated
          if (sequence === this.#sequence) this.matches = new Set();
        })
        .finally(() => {
          if (sequence === this.#sequence) this.searching = false;
        });
    }, DEBOUNCE_MS);
  }

  apply(items: readonly DraftSummary[]): DraftSummary[] {
    const matches = this.matches;
    const shown =
      this.query.trim() === '' || matches === null
        ? [...items]
        : items.filter((d) => matches.has(d.id));
    return shown.sort(this.sort === 'name' ? byName : byUpdated);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#sequence++;
  }
}

import { applyPatches, type Patch } from 'immer';
import type { Change } from './commands';
import type { StrategyInput } from './types';

export interface HistoryEntry {
  label: string;
  key: string | undefined;
  patches: Patch[];
  inversePatches: Patch[];
}

/**
 * Undo/redo over the document as labelled entries of immer patches. Bounded (the oldest entries
 * fall off). Consecutive changes with the same key merge into one entry until `seal()` (a field
 * loses focus, a drag ends) or a change with another key: typing a number is one undo step.
 */
export class History {
  readonly limit: number;
  #entries: HistoryEntry[] = [];
  /** Entries [0, #applied) are done; the rest can be redone. */
  #applied = 0;
  #open = false;

  constructor(limit = 200) {
    this.limit = limit;
  }

  record(change: Change): void {
    if (change.patches.length === 0) return;
    this.#entries.length = this.#applied; // a new change drops the redo branch
    const last = this.#entries[this.#applied - 1];
    if (this.#open && last && change.key !== undefined && last.key === change.key) {
      last.patches = [...last.patches, ...change.patches];
      last.inversePatches = [...change.inversePatches, ...last.inversePatches];
    } else {
      this.#entries.push({
        label: change.label,
        key: change.key,
        patches: change.patches,
        inversePatches: change.inversePatches,
      });
      if (this.#entries.length > this.limit) this.#entries.shift();
    }
    this.#applied = this.#entries.length;
    this.#open = change.key !== undefined;
  }

  /** Ends coalescing: the next change starts a new entry even with the same key. */
  seal(): void {
    this.#open = false;
  }

  get undoLabel(): string | null {
    return this.#entries[this.#applied - 1]?.label ?? null;
  }

  get redoLabel(): string | null {
    return this.#entries[this.#applied]?.label ?? null;
  }

  get size(): number {
    return this.#entries.length;
  }

  undo(document: StrategyInput): StrategyInput | null {
    const entry = this.#entries[this.#applied - 1];
    if (!entry) return null;
    this.#open = false;
    this.#applied--;
    return applyPatches(document, entry.inversePatches);
  }

  redo(document: StrategyInput): StrategyInput | null {
    const entry = this.#entries[this.#applied];
    if (!entry) return null;
    this.#open = false;
    this.#applied++;
    return applyPatches(document, entry.patches);
  }
}

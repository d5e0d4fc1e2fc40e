import type { DraftSummary, StrategyDocument } from '../../../src-main/contract/index';
import { ApiError, type ApiClient } from '../lib/api';

/** `kept`: saved as typed, but the JSON view's text does not parse yet (the document is kept too). */
export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'kept' | 'invalid' | 'error';

/** What one save writes: the draft's name is the strategy's name. */
export interface SaveSnapshot {
  name: string;
  notes: string;
  document: StrategyDocument;
  /** The JSON view's text while it does not parse; null when the document is current. */
  unparsedText: string | null;
}

interface Stored {
  name: string;
  notes: string;
  documentText: string;
  unparsed: string | null;
}

/**
 * Debounced autosave of one draft through `drafts.save`: every settled change becomes a revision;
 * text that does not parse is saved as typed (`unparsedText`), so closing mid-edit loses nothing.
 * `flush()` saves at once (switching drafts, closing the window).
 */
export class DraftAutosave {
  status = $state<SaveStatus>('idle');
  problem = $state<string | null>(null);
  revision = $state(0);
  delayMs: number;

  readonly #api: ApiClient;
  readonly #id: string;
  readonly #snapshot: () => SaveSnapshot;
  readonly #onSaved: (summary: DraftSummary) => void;
  #stored: Stored;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: Promise<void> = Promise.resolve();

  constructor(options: {
    api: ApiClient;
    id: string;
    revision: number;
    delayMs: number;
    initial: SaveSnapshot;
    snapshot: () => SaveSnapshot;
    onSaved: (summary: DraftSummary) => void;
  }) {
    this.#api = options.api;
    this.#id = options.id;
    this.revision = options.revision;
    this.delayMs = options.delayMs;
    this.#snapshot = options.snapshot;
    this.#onSaved = options.onSaved;
    this.#stored = stored(options.initial);
    this.status = options.initial.unparsedText === null ? 'saved' : 'kept';
  }

  /** Call after any change; saves after the debounce. */
  changed(): void {
    clearTimeout(this.#timer);
    const snapshot = this.#snapshot();
    this.problem = snapshot.name.trim() === '' ? 'The name must not be empty.' : null;
    this.status = 'pending';
    this.#timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Saves now if anything is pending; resolves when stored. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#inFlight = this.#inFlight.then(() => this.#save());
    return this.#inFlight;
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }

  async #save(): Promise<void> {
    if (this.status !== 'pending') return;
    const snapshot = this.#snapshot();
    const next = stored(snapshot);
    const name = next.name.trim();
    this.status = 'saving';
    try {
      const result = await this.#api.call('drafts.save', {
        id: this.#id,
        baseRevision: this.revision,
        // An empty name is not a valid draft title: keep the old title, save everything else.
        ...(name !== '' ? { name } : {}),
        notes: next.notes,
        ...(next.documentText !== this.#stored.documentText ? { document: snapshot.document } : {}),
        ...(next.unparsed !== this.#stored.unparsed ? { unparsedText: next.unparsed } : {}),
      });
      this.revision = result.revision;
      this.#stored = { ...next, name: name !== '' ? next.name : this.#stored.name };
      const { changed: _changed, ...summary } = result;
      this.#onSaved(summary);
      const now = stored(this.#snapshot());
      const same =
        now.name === next.name &&
        now.notes === next.notes &&
        now.documentText === next.documentText &&
        now.unparsed === next.unparsed;
      if (!same) this.changed();
      else if (name === '') {
        this.status = 'invalid';
        this.problem = 'The name must not be empty.';
      } else this.status = next.unparsed === null ? 'saved' : 'kept';
    } catch (error) {
      this.status = 'error';
      this.problem =
        error instanceof ApiError && error.code === 'CONFLICT'
          ? 'This draft was changed elsewhere. Reopen it to continue.'
          : error instanceof Error
            ? error.message
            : String(error);
    }
  }
}

function stored(snapshot: SaveSnapshot): Stored {
  return {
    name: snapshot.name,
    notes: snapshot.notes,
    documentText: JSON.stringify(snapshot.document),
    unparsed: snapshot.unparsedText,
  };
}

import type { Draft, DraftSummary, StrategyDocument } from '../../../src-main/contract/index';
import { ApiError, type ApiClient } from '../lib/api';

/** `kept`: saved as typed, but the JSON does not parse yet (the last valid document is kept too). */
export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'kept' | 'invalid' | 'error';

interface Snapshot {
  name: string;
  notes: string;
  documentText: string;
}

const pretty = (document: StrategyDocument) => JSON.stringify(document, null, 2);

/** Parses the document text box; the contract wants a JSON object. */
export function parseDocument(text: string): StrategyDocument | string {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return 'The document must be a JSON object ({ … }).';
    }
    return value as StrategyDocument;
  } catch (error) {
    return error instanceof Error ? error.message : 'Invalid JSON';
  }
}

/**
 * The open draft's editable fields with debounced autosave: every settled change is saved as a
 * new revision; switching drafts or closing flushes the pending save first.
 */
export class DraftEditor {
  id = $state<string | null>(null);
  name = $state('');
  notes = $state('');
  documentText = $state('{}');
  revision = $state(0);
  status = $state<SaveStatus>('idle');
  problem = $state<string | null>(null);

  readonly #api: ApiClient;
  readonly #onSaved: (summary: DraftSummary) => void;
  #delayMs: number;
  /** What the server holds; `documentText` is the last VALID document's text. */
  #saved: Snapshot = { name: '', notes: '', documentText: '{}' };
  /** The server holds unparsed editor text for this draft. */
  #unparsedStored = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: Promise<void> = Promise.resolve();

  constructor(api: ApiClient, options: { delayMs: number; onSaved: (s: DraftSummary) => void }) {
    this.#api = api;
    this.#delayMs = options.delayMs;
    this.#onSaved = options.onSaved;
  }

  set delayMs(value: number) {
    this.#delayMs = value;
  }

  #applyDraft(draft: Draft): void {
    this.id = draft.id;
    this.name = draft.name;
    this.notes = draft.notes;
    const documentText = pretty(draft.document);
    this.documentText = draft.unparsedText ?? documentText;
    this.revision = draft.revision;
    this.#saved = { name: this.name, notes: this.notes, documentText };
    this.#unparsedStored = draft.unparsedText !== null;
    const parsed = parseDocument(this.documentText);
    this.status = typeof parsed === 'string' ? 'kept' : 'saved';
    this.problem = typeof parsed === 'string' ? parsed : null;
  }

  async open(id: string | null): Promise<void> {
    await this.flush();
    if (id === null) {
      this.id = null;
      this.status = 'idle';
      return;
    }
    try {
      this.#applyDraft(await this.#api.call('drafts.open', { id }));
    } catch (error) {
      this.status = 'error';
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  /** A rename done elsewhere (the sidebar) moved the head revision; follow it. */
  follow(summary: DraftSummary): void {
    if (summary.id !== this.id) return;
    this.revision = summary.revision;
    if (this.name === this.#saved.name) this.name = summary.name;
    this.#saved.name = summary.name;
  }

  /** Call after any field edit. */
  changed(): void {
    clearTimeout(this.#timer);
    if (this.name.trim() === '') {
      this.status = 'invalid';
      this.problem = 'The name must not be empty.';
      return;
    }
    // Text that does not parse yet is saved as typed too: closing mid-edit loses nothing.
    const parsed = parseDocument(this.documentText);
    this.problem = typeof parsed === 'string' ? parsed : null;
    this.status = 'pending';
    this.#timer = setTimeout(() => void this.flush(), this.#delayMs);
  }

  /** Saves now if anything valid is pending; resolves when stored. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#inFlight = this.#inFlight.then(() => this.#save());
    return this.#inFlight;
  }

  async #save(): Promise<void> {
    if (this.id === null || this.status !== 'pending') return;
    const snapshot: Snapshot = {
      name: this.name.trim(),
      notes: this.notes,
      documentText: this.documentText,
    };
    const document = parseDocument(snapshot.documentText);
    const valid = typeof document !== 'string';
    this.status = 'saving';
    try {
      const result = await this.#api.call('drafts.save', {
        id: this.id,
        baseRevision: this.revision,
        name: snapshot.name,
        notes: snapshot.notes,
        ...(valid && snapshot.documentText !== this.#saved.documentText ? { document } : {}),
        ...(!valid
          ? { unparsedText: snapshot.documentText }
          : this.#unparsedStored
            ? { unparsedText: null }
            : {}),
      });
      this.revision = result.revision;
      this.#saved = valid ? snapshot : { ...snapshot, documentText: this.#saved.documentText };
      this.#unparsedStored = !valid;
      const { changed: _changed, ...summary } = result;
      this.#onSaved(summary);
      // Edits made while the request was in flight are still pending.
      const current = {
        name: this.name.trim(),
        notes: this.notes,
        documentText: this.documentText,
      };
      const same =
        current.name === snapshot.name &&
        current.notes === snapshot.notes &&
        current.documentText === snapshot.documentText;
      this.status = !same ? 'pending' : valid ? 'saved' : 'kept';
      if (!same) this.changed();
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

  /** Save as / Export: the draft as a JSON file the user downloads. */
  exportFile(): { fileName: string; text: string } | null {
    if (this.id === null) return null;
    const document = parseDocument(this.documentText);
    const text = JSON.stringify(
      {
        name: this.name,
        notes: this.notes,
        document: typeof document === 'string' ? null : document,
      },
      null,
      2,
    );
    const safe = this.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'draft';
    return { fileName: `${safe}.yieldplan`, text };
  }
}

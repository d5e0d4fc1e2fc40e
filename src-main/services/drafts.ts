import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import {
  DRAFT_LIMITS,
  type Draft,
  type DraftRevisionSummary,
  type DraftSaveResult,
  type DraftSummary,
  type StrategyDocument,
} from '../contract/drafts';
import { ContractError } from '../contract/errors';

export const DEFAULT_DRAFT_NAME = 'Untitled strategy';

interface DraftRow {
  id: string;
  name: string;
  notes: string;
  document: string;
  revision: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  unparsed_text: string | null;
}

type SummaryRow = Omit<DraftRow, 'notes' | 'document' | 'unparsed_text'>;

export interface DraftsServiceOptions {
  /** Clock in ms; injectable so tests can order drafts deterministically. */
  now?: () => number;
  newId?: () => string;
  /** Revisions kept per draft; older ones are pruned in the same transaction as the save. */
  revisionsKept?: number;
}

/** Fields of a save after validation: the document is already JSON text (see StrategyDocumentJson). */
export interface SaveDraftInput {
  id: string;
  baseRevision?: number | undefined;
  name?: string | undefined;
  notes?: string | undefined;
  document?: string | undefined;
  /** string: the editor's unparseable text; null: clear it; undefined: leave it. */
  unparsedText?: string | null | undefined;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function toSummary(row: SummaryRow): DraftSummary {
  return {
    id: row.id,
    name: row.name,
    revision: row.revision,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    deletedAt: row.deleted_at === null ? null : iso(row.deleted_at),
  };
}

function toDraft(row: DraftRow): Draft {
  return {
    ...toSummary(row),
    notes: row.notes,
    document: JSON.parse(row.document) as StrategyDocument,
    unparsedText: row.unparsed_text,
  };
}

/** A valid empty strategy: name, horizon, capital, no markets or steps. */
export function blankStrategyText(name: string): string {
  return JSON.stringify({
    format: 'yieldplan.strategy',
    version: 2,
    name,
    horizonDays: 365,
    capital: [{ asset: 'USDC', amount: '10000' }],
    prices: { USDC: '1' },
    markets: [],
    steps: [],
  });
}

function documentName(text: string): string | undefined {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) return undefined;
  const name = (value as Record<string, unknown>)['name'];
  return typeof name === 'string' && name.trim() !== ''
    ? name.trim().slice(0, DRAFT_LIMITS.nameChars)
    : undefined;
}

/** The document text with its strategy `name` set (only for strategy documents; others as given). */
function withName(text: string, name: string): string {
  const value = JSON.parse(text) as Record<string, unknown>;
  if (value['format'] !== 'yieldplan.strategy' || value['name'] === name) return text;
  return JSON.stringify({ ...value, name });
}

/** "Name" -> "Name (copy)", "Name (copy)" -> "Name (copy 2)", within the name length limit. */
export function copyName(name: string): string {
  const match = /^(.*) \(copy(?: (\d+))?\)$/.exec(name);
  const base = match ? (match[1] ?? name) : name;
  const n = match ? Number(match[2] ?? '1') + 1 : 1;
  const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
  return base.slice(0, DRAFT_LIMITS.nameChars - suffix.length) + suffix;
}

/**
 * Strategy drafts: the current state lives in `drafts`, every change is also appended to
 * `draft_revisions` (full snapshot) in the same transaction, and history is bounded per draft.
 */
export class DraftsService {
  readonly #db: Database;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #revisionsKept: number;
  readonly #sql: Record<
    | 'insertDraft'
    | 'insertRevision'
    | 'get'
    | 'listLive'
    | 'listAll'
    | 'update'
    | 'setUnparsed'
    | 'setDeleted'
    | 'prune'
    | 'revisions'
    | 'purge',
    Statement
  >;

  constructor(db: Database, options: DraftsServiceOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? randomUUID;
    this.#revisionsKept = options.revisionsKept ?? DRAFT_LIMITS.revisionsKept;
    const summaryCols = 'id, name, revision, created_at, updated_at, deleted_at';
    this.#sql = {
      insertDraft: db.prepare(
        `INSERT INTO drafts (id, name, notes, document, revision, created_at, updated_at)
         VALUES (@id, @name, @notes, @document, 1, @now, @now)`,
      ),
      insertRevision: db.prepare(
        `INSERT INTO draft_revisions (draft_id, revision, name, notes, document, saved_at)
         VALUES (@id, @revision, @name, @notes, @document, @now)`,
      ),
      get: db.prepare('SELECT * FROM drafts WHERE id = ?'),
      // rowid breaks ties between drafts touched in the same millisecond: later insert first.
      listLive: db.prepare(
        `SELECT ${summaryCols} FROM drafts WHERE deleted_at IS NULL
         ORDER BY updated_at DESC, rowid DESC`,
      ),
      listAll: db.prepare(`SELECT ${summaryCols} FROM drafts ORDER BY updated_at DESC, rowid DESC`),
      update: db.prepare(
        `UPDATE drafts SET name = @name, notes = @notes, document = @document,
           revision = @revision, updated_at = @now WHERE id = @id`,
      ),
      setUnparsed: db.prepare(
        'UPDATE drafts SET unparsed_text = @text, updated_at = @now WHERE id = @id',
      ),
      setDeleted: db.prepare('UPDATE drafts SET deleted_at = @deletedAt WHERE id = @id'),
      prune: db.prepare('DELETE FROM draft_revisions WHERE draft_id = ? AND revision <= ?'),
      revisions: db.prepare(
        `SELECT revision, name, saved_at, length(CAST(document AS BLOB)) AS bytes
         FROM draft_revisions WHERE draft_id = ? ORDER BY revision DESC LIMIT ?`,
      ),
      purge: db.prepare('DELETE FROM drafts WHERE deleted_at IS NOT NULL AND deleted_at < ?'),
    };
  }

  #row(id: string): DraftRow {
    const row = this.#sql.get.get(id) as DraftRow | undefined;
    if (!row) throw new ContractError('NOT_FOUND', 'no draft with this id', { id });
    return row;
  }

  #liveRow(id: string): DraftRow {
    const row = this.#row(id);
    if (row.deleted_at !== null) {
      throw new ContractError('DRAFT_DELETED', 'this draft is in the trash; restore it first', {
        id,
      });
    }
    return row;
  }

  #insert(fields: { name: string; notes: string; document: string }): Draft {
    const params = { id: this.#newId(), now: this.#now(), revision: 1, ...fields };
    this.#db.transaction(() => {
      this.#sql.insertDraft.run(params);
      this.#sql.insertRevision.run(params);
    })();
    return toDraft(this.#row(params.id));
  }

  /**
   * A new draft. Without a document it holds a valid empty strategy (never `{}`); the draft's name
   * and the strategy's `name` are one value, so a given name is written into the document too.
   */
  create(input: {
    name?: string | undefined;
    notes?: string | undefined;
    document?: string | undefined;
  }): Draft {
    const fromDocument = input.document === undefined ? undefined : documentName(input.document);
    const name = input.name ?? fromDocument ?? DEFAULT_DRAFT_NAME;
    return this.#insert({
      name,
      notes: input.notes ?? '',
      document:
        input.document === undefined ? blankStrategyText(name) : withName(input.document, name),
    });
  }

  list(options: { includeDeleted?: boolean | undefined } = {}): DraftSummary[] {
    const stmt = options.includeDeleted ? this.#sql.listAll : this.#sql.listLive;
    return (stmt.all() as SummaryRow[]).map(toSummary);
  }

  /** Opens live and trashed drafts alike (the UI may show a trashed one read-only). */
  open(id: string): Draft {
    return toDraft(this.#row(id));
  }

  /**
   * Saves a change as a new revision (autosave calls this on every debounced edit).
   * Unchanged content writes nothing; a stale baseRevision fails with CONFLICT.
   */
  save(input: SaveDraftInput): DraftSaveResult {
    return this.#db
      .transaction((): DraftSaveResult => {
        const row = this.#liveRow(input.id);
        if (input.baseRevision !== undefined && input.baseRevision !== row.revision) {
          throw new ContractError('CONFLICT', 'the draft was saved elsewhere since you opened it', {
            id: row.id,
            baseRevision: input.baseRevision,
            headRevision: row.revision,
          });
        }
        const next = {
          id: row.id,
          name: input.name ?? row.name,
          notes: input.notes ?? row.notes,
          document: input.document ?? row.document,
        };
        const unparsedChanged =
          input.unparsedText !== undefined && input.unparsedText !== row.unparsed_text;
        if (unparsedChanged) {
          this.#sql.setUnparsed.run({ id: row.id, text: input.unparsedText, now: this.#now() });
        }
        if (next.name === row.name && next.notes === row.notes && next.document === row.document) {
          return { ...toSummary(this.#row(row.id)), changed: unparsedChanged };
        }
        const params = { ...next, revision: row.revision + 1, now: this.#now() };
        this.#sql.update.run(params);
        this.#sql.insertRevision.run(params);
        this.#sql.prune.run(row.id, params.revision - this.#revisionsKept);
        return { ...toSummary(this.#row(row.id)), changed: true };
      })
      .immediate();
  }

  /** Renames the draft and the strategy inside it (they are one value). */
  rename(id: string, name: string): DraftSummary {
    const row = this.#liveRow(id);
    const { changed: _changed, ...summary } = this.save({
      id,
      name,
      document: withName(row.document, name),
    });
    return summary;
  }

  /** A new draft with the current content; history is not copied. */
  duplicate(id: string): Draft {
    const source = this.#liveRow(id);
    const name = copyName(source.name);
    return this.#insert({ name, notes: source.notes, document: withName(source.document, name) });
  }

  /** Soft delete: the row stays (with its history) until purged, so Undo is a restore. */
  delete(id: string): DraftSummary {
    const row = this.#row(id);
    if (row.deleted_at === null) this.#sql.setDeleted.run({ id, deletedAt: this.#now() });
    return toSummary(this.#row(id));
  }

  restore(id: string): DraftSummary {
    this.#row(id);
    this.#sql.setDeleted.run({ id, deletedAt: null });
    return toSummary(this.#row(id));
  }

  revisions(id: string, limit: number = 50): DraftRevisionSummary[] {
    this.#row(id);
    const rows = this.#sql.revisions.all(id, limit) as {
      revision: number;
      name: string;
      saved_at: number;
      bytes: number;
    }[];
    return rows.map((r) => ({
      revision: r.revision,
      name: r.name,
      savedAt: iso(r.saved_at),
      documentBytes: r.bytes,
    }));
  }

  /** Removes trashed drafts (and, by cascade, their history) deleted before the cutoff. */
  purgeDeletedBefore(cutoffMs: number): number {
    return this.#sql.purge.run(cutoffMs).changes;
  }
}

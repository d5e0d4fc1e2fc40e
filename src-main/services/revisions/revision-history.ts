import type { Database, Statement } from 'better-sqlite3';
import type { DraftSaveResult, DraftSummary, StrategyDocument } from '../../contract/drafts';
import { ContractError } from '../../contract/errors';
import type {
  DraftRevision,
  PurgeResult,
  RevisionEntry,
  TrashedDraft,
} from '../../contract/revisions';
import type { DraftsService } from '../drafts';
import { summarizeChange, type DraftState } from './summarize-change';

/** Trashed drafts are purged for good this long after deletion (at start-up, open-services.ts). */
export const TRASH_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

interface RevisionRow {
  revision: number;
  name: string;
  notes: string;
  document: string;
  saved_at: number;
}

interface SummaryRow {
  id: string;
  name: string;
  revision: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
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

function stateOf(row: RevisionRow): DraftState {
  return {
    name: row.name,
    notes: row.notes,
    document: JSON.parse(row.document) as StrategyDocument,
  };
}

/** Lower-cased words of a query; a draft matches when its name or notes hold every one. */
export function queryWords(query: string): string[] {
  return query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * The revision browser, the trash and search over the drafts tables. Writes go through
 * DraftsService (a restored revision is an ordinary save, so it is itself a new revision).
 */
export class RevisionHistory {
  readonly #db: Database;
  readonly #drafts: DraftsService;
  readonly #sql: Record<
    'exists' | 'history' | 'revision' | 'live' | 'trash' | 'purge' | 'emptyTrash',
    Statement
  >;

  constructor(db: Database, drafts: DraftsService) {
    this.#db = db;
    this.#drafts = drafts;
    const summaryCols = 'id, name, revision, created_at, updated_at, deleted_at';
    this.#sql = {
      exists: db.prepare('SELECT deleted_at FROM drafts WHERE id = ?'),
      history: db.prepare(
        `SELECT revision, name, notes, document, saved_at FROM draft_revisions
         WHERE draft_id = ? ORDER BY revision DESC LIMIT ?`,
      ),
      revision: db.prepare(
        `SELECT revision, name, notes, document, saved_at FROM draft_revisions
         WHERE draft_id = ? AND revision = ?`,
      ),
      live: db.prepare(
        `SELECT ${summaryCols}, notes FROM drafts WHERE deleted_at IS NULL
         ORDER BY updated_at DESC, rowid DESC`,
      ),
      trash: db.prepare(
        `SELECT ${summaryCols} FROM drafts WHERE deleted_at IS NOT NULL
         ORDER BY deleted_at DESC, rowid DESC`,
      ),
      purge: db.prepare('DELETE FROM drafts WHERE id = ? AND deleted_at IS NOT NULL'),
      emptyTrash: db.prepare('DELETE FROM drafts WHERE deleted_at IS NOT NULL'),
    };
  }

  #requireDraft(id: string): { deleted_at: number | null } {
    const row = this.#sql.exists.get(id) as { deleted_at: number | null } | undefined;
    if (!row) throw new ContractError('NOT_FOUND', 'no draft with this id', { id });
    return row;
  }

  /**
   * Revisions newest first, each with what changed since the one before it. One revision more than
   * shown is read so the oldest shown still has its summary; the oldest kept one of a pruned
   * history says so instead of "Created".
   */
  history(id: string, limit = 50): RevisionEntry[] {
    this.#requireDraft(id);
    return this.#db.transaction(() => {
      const rows = this.#sql.history.all(id, limit + 1) as RevisionRow[];
      const shown = rows.slice(0, limit);
      return shown.map((row, i) => {
        const older = rows[i + 1];
        const summary = older
          ? summarizeChange(stateOf(older), stateOf(row))
          : row.revision === 1
            ? summarizeChange(null, stateOf(row))
            : 'Oldest kept revision (older ones were pruned)';
        return { revision: row.revision, name: row.name, savedAt: iso(row.saved_at), summary };
      });
    })();
  }

  revision(id: string, revision: number): DraftRevision {
    this.#requireDraft(id);
    const row = this.#sql.revision.get(id, revision) as RevisionRow | undefined;
    if (!row) {
      throw new ContractError('NOT_FOUND', `revision ${revision} of this draft is not kept`, {
        id,
        revision,
      });
    }
    return {
      id,
      revision: row.revision,
      name: row.name,
      notes: row.notes,
      savedAt: iso(row.saved_at),
      document: JSON.parse(row.document) as StrategyDocument,
    };
  }

  /** The revision's name, notes and document saved as a new head revision (history is kept). */
  restoreRevision(input: {
    id: string;
    revision: number;
    baseRevision?: number | undefined;
  }): DraftSaveResult {
    const row = this.#sql.revision.get(input.id, input.revision) as RevisionRow | undefined;
    if (!row) {
      this.#requireDraft(input.id);
      throw new ContractError('NOT_FOUND', `revision ${input.revision} of this draft is not kept`, {
        id: input.id,
        revision: input.revision,
      });
    }
    return this.#drafts.save({
      id: input.id,
      ...(input.baseRevision === undefined ? {} : { baseRevision: input.baseRevision }),
      name: row.name,
      notes: row.notes,
      document: row.document,
      unparsedText: null,
    });
  }

  /** Live drafts whose name or notes contain every word of the query, most recently changed first. */
  search(query: string): DraftSummary[] {
    const words = queryWords(query);
    const rows = this.#sql.live.all() as (SummaryRow & { notes: string })[];
    return rows
      .filter((row) => {
        const text = `${row.name}\n${row.notes}`.toLocaleLowerCase();
        return words.every((w) => text.includes(w));
      })
      .map(toSummary);
  }

  /** Trashed drafts, most recently deleted first. */
  trash(): TrashedDraft[] {
    return (this.#sql.trash.all() as SummaryRow[]).map((row) => ({
      ...toSummary(row),
      deletedAt: iso(row.deleted_at!),
      purgeAfter: iso(row.deleted_at! + TRASH_RETENTION_MS),
    }));
  }

  /** Deletes a trashed draft for good (its revisions and kept runs go with it, by cascade). */
  purge(id: string): PurgeResult {
    const row = this.#requireDraft(id);
    if (row.deleted_at === null) {
      throw new ContractError('CONFLICT', 'only a draft in the trash can be deleted for good', {
        id,
      });
    }
    return { purged: this.#sql.purge.run(id).changes };
  }

  emptyTrash(): PurgeResult {
    return { purged: this.#sql.emptyTrash.run().changes };
  }
}

import { createHash, randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { ContractError } from '../contract/errors';
import {
  RUNS_KEPT_PER_KIND,
  type KeepRun,
  type KeptRun,
  type KeptRunSummary,
  type RunKind,
} from '../contract/runs';

interface RunRow {
  id: string;
  draft_id: string;
  kind: RunKind;
  draft_revision: number;
  strategy_hash: string;
  options: string;
  created_at: number;
  /** The draft's current document, joined in for staleness. */
  draft_document: string;
}

type FullRow = RunRow & { strategy: string; result: string };

/** Results larger than this are not kept (a run is reproducible; the draft is what must not be lost). */
export const MAX_KEPT_RESULT_BYTES = 16 * 1024 * 1024;

/** JSON with object keys sorted at every level, so equal documents hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    // null prototype: a "__proto__" key stays an ordinary key
    const sorted = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

export function strategyHash(strategy: unknown): string {
  return createHash('sha256').update(canonicalJson(strategy)).digest('hex');
}

export interface RunStoreOptions {
  now?: () => number;
  newId?: () => string;
  keptPerKind?: number;
}

/**
 * Analysis results kept with their draft (migration 005). Each new run of a kind is written and
 * the oldest beyond `keptPerKind` pruned in one transaction. Staleness is computed on read against
 * the draft's saved document, so an edit marks runs stale without touching them.
 */
export class RunStore {
  readonly #db: Database;
  readonly #now: () => number;
  readonly #newId: () => string;
  readonly #kept: number;
  readonly #sql: Record<
    'draft' | 'insert' | 'prune' | 'list' | 'listKind' | 'get' | 'latestOf',
    Statement
  >;

  constructor(db: Database, options: RunStoreOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
    this.#newId = options.newId ?? randomUUID;
    this.#kept = options.keptPerKind ?? RUNS_KEPT_PER_KIND;
    const cols = `r.id, r.draft_id, r.kind, r.draft_revision, r.strategy_hash, r.options,
      r.created_at, d.document AS draft_document`;
    // rowid breaks ties between runs kept in the same millisecond: the later insert is newer.
    this.#sql = {
      draft: db.prepare('SELECT deleted_at FROM drafts WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO analysis_runs
           (id, draft_id, kind, draft_revision, strategy_hash, strategy, options, result, created_at)
         VALUES (@id, @draftId, @kind, @revision, @hash, @strategy, @options, @result, @now)`,
      ),
      prune: db.prepare(
        `DELETE FROM analysis_runs WHERE draft_id = @draftId AND kind = @kind AND id NOT IN (
           SELECT id FROM analysis_runs WHERE draft_id = @draftId AND kind = @kind
           ORDER BY created_at DESC, rowid DESC LIMIT @kept)`,
      ),
      list: db.prepare(
        `SELECT ${cols} FROM analysis_runs r JOIN drafts d ON d.id = r.draft_id
         WHERE r.draft_id = ? ORDER BY r.created_at DESC, r.rowid DESC`,
      ),
      listKind: db.prepare(
        `SELECT ${cols} FROM analysis_runs r JOIN drafts d ON d.id = r.draft_id
         WHERE r.draft_id = ? AND r.kind = ? ORDER BY r.created_at DESC, r.rowid DESC`,
      ),
      latestOf: db.prepare(
        `SELECT id FROM analysis_runs WHERE draft_id = ? AND kind = ? AND strategy_hash = ?
         ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      ),
      get: db.prepare(
        `SELECT ${cols}, r.strategy, r.result FROM analysis_runs r
         JOIN drafts d ON d.id = r.draft_id WHERE r.id = ?`,
      ),
    };
  }

  /** Refuses a run for a draft that does not exist or is in the trash (checked before running). */
  requireDraft(draftId: string): void {
    const row = this.#sql.draft.get(draftId) as { deleted_at: number | null } | undefined;
    if (!row) throw new ContractError('NOT_FOUND', 'no draft with this id', { id: draftId });
    if (row.deleted_at !== null) {
      throw new ContractError('DRAFT_DELETED', 'this draft is in the trash; restore it first', {
        id: draftId,
      });
    }
  }

  /**
   * Keeps a finished run. Returns null (and keeps nothing) when the draft has gone meanwhile or the
   * result is too large to keep.
   */
  keep(input: {
    keep: KeepRun;
    kind: RunKind;
    strategy: unknown;
    options: Record<string, unknown>;
    result: unknown;
  }): KeptRunSummary | null {
    const result = JSON.stringify(input.result);
    if (Buffer.byteLength(result, 'utf8') > MAX_KEPT_RESULT_BYTES) return null;
    const params = {
      id: this.#newId(),
      draftId: input.keep.draftId,
      kind: input.kind,
      revision: input.keep.revision,
      hash: strategyHash(input.strategy),
      strategy: JSON.stringify(input.strategy),
      options: JSON.stringify(input.options),
      result,
      now: this.#now(),
      kept: this.#kept,
    };
    const kept = this.#db.transaction((): boolean => {
      const draft = this.#sql.draft.get(params.draftId) as
        { deleted_at: number | null } | undefined;
      if (!draft) return false;
      this.#sql.insert.run(params);
      this.#sql.prune.run(params);
      return true;
    })();
    if (!kept) return null;
    return this.#summary(this.#row(params.id));
  }

  /** Newest first. */
  list(input: { draftId: string; kind?: RunKind | undefined }): KeptRunSummary[] {
    const rows = (
      input.kind
        ? this.#sql.listKind.all(input.draftId, input.kind)
        : this.#sql.list.all(input.draftId)
    ) as RunRow[];
    const hashes = new Map<string, string>();
    return rows.map((row) => this.#summary(row, hashes));
  }

  /** The newest kept run of `kind` that ran exactly `strategy` (current for it), or null. */
  latestFor<K extends RunKind>(
    draftId: string,
    kind: K,
    strategy: unknown,
  ): Extract<KeptRun, { kind: K }> | null {
    const row = this.#sql.latestOf.get(draftId, kind, strategyHash(strategy)) as
      { id: string } | undefined;
    return row ? (this.get(row.id) as Extract<KeptRun, { kind: K }>) : null;
  }

  get(id: string): KeptRun {
    const row = this.#row(id);
    return {
      ...this.#summary(row),
      strategy: JSON.parse(row.strategy) as Record<string, unknown>,
      result: JSON.parse(row.result) as KeptRun['result'],
    } as KeptRun;
  }

  #row(id: string): FullRow {
    const row = this.#sql.get.get(id) as FullRow | undefined;
    if (!row) throw new ContractError('NOT_FOUND', 'no kept run with this id', { id });
    return row;
  }

  /** `hashes` memoises the draft document's hash across the rows of one list. */
  #summary(row: RunRow, hashes = new Map<string, string>()): KeptRunSummary {
    let current = hashes.get(row.draft_document);
    if (current === undefined) {
      current = strategyHash(JSON.parse(row.draft_document));
      hashes.set(row.draft_document, current);
    }
    return {
      id: row.id,
      draftId: row.draft_id,
      kind: row.kind,
      draftRevision: row.draft_revision,
      strategyHash: row.strategy_hash,
      options: JSON.parse(row.options) as Record<string, unknown>,
      createdAt: new Date(row.created_at).toISOString(),
      stale: current !== row.strategy_hash,
    };
  }
}

import { z } from 'zod';
import { DRAFT_LIMITS, type DraftSummary, type StrategyDocument } from './drafts';

/** Revision history, trash and search of drafts (the browsers beside the drafts list). */

const DraftIdField = z.uuid();
const RevisionNumber = z.int().min(1);

export const DraftHistoryInput = z
  .object({ id: DraftIdField, limit: z.int().min(1).max(DRAFT_LIMITS.revisionsKept).optional() })
  .strict();

export const DraftRevisionInput = z.object({ id: DraftIdField, revision: RevisionNumber }).strict();

export const RestoreRevisionInput = z
  .object({
    id: DraftIdField,
    revision: RevisionNumber,
    /** The head the user saw; a newer save in between fails with CONFLICT. */
    baseRevision: RevisionNumber.optional(),
  })
  .strict();

export const DraftSearchInput = z
  .object({
    /** Words looked for in the name and the notes (case-insensitive; all words must appear). */
    query: z.string().max(200),
  })
  .strict();

export const TrashInput = z.object({}).strict();
export const PurgeDraftInput = z.object({ id: DraftIdField }).strict();

/** One saved state of a draft in the browser, newest first. */
export interface RevisionEntry {
  revision: number;
  name: string;
  savedAt: string;
  /** What changed from the revision before it, in one line ("Created" for the first). */
  summary: string;
}

export interface DraftRevision {
  id: string;
  revision: number;
  name: string;
  notes: string;
  savedAt: string;
  document: StrategyDocument;
}

export interface TrashedDraft extends DraftSummary {
  deletedAt: string;
  /** When the start-up purge removes it for good (30 days after deletion). */
  purgeAfter: string;
}

export interface PurgeResult {
  purged: number;
}

import { z } from 'zod';
import { textProblem } from '../engine/format/schema';

/** Limits that keep one draft and its history bounded (see docs/architecture.md). */
export const DRAFT_LIMITS = {
  nameChars: 120,
  notesChars: 20_000,
  documentBytes: 2 * 1024 * 1024,
  revisionsKept: 200,
} as const;

/** A strategy document is opaque here (its format lives in src-main/engine/format). */
export type StrategyDocument = Record<string, unknown>;

function isPlainObject(value: unknown): value is StrategyDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Accepts a plain JSON object of at most 2 MiB once serialised and hands the handler its JSON text,
 * so the text is produced once and stored as-is.
 */
export const StrategyDocumentJson = z
  .custom<StrategyDocument>(isPlainObject, { message: 'document must be a JSON object' })
  .transform((value, ctx) => {
    let text: string;
    try {
      text = JSON.stringify(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'document is not serialisable as JSON' });
      return z.NEVER;
    }
    if (Buffer.byteLength(text, 'utf8') > DRAFT_LIMITS.documentBytes) {
      ctx.addIssue({ code: 'custom', message: 'document is larger than 2 MiB' });
      return z.NEVER;
    }
    return text;
  });

/** NUL broke every save of a draft whose name began with one; lone surrogates were stored as U+FFFD. */
function refuseBadText(text: string, ctx: z.RefinementCtx): void {
  const problem = textProblem(text);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
  }
}

const DraftName = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(DRAFT_LIMITS.nameChars, `name must be at most ${DRAFT_LIMITS.nameChars} characters`)
  .superRefine(refuseBadText);
const DraftNotes = z.string().max(DRAFT_LIMITS.notesChars).superRefine(refuseBadText);
const DraftIdField = z.uuid();
const UnparsedText = z
  .string()
  .refine(
    (t) => Buffer.byteLength(t, 'utf8') <= DRAFT_LIMITS.documentBytes,
    'text is larger than 2 MiB',
  )
  .superRefine(refuseBadText);

export const DraftCreateInput = z
  .object({
    name: DraftName.optional(),
    notes: DraftNotes.optional(),
    document: StrategyDocumentJson.optional(),
  })
  .strict();

export const DraftListInput = z.object({ includeDeleted: z.boolean().optional() }).strict();

export const DraftIdInput = z.object({ id: DraftIdField }).strict();

export const DraftRenameInput = z.object({ id: DraftIdField, name: DraftName }).strict();

export const DraftSaveInput = z
  .object({
    id: DraftIdField,
    /** Revision the edit was based on; a stale value fails with CONFLICT instead of overwriting. */
    baseRevision: z.int().min(1).optional(),
    name: DraftName.optional(),
    notes: DraftNotes.optional(),
    document: StrategyDocumentJson.optional(),
    /** The editor's text while it is not valid JSON; null once the document is current again. */
    unparsedText: UnparsedText.nullable().optional(),
  })
  .strict()
  .refine(
    (v) =>
      v.name !== undefined ||
      v.notes !== undefined ||
      v.document !== undefined ||
      v.unparsedText !== undefined,
    { message: 'nothing to save: give name, notes, document or unparsedText' },
  );

export const DraftRevisionsInput = z
  .object({ id: DraftIdField, limit: z.int().min(1).max(DRAFT_LIMITS.revisionsKept).optional() })
  .strict();

/** Timestamps cross the boundary as ISO-8601 strings (UTC). */
export interface DraftSummary {
  id: string;
  name: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  /** null while live; set when moved to the trash (soft delete). */
  deletedAt: string | null;
}

export interface Draft extends DraftSummary {
  notes: string;
  document: StrategyDocument;
  /** Editor text that did not parse when last saved (reopen it instead of `document`); else null. */
  unparsedText: string | null;
}

export interface DraftSaveResult extends DraftSummary {
  /** false when the save matched the head revision exactly, so no revision was written. */
  changed: boolean;
}

export interface DraftRevisionSummary {
  revision: number;
  name: string;
  savedAt: string;
  documentBytes: number;
}

import fs from 'node:fs/promises';
import path from 'node:path';
import { DraftCreateInput, DRAFT_LIMITS } from '../contract/drafts';
import { ContractError } from '../contract/errors';
import { migrateStrategy } from '../engine/format/migrate';
import { parseStrategy } from '../engine/format/parse';

/** `.yieldplan` is the app's own extension; `.yieldplan.json` (earlier exports) is still read. */
export const STRATEGY_FILE_EXTENSIONS = ['.yieldplan', '.yieldplan.json'] as const;

export function isStrategyFileName(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return STRATEGY_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
}

/** What a strategy file becomes: the input of `drafts.create`, validated, plus its problems. */
export interface StrategyFileDraft {
  name: string;
  notes: string;
  /** JSON text of the (migrated) strategy document. */
  document: string;
  problems: number;
}

/** A file leaves room for its name and notes around a document of at most DRAFT_LIMITS.documentBytes. */
const MAX_FILE_BYTES = DRAFT_LIMITS.documentBytes + 64 * 1024;

function rejected(dataCode: string, message: string): ContractError {
  return new ContractError('DATA_REJECTED', message, { dataCode, issues: [] });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function baseName(fileName: string): string {
  const lower = fileName.toLowerCase();
  // Longest first: `x.yieldplan.json` is named `x`.
  const ext = ['.yieldplan.json', '.yieldplan'].find((e) => lower.endsWith(e));
  return ext ? fileName.slice(0, -ext.length) : fileName;
}

/**
 * Reads a strategy file's text: either what File → Save As / Export writes
 * (`{ name, notes, document }`) or a bare strategy document (`{ format: "yieldplan.strategy", … }`).
 * Refused whole (DATA_REJECTED with a `dataCode`) when it is not JSON, not a strategy, or from a
 * newer format version. A strategy with field problems is accepted: it opens as a draft that
 * shows them, like any half-typed draft.
 */
export function parseStrategyFile(text: string, fileName: string): StrategyFileDraft {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw rejected('FILE_NOT_JSON', `${fileName} is not valid JSON (${reason}).`);
  }
  if (!isObject(json)) throw rejected('FILE_NOT_STRATEGY', `${fileName} holds no strategy.`);
  const wrapped = 'document' in json && !('format' in json);
  const document = wrapped ? json.document : json;
  if (!isObject(document)) {
    throw rejected(
      'FILE_NOT_STRATEGY',
      `${fileName} holds no strategy document (a draft exported while its text did not parse has none).`,
    );
  }
  const migrated = migrateStrategy(document);
  if (!migrated.ok) {
    const first = migrated.errors[0];
    throw rejected(
      first?.code === 'VERSION_UNSUPPORTED' ? 'FILE_VERSION_UNSUPPORTED' : 'FILE_NOT_STRATEGY',
      `${fileName} is not a Yield Planner strategy: ${first?.message ?? 'unknown format'}.`,
    );
  }
  const parsed = parseStrategy(migrated.document);
  const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const name =
    (wrapped ? trimmed(json.name) : '') ||
    trimmed((migrated.document as Record<string, unknown>).name) ||
    baseName(fileName).trim() ||
    'Opened strategy';
  const input = DraftCreateInput.safeParse({
    name: name.slice(0, DRAFT_LIMITS.nameChars),
    notes: wrapped && typeof json.notes === 'string' ? json.notes : '',
    document: migrated.document,
  });
  if (!input.success) {
    const issue = input.error.issues[0];
    throw rejected(
      'FILE_INVALID',
      `${fileName} cannot be opened: ${issue?.path.join('.') || 'file'} ${issue?.message ?? 'is invalid'}.`,
    );
  }
  return {
    name: input.data.name ?? name,
    notes: input.data.notes ?? '',
    document: input.data.document ?? '{}',
    problems: parsed.ok ? 0 : parsed.errors.length,
  };
}

/**
 * Reads and parses a strategy file from disk (size-capped before it is read). Any name is read:
 * a file picked in the open dialog may be a plain `.json` strategy; its content decides.
 */
export async function readStrategyFile(filePath: string): Promise<StrategyFileDraft> {
  const fileName = path.basename(filePath);
  let text: string;
  try {
    const stat = await fs.stat(filePath);
    if (!stat.isFile()) throw rejected('FILE_UNREADABLE', `${fileName} is not a file.`);
    if (stat.size > MAX_FILE_BYTES) {
      throw rejected(
        'FILE_TOO_LARGE',
        `${fileName} is ${(stat.size / 1024 / 1024).toFixed(1)} MiB; a strategy file is at most 2 MiB.`,
      );
    }
    text = await fs.readFile(filePath, 'utf8');
  } catch (error) {
    if (error instanceof ContractError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw rejected(
      'FILE_UNREADABLE',
      code === 'ENOENT'
        ? `${fileName} does not exist.`
        : `${fileName} could not be read (${code ?? 'error'}).`,
    );
  }
  return parseStrategyFile(text, fileName);
}

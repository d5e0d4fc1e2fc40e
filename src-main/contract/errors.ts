/**
 * The one error shape that crosses the process boundary (IPC or loopback HTTP).
 * Anything thrown in main is turned into this before it leaves; the renderer never sees a stack.
 */
export const ERROR_CODES = [
  'VALIDATION', // input failed its schema; details lists the issues
  'UNKNOWN_OP', // operation name not in the contract
  'NOT_FOUND', // the referenced record does not exist
  'DRAFT_DELETED', // the draft is in the trash; restore it first
  'CONFLICT', // baseRevision is stale: someone saved in between
  'FORBIDDEN', // sender / token / origin check failed
  'DATA_REJECTED', // a file or record was refused whole; details: { dataCode, issues: [{ line, code, message }] }
  'UNAVAILABLE', // an outside service could not be reached (offline, timeout, rate limit); details: { dataCode }
  'CANCELLED', // a long-running job was cancelled by the user
  'BUSY', // too many jobs or calculations already waiting; try again when one has finished
  'BUDGET_EXCEEDED', // a calculation ran past its work budget and was stopped
  'DB_CORRUPT', // the database file is damaged; it was kept aside and a backup can be restored
  'DB_FULL', // the disk holding the database is full; nothing was written
  'DB_READ_ONLY', // the database file or its folder cannot be written
  'DB_TOO_NEW', // the database was written by a newer version of the app
  'DB_FOREIGN', // the file is not a Yield Planner database (or lost its version table)
  'INTERNAL', // a bug or an environment failure; details are logged in main, not sent
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** What every transport returns: never a rejected promise with a stack trace. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorShape };

/** Thrown by services and handlers for expected failures; turned into an envelope by dispatch. */
export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ContractError';
    this.code = code;
    this.details = details;
  }

  toShape(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Database failures the UI shows as a banner (with Restore for DB_CORRUPT), not as a toast. */
export const DATABASE_ERROR_CODES = [
  'DB_CORRUPT',
  'DB_FULL',
  'DB_READ_ONLY',
  'DB_TOO_NEW',
  'DB_FOREIGN',
] as const satisfies readonly ErrorCode[];

const ABSOLUTE_PATH =
  /(?:\b[A-Za-z]:[\\/]|\\\\|(?<![\w.:/])\/)(?:[^\s'"`()<>,;]*[\\/])?([^\s'"`()<>,;\\/]*)/g;

/**
 * Files cross the boundary only as tokens and names: an absolute path in a message (`/home/u/x.csv`,
 * `C:\\Users\\u\\x.csv`) is cut to its last segment before the message leaves main.
 */
export function withoutAbsolutePaths(message: string): string {
  return message.replace(ABSOLUTE_PATH, (_match, base: string) => base || '(folder)');
}

/** True when `text` still holds something that looks like an absolute file path. */
export function hasAbsolutePath(text: string): boolean {
  return /(?:^|[\s'"`(=])(?:\/[\w.-]+\/|[A-Za-z]:[\\/])/.test(text);
}

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

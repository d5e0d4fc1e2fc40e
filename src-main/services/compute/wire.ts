import { ContractError, isErrorCode } from '../../contract/errors';
import { DataError, type RowIssue } from '../prices/errors';
import { PriceColumns } from '../prices/price-columns';

/** Messages between the compute pool and its worker threads. */
export interface ComputeRequest {
  id: number;
  kind: string;
  input: unknown;
}

export type ComputeReply =
  | { id: number; ok?: undefined; progress?: number; ready?: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: SerializedError };

/** Errors cross the thread boundary as plain data and are rebuilt as the same classes. */
export type SerializedError =
  | { type: 'contract'; code: string; message: string; details?: unknown }
  | { type: 'data'; code: string; message: string; issues: RowIssue[]; issueCount: number }
  | { type: 'other'; name: string; message: string; code?: string };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ContractError) {
    return { type: 'contract', code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof DataError) {
    return {
      type: 'data',
      code: error.code,
      message: error.message,
      issues: [...error.issues],
      issueCount: error.issueCount,
    };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  return {
    type: 'other',
    name: e.name,
    message: e.message,
    ...(typeof code === 'string' ? { code } : {}),
  };
}

export function deserializeError(error: SerializedError): Error {
  if (error.type === 'contract' && isErrorCode(error.code)) {
    return new ContractError(error.code, error.message, error.details);
  }
  if (error.type === 'data')
    return new DataError(error.code, error.message, error.issues, error.issueCount);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.type === 'other' ? error.name : 'Error';
  if (error.type === 'other' && error.code) Object.assign(rebuilt, { code: error.code });
  return rebuilt;
}

/**
 * Parsed price columns are moved, not copied: their buffers are transferred (a million rows are
 * 48 MB). Structured clone turns the class into a plain object; `revive` makes it a class again.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const columns = (value as { columns?: unknown } | null)?.columns;
  if (!(columns instanceof PriceColumns)) return [];
  columns.trim();
  return [columns.ts, columns.open, columns.high, columns.low, columns.close, columns.volume].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

export function revive(value: unknown): unknown {
  const holder = value as { columns?: unknown } | null;
  const columns = holder?.columns as Partial<PriceColumns> | undefined;
  if (!columns || columns instanceof PriceColumns || !(columns.ts instanceof Float64Array))
    return value;
  return { ...holder, columns: PriceColumns.fromArrays(columns as PriceColumns) };
}

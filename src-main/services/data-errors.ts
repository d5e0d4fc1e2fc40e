import { ContractError } from '../contract/errors';
import { DataError } from './prices/errors';

const UNAVAILABLE = new Set(['NETWORK', 'OFFLINE', 'TIMEOUT', 'RATE_LIMITED', 'HTTP_ERROR']);
const NOT_FOUND = new Set(['UNKNOWN_ASSET', 'NO_PEG', 'NO_EXTERNAL_ID']);

/** Data-service failures become the contract's error shape, keeping the data code and row issues. */
export function toContractError(error: unknown): unknown {
  if (!(error instanceof DataError)) return error;
  const details = {
    dataCode: error.code,
    issues: error.issues.slice(0, 200),
    issueCount: error.issueCount,
  };
  if (UNAVAILABLE.has(error.code)) return new ContractError('UNAVAILABLE', error.message, details);
  if (NOT_FOUND.has(error.code)) return new ContractError('NOT_FOUND', error.message, details);
  return new ContractError('DATA_REJECTED', error.message, details);
}

/** Runs a data-service call and maps its DataError (sync or async) to a ContractError. */
export async function withDataErrors<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toContractError(error);
  }
}

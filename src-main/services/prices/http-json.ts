import { setTimeout as sleep } from 'node:timers/promises';
import { DataError } from './errors';

export interface HttpOptions {
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  /** Retries after HTTP 429 (rate limited). */
  maxRetries?: number;
  /** Wait before the first retry when the server sends no Retry-After; doubles each retry. */
  backoffMs?: number;
  /** Upper bound on any single wait, whatever Retry-After asks for. */
  maxWaitMs?: number;
  fetchImpl?: typeof fetch;
  headers?: Record<string, string>;
}

/** Network failures that mean "no connection could be made", reported as OFFLINE. */
const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
]);

/**
 * GET a JSON document with a timeout per attempt and limited retries on HTTP 429 (honouring Retry-After in
 * seconds or as an HTTP date, else exponential backoff). Failures become DataError codes: OFFLINE, TIMEOUT,
 * RATE_LIMITED, HTTP_ERROR, NETWORK, BAD_RESPONSE.
 */
export async function getJson(url: string, options: HttpOptions = {}): Promise<unknown> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxRetries = options.maxRetries ?? 3;
  const backoffMs = options.backoffMs ?? 1_000;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const host = new URL(url).host;

  for (let attempt = 0; ; attempt++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      let response: Response;
      try {
        response = await fetchImpl(url, {
          signal: controller.signal,
          headers: { accept: 'application/json', ...options.headers },
        });
      } catch (err) {
        throw networkError(err, host, controller.signal.aborted, timeoutMs);
      }
      if (response.status === 429) {
        await response.body?.cancel();
        if (attempt >= maxRetries) {
          throw new DataError('RATE_LIMITED', `${host} is rate limiting requests; try again later`);
        }
        clearTimeout(timer);
        const asked = retryAfterMs(response.headers.get('retry-after'));
        await sleep(Math.min(asked ?? backoffMs * 2 ** attempt, maxWaitMs));
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new DataError('HTTP_ERROR', `${host} answered HTTP ${response.status}`);
      }
      try {
        return await response.json();
      } catch (err) {
        if (controller.signal.aborted) throw networkError(err, host, true, timeoutMs);
        throw new DataError('BAD_RESPONSE', `${host} sent a body that is not JSON`);
      }
    } finally {
      clearTimeout(timer);
    }
  }
}

function networkError(err: unknown, host: string, aborted: boolean, timeoutMs: number): DataError {
  if (aborted) return new DataError('TIMEOUT', `${host} did not answer within ${timeoutMs} ms`);
  const code = errorCode(err);
  if (code !== undefined && OFFLINE_CODES.has(code)) {
    return new DataError(
      'OFFLINE',
      `cannot reach ${host} (${code}): check the internet connection`,
    );
  }
  return new DataError('NETWORK', `request to ${host} failed: ${code ?? String(err)}`);
}

/** Node's fetch wraps the socket error: TypeError('fetch failed', { cause: { code } | AggregateError }). */
function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const candidate = e as { code?: unknown; cause?: unknown; errors?: unknown[] };
    if (typeof candidate.code === 'string') return candidate.code;
    e = candidate.cause ?? candidate.errors?.[0];
  }
  return undefined;
}

function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (header.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

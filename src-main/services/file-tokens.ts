import { randomBytes } from 'node:crypto';
import { ContractError } from '../contract/errors';

/**
 * Files the user picked through the host (a native dialog), handed to the renderer as opaque
 * tokens. The renderer can only ever name a file the user chose; tokens expire.
 */
export class FileTokens {
  readonly #paths = new Map<string, { path: string; expiresAt: number }>();

  constructor(private readonly ttlMs = 30 * 60_000) {}

  issue(path: string, now = Date.now()): string {
    for (const [token, entry] of this.#paths) if (entry.expiresAt < now) this.#paths.delete(token);
    const token = randomBytes(16).toString('hex');
    this.#paths.set(token, { path, expiresAt: now + this.ttlMs });
    return token;
  }

  resolve(token: string, now = Date.now()): string {
    const entry = this.#paths.get(token);
    if (!entry || entry.expiresAt < now) {
      throw new ContractError('NOT_FOUND', 'that file is no longer available; pick it again');
    }
    return entry.path;
  }
}

import type { KeptRun, RunKind, StrategyDocument } from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';
import { canonicalJson } from '../lib/canonical-json';

/** Which draft a runner belongs to: runs are kept with it, at the revision the edit was based on. */
export interface RunOwner {
  draftId: string;
  /** The draft revision the open document is based on (read when a run starts). */
  revision: () => number;
}

/** What a runner shows about the result on screen: when it ran and for which strategy. */
export interface ResultOrigin {
  /** Canonical JSON of the strategy the result belongs to (staleness compares it). */
  strategy: string;
  /** ISO time the run finished (kept runs: when it was stored). */
  at: string;
  /** Reopened from the database rather than run in this session. */
  reopened: boolean;
}

export function originOf(strategy: StrategyDocument, reopened = false, at?: string): ResultOrigin {
  return { strategy: canonicalJson(strategy), at: at ?? new Date().toISOString(), reopened };
}

/** The result shown belongs to another strategy than `current`: "strategy changed since this run". */
export function isStale(origin: ResultOrigin | null, current: StrategyDocument | null): boolean {
  return origin !== null && current !== null && origin.strategy !== canonicalJson(current);
}

/** The newest kept run of `kind` for the draft, or null (none kept, or it cannot be read). */
export async function latestKeptRun<K extends RunKind>(
  api: ApiClient,
  draftId: string,
  kind: K,
): Promise<Extract<KeptRun, { kind: K }> | null> {
  try {
    const [latest] = await api.call('runs.list', { draftId, kind });
    if (!latest) return null;
    const run = await api.call('runs.get', { id: latest.id });
    return run.kind === kind ? (run as Extract<KeptRun, { kind: K }>) : null;
  } catch {
    // A kept run is a convenience: failing to reopen one leaves the view empty, never broken.
    return null;
  }
}

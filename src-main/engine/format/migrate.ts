import type { EngineIssue } from '../position';
import { CURRENT_VERSION, FORMAT_ID } from './schema';

/**
 * The migration hook. Each entry upgrades a document from version `v` to `v + 1`; `migrateStrategy`
 * applies them in order until the document reaches CURRENT_VERSION.
 */
type Migration = (document: Record<string, unknown>) => Record<string, unknown>;
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  // Version 2 added the optional `limits` section: a version-1 document has none and means the same.
  1: (document) => ({ ...document, version: 2 }),
};

export type MigrationResult =
  | { ok: true; document: unknown; migratedFrom: number | null }
  | { ok: false; errors: EngineIssue[] };

export function migrateStrategy(input: unknown): MigrationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fail('NOT_A_STRATEGY', 'a strategy must be a JSON object');
  }
  let document = input as Record<string, unknown>;
  if (document.format !== FORMAT_ID) {
    return fail('FORMAT_UNKNOWN', `"format" must be "${FORMAT_ID}"`, 'format');
  }
  const version = document.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('VERSION_INVALID', '"version" must be a positive integer', 'version');
  }
  if (version > CURRENT_VERSION) {
    return fail(
      'VERSION_UNSUPPORTED',
      `version ${version} is newer than this app understands (${CURRENT_VERSION})`,
      'version',
    );
  }
  for (let v = version; v < CURRENT_VERSION; v++) {
    const migration = MIGRATIONS[v];
    if (!migration) return fail('MIGRATION_MISSING', `no migration from version ${v}`, 'version');
    document = migration(document);
  }
  return { ok: true, document, migratedFrom: version === CURRENT_VERSION ? null : version };
}

function fail(code: string, message: string, field?: string): MigrationResult {
  return { ok: false, errors: [{ code, message, ...(field ? { field } : {}) }] };
}

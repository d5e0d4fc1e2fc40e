import type { Database } from 'better-sqlite3';
import { openDatabase } from '../db/open-database';
import { DraftsService } from './drafts';
import { createHandlers, type HostCapabilities } from './handlers';
import type { HostInfo } from './app-info';
import { seedBundledData, type SeedResult } from './seed';

const TRASH_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export interface OpenServicesOptions {
  dbPath: string;
  nativeBinding?: string;
  /** The folder holding data/, examples/, presets/ (repo `resources/` or process.resourcesPath). */
  resourcesRoot?: string;
  host: HostInfo;
  capabilities?: HostCapabilities;
}

/**
 * Start-up shared by the Electron shell and the loopback server: open (and migrate) the database,
 * seed the bundled market history on first run, purge old trash, build the handler map.
 */
export async function openServices(options: OpenServicesOptions): Promise<{
  db: Database;
  handlers: ReturnType<typeof createHandlers>;
  seed: SeedResult;
}> {
  const db = openDatabase(
    options.nativeBinding
      ? { path: options.dbPath, nativeBinding: options.nativeBinding }
      : { path: options.dbPath },
  );
  try {
    const seed = await seedBundledData(
      db,
      options.resourcesRoot ? { resourcesRoot: options.resourcesRoot } : {},
    );
    new DraftsService(db).purgeDeletedBefore(Date.now() - TRASH_RETENTION_MS);
    const handlers = createHandlers({
      db,
      host: options.host,
      ...(options.resourcesRoot ? { resourcesRoot: options.resourcesRoot } : {}),
      ...(options.capabilities ? { capabilities: options.capabilities } : {}),
    });
    return { db, handlers, seed };
  } catch (error) {
    db.close();
    throw error;
  }
}

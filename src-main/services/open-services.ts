import type { Database } from 'better-sqlite3';
import { openDatabase } from '../db/open-database';
import { DraftsService } from './drafts';
import { createHandlers, type HostCapabilities } from './handlers';
import type { HostInfo } from './app-info';
import { JobRegistry } from './jobs';
import { OpenedFiles } from './opened-files';
import { RiskService } from './risk';
import { seedBundledData, type SeedResult } from './seed';

const TRASH_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export interface OpenServicesOptions {
  dbPath: string;
  nativeBinding?: string;
  /** The folder holding data/, examples/, presets/ (repo `resources/` or process.resourcesPath). */
  resourcesRoot?: string;
  host: HostInfo;
  capabilities?: HostCapabilities;
  /** The Monte Carlo worker entry when bundled (Electron build); default: the TS source via tsx. */
  riskWorkerUrl?: URL;
}

/**
 * Start-up shared by the Electron shell and the loopback server: open (and migrate) the database,
 * seed the bundled market history on first run, purge old trash, build the handler map.
 */
export async function openServices(options: OpenServicesOptions): Promise<{
  db: Database;
  handlers: ReturnType<typeof createHandlers>;
  seed: SeedResult;
  /** Imports strategy files as drafts; the renderer collects the outcomes (`files.takeOpened`). */
  openedFiles: OpenedFiles;
  /** Cancels running jobs, stops worker threads, closes the database. */
  close: () => Promise<void>;
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
    const jobs = new JobRegistry();
    const risk = RiskService.fromDatabase(
      db,
      options.riskWorkerUrl ? { workerUrl: options.riskWorkerUrl } : {},
    );
    const openedFiles = new OpenedFiles(new DraftsService(db));
    const handlers = createHandlers({
      db,
      jobs,
      risk,
      openedFiles,
      host: options.host,
      ...(options.resourcesRoot ? { resourcesRoot: options.resourcesRoot } : {}),
      ...(options.capabilities ? { capabilities: options.capabilities } : {}),
    });
    // The database closes synchronously first: a host that does not wait for the promise
    // (Electron's will-quit) still gets a checkpointed, closed file.
    const close = async () => {
      jobs.cancelAll();
      if (db.open) db.close();
      await risk.close();
    };
    return { db, handlers, seed, openedFiles, close };
  } catch (error) {
    db.close();
    throw error;
  }
}

import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { DatabaseStatus } from '../contract/database';
import { dispatch, type Handler, type HandlerContext, type Handlers } from '../contract/dispatch';
import { ContractError } from '../contract/errors';
import { OP_NAMES, type OpName } from '../contract/index';
import {
  createBackup,
  DAILY_BACKUP_MS,
  dailyBackupDue,
  keepAside,
  latestGoodBackup,
  quickCheck,
  restoreBackup,
  type BackupInfo,
} from '../db/backups';
import { openCheckedDatabase } from '../db/open-database';
import { classifyDatabaseError, DatabaseProblem, fileLabel } from '../db/problems';
import type { HostInfo } from './app-info';
import { ComputePool } from './compute/pool';
import type { ComputeRunner } from './compute/ops';
import { DraftsService } from './drafts';
import { createHandlers, SOUND_DATABASE, type HostCapabilities } from './handlers';
import { JobRegistry } from './jobs';
import { createLibrary } from './library';
import { OpenedFiles } from './opened-files';
import { RiskService } from './risk';
import { seedBundledData, type SeedResult } from './seed';
import { TRASH_RETENTION_MS } from './revisions/revision-history';

export interface OpenServicesOptions {
  dbPath: string;
  nativeBinding?: string;
  /** The folder holding data/, examples/, presets/ (repo `resources/` or process.resourcesPath). */
  resourcesRoot?: string;
  host: HostInfo;
  capabilities?: HostCapabilities;
  /** The Monte Carlo worker entry when bundled (Electron build); default: the TS source via tsx. */
  riskWorkerUrl?: URL;
  /** The compute worker entry when bundled (Electron build); default: the TS source via tsx. */
  computeWorkerUrl?: URL;
  /** Where unexpected failures are logged (backup errors, worker crashes). */
  onError?: (what: string, error: unknown) => void;
}

export interface OpenedServices {
  /** The open database (throws while it is damaged or unavailable). */
  readonly db: Db;
  /** Stable for the life of the app: the same map keeps working across a restore. */
  handlers: Handlers;
  seed: SeedResult | null;
  /** Imports strategy files as drafts into the current database; the renderer collects the outcomes (`files.takeOpened`). */
  openedFiles: Pick<OpenedFiles, 'open' | 'take'>;
  status(): DatabaseStatus;
  /** Cancels running jobs, stops worker threads, closes the database. */
  close: () => Promise<void>;
}

interface Running {
  db: Db;
  handlers: Handlers;
  jobs: JobRegistry;
  risk: RiskService;
  compute: ComputeRunner;
  openedFiles: OpenedFiles;
  seed: SeedResult;
}

type State =
  | { kind: 'open'; running: Running }
  | {
      kind: 'damaged';
      problem: DatabaseProblem;
      keptAside: string | null;
      backup: BackupInfo | null;
    }
  | { kind: 'unavailable'; problem: DatabaseProblem };

/**
 * Start-up shared by the Electron shell and the loopback server: open the database with its
 * defences (quick_check, foreign/newer refusal, backups before migrations and daily), seed the
 * bundled history on first run, purge old trash, and build the handler map over worker threads.
 *
 * A damaged file does not stop the app: it is kept aside, every data op answers DB_CORRUPT with
 * the sentence the UI shows, and `db.restoreBackup` brings back the latest good backup (or
 * `db.startEmpty` a fresh file) without a restart. Database failures met later (disk full,
 * read-only, corruption found mid-run) come back with their own codes too.
 */
export async function openServices(options: OpenServicesOptions): Promise<OpenedServices> {
  const onError = options.onError ?? (() => {});
  let state: State = await start();
  let dailyTimer: NodeJS.Timeout | null = null;
  let closed = false;

  async function start(): Promise<State> {
    try {
      return { kind: 'open', running: await startRunning() };
    } catch (error) {
      const problem = classifyDatabaseError(error);
      if (!problem) throw error;
      if (problem.code !== 'DB_CORRUPT') return { kind: 'unavailable', problem };
      return damaged(problem);
    }
  }

  function damaged(problem: DatabaseProblem): State {
    const keptAside = keepAside(options.dbPath);
    const backup = latestGoodBackup(options.dbPath, binding());
    onError(
      `database damaged (${problem.message}); kept aside as ${fileLabel(keptAside)}`,
      problem,
    );
    return { kind: 'damaged', problem, keptAside, backup };
  }

  function binding(): { nativeBinding?: string } {
    return options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  }

  async function startRunning(): Promise<Running> {
    const db = await openCheckedDatabase({
      path: options.dbPath,
      ...binding(),
      onBackupError: (error) => onError('daily backup failed', error),
    });
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
      const compute = new ComputePool({
        dbPath: options.dbPath,
        ...binding(),
        ...(options.computeWorkerUrl ? { workerUrl: options.computeWorkerUrl } : {}),
        ...(options.riskWorkerUrl ? { riskWorkerUrl: options.riskWorkerUrl } : {}),
      });
      // Warm both lanes (thread start, module load, JIT) so the first keystroke is answered fast.
      const started = compute.run('engine.evaluate', { strategy: {} }).catch(() => undefined);
      void compute.run('db.integrityCheck', {}).catch(() => undefined);
      const openedFiles = new OpenedFiles(new DraftsService(db));
      const handlers = createHandlers({
        db,
        jobs,
        risk,
        compute,
        openedFiles,
        host: options.host,
        ...(options.resourcesRoot ? { resourcesRoot: options.resourcesRoot } : {}),
        ...(options.capabilities ? { capabilities: options.capabilities } : {}),
      });
      void started
        .then(() => warmEvaluation(handlers, options.resourcesRoot))
        .catch(() => undefined);
      return { db, handlers, jobs, risk, compute, openedFiles, seed };
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async function stopRunning(running: Running): Promise<void> {
    running.jobs.cancelAll();
    // Synchronously first: a host that does not wait (Electron's will-quit) still gets a closed file.
    if (running.db.open) running.db.close();
    await Promise.all([running.risk.close(), running.compute.close()]);
  }

  function status(): DatabaseStatus {
    if (state.kind === 'open') return SOUND_DATABASE;
    const backup = state.kind === 'damaged' ? state.backup : null;
    return {
      state: state.kind,
      code: state.problem.code,
      message: state.problem.message,
      keptAside: state.kind === 'damaged' && state.keptAside ? fileLabel(state.keptAside) : null,
      backup: backup
        ? { name: backup.name, createdAt: new Date(backup.createdAt).toISOString() }
        : null,
      canStartEmpty: state.kind === 'damaged' || state.problem.code === 'DB_FOREIGN',
    };
  }

  /** Corruption found mid-run: stop writing into the file, keep it aside, offer the backup. */
  async function failedWith(problem: DatabaseProblem): Promise<void> {
    if (problem.code !== 'DB_CORRUPT' || state.kind !== 'open') return;
    const running = state.running;
    state = { kind: 'unavailable', problem }; // refuse new calls while closing
    await stopRunning(running).catch((error: unknown) => onError('close after damage', error));
    state = damaged(problem);
  }

  async function reopen(prepare: () => Promise<void>): Promise<DatabaseStatus> {
    await prepare();
    state = await start();
    return status();
  }

  const dbOps: Partial<Handlers> = {
    'db.status': () => status(),
    'db.restoreBackup': async () => {
      if (state.kind !== 'damaged') {
        throw new ContractError('CONFLICT', 'the database is not damaged; nothing to restore');
      }
      const backup = state.backup;
      if (!backup) {
        throw new ContractError('NOT_FOUND', 'there is no good backup to restore; start empty');
      }
      return reopen(() => restoreBackup(backup.file, options.dbPath, binding()));
    },
    'db.startEmpty': async () => {
      const foreign = state.kind === 'unavailable' && state.problem.code === 'DB_FOREIGN';
      if (state.kind !== 'damaged' && !foreign) {
        throw new ContractError('CONFLICT', 'the database is in use; it is not replaced');
      }
      return reopen(async () => {
        if (foreign) keepAside(options.dbPath);
      });
    },
    'app.info': (input, ctx) => {
      if (state.kind === 'open') return state.running.handlers['app.info'](input, ctx);
      const probe = new Database(':memory:', binding());
      try {
        const sqlite = probe.prepare('SELECT sqlite_version()').pluck().get() as string;
        return {
          name: options.host.name,
          version: options.host.version,
          transport: ctx.transport,
          versions: {
            node: process.versions.node,
            electron: options.host.electron,
            chrome: options.host.chrome,
            sqlite,
          },
          platform: process.platform,
          dbPath: options.host.dbPath,
          schemaVersion: 0,
        };
      } finally {
        probe.close();
      }
    },
  };

  /** One stable handler per op: routes to the running services, and names database failures. */
  function route<K extends OpName>(op: K): Handler<K> {
    const own = dbOps[op] as Handler<K> | undefined;
    return async (input, ctx: HandlerContext) => {
      if (own) return own(input, ctx);
      if (state.kind !== 'open') {
        if (op === 'app.readyToClose') {
          return { closing: options.capabilities?.readyToClose?.() ?? false } as never;
        }
        throw new ContractError(state.problem.code, state.problem.message);
      }
      try {
        return await state.running.handlers[op](input, ctx);
      } catch (error) {
        const problem = error instanceof ContractError ? null : classifyDatabaseError(error);
        if (!problem) throw error;
        await failedWith(problem);
        throw new ContractError(problem.code, problem.message);
      }
    };
  }
  const handlers = Object.fromEntries(OP_NAMES.map((op) => [op, route(op)])) as Handlers;

  // A daily backup while the app stays open (start-up made one if the last is a day old).
  dailyTimer = setInterval(() => {
    if (state.kind !== 'open' || !dailyBackupDue(options.dbPath)) return;
    // Only a sound file is backed up, so every backup kept is one worth restoring.
    if (quickCheck(state.running.db).length > 0) {
      void failedWith(new DatabaseProblem('DB_CORRUPT', 'found by the daily check'));
      return;
    }
    createBackup(state.running.db, options.dbPath, 'daily').catch((error: unknown) =>
      onError('daily backup failed', error),
    );
  }, DAILY_BACKUP_MS / 24);
  dailyTimer.unref();

  return {
    get db() {
      if (state.kind !== 'open') throw new ContractError(state.problem.code, state.problem.message);
      return state.running.db;
    },
    handlers,
    seed: state.kind === 'open' ? state.running.seed : null,
    // Follows a restore: files always land in the database in use (refused while it is damaged).
    openedFiles: {
      open: (paths) => {
        if (state.kind !== 'open') {
          return Promise.reject(new ContractError(state.problem.code, state.problem.message));
        }
        return state.running.openedFiles.open(paths);
      },
      take: () => (state.kind === 'open' ? state.running.openedFiles.take() : []),
    },
    status,
    close: async () => {
      if (closed) return;
      closed = true;
      if (dailyTimer) clearInterval(dailyTimer);
      if (state.kind === 'open') await stopRunning(state.running);
    },
  };
}

/** Rounds of the shipped examples evaluated after start-up. */
const WARM_ROUNDS = 4;

/**
 * Evaluates the shipped examples (all pool types, lending designs, perps, harvests) the way an edit
 * is, through the contract, so V8 compiles the hot paths of both threads before the first edit —
 * one evaluated cold costs several warm ones. One at a time: an edit waits behind one at most.
 */
async function warmEvaluation(handlers: Handlers, resourcesRoot: string | undefined) {
  const examples = createLibrary(resourcesRoot).examples();
  for (let round = 0; round < WARM_ROUNDS; round++) {
    for (const { strategy } of examples) {
      // Stops once the services are closing (the pool refuses, the database is gone).
      const reply = await dispatch(handlers, 'engine.evaluate', { strategy }, { transport: 'ipc' });
      if (!reply.ok) return;
    }
  }
}

import type { Database } from 'better-sqlite3';
import type { Handlers } from '../contract/dispatch';
import type { DatabaseStatus } from '../contract/database';
import { ContractError } from '../contract/errors';
import type { PickedFile } from '../contract/market-data';
import { getAppInfo, type HostInfo } from './app-info';
import { withDataErrors } from './data-errors';
import { DraftsService, type DraftsServiceOptions } from './drafts';
import { FileTokens } from './file-tokens';
import { createPriceService } from './prices/price-service';
import type { RefreshOptions } from './prices/refresh';
import { createRateService } from './rates/rate-service';
import { previewRateFile } from './rates/preview-rates';
import { SettingsService } from './settings';
import { LimitsService } from './limits';
import { JobRegistry } from './jobs';
import { RiskService } from './risk';
import { InlineCompute, type ComputeRunner } from './compute/ops';
import { createLibrary } from './library';
import { ReportService, type ReportHost } from './report/report-service';
import { BacktestService, databaseHistorySource } from './backtest';
import { OpenedFiles } from './opened-files';
import { RunStore } from './runs';
import { RevisionHistory } from './revisions/revision-history';
import { runComparison } from './compare/compare-service';
import type { KeepRun, RunKind } from '../contract/runs';
import { statSync } from 'node:fs';
import { basename } from 'node:path';

/** The options a run is kept with: everything it was given but the strategy. */
function runOptionsOf(
  input: { strategy: unknown } & Record<string, unknown>,
): Record<string, unknown> {
  const { strategy: _strategy, ...rest } = input;
  return rest;
}

/** What only the host can do (a native dialog in Electron; a test hook on the loopback server). */
export interface HostCapabilities {
  /** Ask the user for a CSV file; resolves to its absolute path, or null when cancelled. */
  pickOpenFile?: (options: { title: string; extensions: string[] }) => Promise<string | null>;
  /** Called when the renderer has flushed its saves after `app.beforeClose` (Electron closes the window). */
  readyToClose?: () => boolean;
  /** Where online price refresh goes (tests point it at a recorded server on 127.0.0.1). */
  refresh?: RefreshOptions;
  /** Save dialog and PDF printer for `report.save` (Electron: native dialog + printToPDF). */
  report?: ReportHost;
  /** The built report view (out/report); default: beside the source tree. */
  reportBundleDir?: string;
}

export interface ServiceDeps {
  db: Database;
  host: HostInfo;
  drafts?: DraftsServiceOptions;
  resourcesRoot?: string;
  capabilities?: HostCapabilities;
  jobs?: JobRegistry;
  risk?: RiskService;
  /** Where evaluation, history, risk tables and file parsing run: a worker pool in the app; default in-thread. */
  compute?: ComputeRunner;
  /** Strategy files opened by the host (shared with it so it can add to the inbox). */
  openedFiles?: OpenedFiles;
}

export const SOUND_DATABASE: DatabaseStatus = {
  state: 'ok',
  code: null,
  message: null,
  keptAside: null,
  backup: null,
  canStartEmpty: false,
};

/** Backtests longer than this should be started as jobs (`backtest.start`) so they can be cancelled. */
export const BACKTEST_JOB_BUDGET_MS = 10 * 60_000;

/**
 * The contract implemented by calling services. Handlers stay one-liners: inputs arrive
 * validated (see contract/dispatch.ts), and services throw ContractError for expected failures.
 */
export function createHandlers(deps: ServiceDeps): Handlers {
  const drafts = new DraftsService(deps.db, deps.drafts);
  const settings = new SettingsService(deps.db);
  const limits = new LimitsService(() => settings.get());
  const refresh = deps.capabilities?.refresh;
  // In-thread (CLI, unit tests), simulations use the caller's risk service and its thread pool.
  const risk = deps.risk ?? RiskService.fromDatabase(deps.db);
  const compute = deps.compute ?? new InlineCompute(deps.db, { risk });
  const parsePrices = (input: { filePath: string }) => compute.run('prices.parse', input);
  const prices = createPriceService(
    refresh
      ? { db: deps.db, refreshOptions: refresh, parse: parsePrices }
      : { db: deps.db, parse: parsePrices },
  );
  const rates = createRateService({
    db: deps.db,
    parse: (input) => compute.run('rates.parse', input),
  });
  const files = new FileTokens();
  const library = createLibrary(deps.resourcesRoot);
  const jobs = deps.jobs ?? new JobRegistry();
  const history = BacktestService.fromDatabase(deps.db);
  const runs = new RunStore(deps.db);
  const reports = new ReportService({
    db: deps.db,
    history,
    source: databaseHistorySource(deps.db),
    risk,
    jobs,
    app: { name: deps.host.name, version: deps.host.version },
    limits: (document) => limits.effectiveFor(document),
    draft: (id) => {
      try {
        const d = drafts.open(id);
        return { revision: d.revision, document: d.document };
      } catch {
        return null;
      }
    },
    keptRun: (draftId, kind, strategy) => runs.latestFor(draftId, kind, strategy),
    ...(deps.capabilities?.report ? { host: deps.capabilities.report } : {}),
    ...(deps.capabilities?.reportBundleDir ? { bundleDir: deps.capabilities.reportBundleDir } : {}),
  });
  const openedFiles = deps.openedFiles ?? new OpenedFiles(drafts);
  const revisions = new RevisionHistory(deps.db, drafts);
  /** Runs `run`; a successful result asked to be kept is stored with its draft. */
  async function kept<R extends { ok: boolean }>(
    kind: RunKind,
    input: { keep?: KeepRun | undefined; strategy: unknown },
    runOptions: Record<string, unknown>,
    run: () => R | Promise<R>,
    signal?: AbortSignal,
  ): Promise<R> {
    if (input.keep) runs.requireDraft(input.keep.draftId);
    const result = await run();
    // A cancelled run is not kept: the previous result stays the latest.
    if (input.keep && result.ok && !signal?.aborted) {
      runs.keep({ keep: input.keep, kind, strategy: input.strategy, options: runOptions, result });
    }
    return result;
  }

  async function pickCsv(title: string): Promise<PickedFile | null> {
    const pick = deps.capabilities?.pickOpenFile;
    if (!pick) return null;
    const path = await pick({ title, extensions: ['csv', 'txt'] });
    if (!path) return null;
    return { token: files.issue(path), name: basename(path), sizeBytes: statSync(path).size };
  }

  return {
    'app.info': (_input, ctx) => getAppInfo(deps.db, deps.host, ctx.transport),
    'app.readyToClose': () => ({ closing: deps.capabilities?.readyToClose?.() ?? false }),
    'files.takeOpened': () => ({ files: openedFiles.take() }),

    'drafts.create': (input) => drafts.create(input),
    'drafts.list': (input) => drafts.list(input),
    'drafts.open': ({ id }) => drafts.open(id),
    'drafts.rename': ({ id, name }) => drafts.rename(id, name),
    'drafts.duplicate': ({ id }) => drafts.duplicate(id),
    'drafts.delete': ({ id }) => drafts.delete(id),
    'drafts.restore': ({ id }) => drafts.restore(id),
    'drafts.save': (input) => drafts.save(input),
    'drafts.revisions': ({ id, limit }) => drafts.revisions(id, limit),
    'drafts.history': ({ id, limit }) => revisions.history(id, limit),
    'drafts.revision': ({ id, revision }) => revisions.revision(id, revision),
    'drafts.restoreRevision': (input) => revisions.restoreRevision(input),
    'drafts.search': ({ query }) => revisions.search(query),
    'drafts.trash': () => revisions.trash(),
    'drafts.purge': ({ id }) => revisions.purge(id),
    'drafts.emptyTrash': () => revisions.emptyTrash(),

    'settings.get': () => settings.get(),
    'settings.set': ({ patch }) => settings.set(patch),

    'engine.evaluate': async ({ strategy, at }) => {
      const effective = limits.effectiveFor(strategy);
      const result = await compute.run(
        'engine.evaluate',
        at ? { strategy, at, limits: effective } : { strategy, limits: effective },
      );
      return { ...result, limits: result.limits ?? { effective, breaches: [] } };
    },
    'engine.examples': () => library.examples(),
    'engine.presets': () => library.presets(),

    'backtest.run': ({ keep, ...input }) =>
      withDataErrors(() =>
        kept('backtest', { keep, strategy: input.strategy }, runOptionsOf(input), async () =>
          limits.backtest(input.strategy, await compute.run('backtest.run', input)),
        ),
      ),
    'backtest.start': ({ keep, ...input }) => {
      if (keep) runs.requireDraft(keep.draftId);
      return jobs.start('backtest.run', ({ signal, progress }) =>
        withDataErrors(() =>
          kept(
            'backtest',
            { keep, strategy: input.strategy },
            runOptionsOf(input),
            async () =>
              limits.backtest(
                input.strategy,
                await compute.run('backtest.run', input, {
                  signal,
                  budgetMs: BACKTEST_JOB_BUDGET_MS,
                  onProgress: progress,
                }),
              ),
            signal,
          ),
        ),
      );
    },
    'scenarios.run': ({ keep, ...input }) =>
      withDataErrors(() =>
        kept('scenarios', { keep, strategy: input.strategy }, runOptionsOf(input), async () =>
          limits.scenarios(input.strategy, await compute.run('scenarios.run', input)),
        ),
      ),

    'compare.start': (input) =>
      jobs.start('compare', (job) =>
        withDataErrors(() => runComparison(compute, input, job, limits)),
      ),
    'risk.simulate': ({ keep, ...input }) => {
      if (keep) runs.requireDraft(keep.draftId);
      return jobs.start('risk.simulate', ({ signal, progress }) =>
        withDataErrors(() =>
          kept(
            'monte-carlo',
            { keep, strategy: input.strategy },
            runOptionsOf(input),
            async () =>
              limits.simulation(
                input.strategy,
                await compute.run('risk.simulate', input, { signal, onProgress: progress }),
              ),
            signal,
          ),
        ),
      );
    },
    'risk.stress': (input) => compute.run('risk.stress', input),
    'risk.protocol': (input) => compute.run('risk.protocol', input),

    'runs.list': (input) => runs.list(input),
    'runs.get': ({ id }) => runs.get(id),

    'jobs.status': ({ jobId }) => jobs.status(jobId),
    'jobs.cancel': ({ jobId }) => jobs.cancel(jobId),

    'files.pickCsv': ({ title }) => pickCsv(title ?? 'Import prices from a CSV file'),

    'prices.assets': () => prices.listAssets(),
    'prices.series': (input) =>
      withDataErrors(() => {
        const s = prices.getCloseSeries(input);
        return { symbol: s.symbol, ts: Array.from(s.ts), close: Array.from(s.close) };
      }),
    'prices.pegRatio': (input) => withDataErrors(() => prices.getPegRatioSeries(input)),
    'prices.importPreview': ({ file, previewRows }) =>
      withDataErrors(() =>
        prices.previewCsv({
          filePath: files.resolve(file),
          ...(previewRows === undefined ? {} : { previewRows }),
        }),
      ),
    'prices.importCommit': ({ file, ...rest }) =>
      withDataErrors(() => prices.importCsv({ filePath: files.resolve(file), ...rest })),
    'prices.export': (input) =>
      withDataErrors(() => ({
        fileName: `${input.symbol}-prices.${input.format}`,
        mimeType: input.format === 'csv' ? 'text/csv' : 'application/json',
        text: prices.exportPrices(input),
      })),
    'prices.refresh': (input) =>
      withDataErrors(async () => {
        const r = await prices.refresh(input);
        return { symbol: r.symbol, provider: input.provider, stored: r.stored };
      }),

    // A sound, open database (the service host answers these itself while it is damaged).
    'db.status': () => SOUND_DATABASE,
    'db.check': async () => {
      const { problems } = await compute.run('db.integrityCheck', {});
      return { ok: problems.length === 0, problems, checkedAt: new Date().toISOString() };
    },
    'db.restoreBackup': () => {
      throw new ContractError('CONFLICT', 'the database is sound and in use; nothing to restore');
    },
    'db.startEmpty': () => {
      throw new ContractError('CONFLICT', 'the database is sound and in use; it is not replaced');
    },

    'rates.series': () => rates.listSeries(),
    'rates.import': ({ file, ...rest }) =>
      withDataErrors(() => rates.importFile({ filePath: files.resolve(file), ...rest })),

    'rates.importPreview': ({ file, ...rest }) =>
      previewRateFile({ filePath: files.resolve(file), ...rest }, (input) =>
        compute.run('rates.parse', input),
      ),

    'data.coverage': () => compute.run('data.coverage', {}),
    'data.dailyCloses': (input) => withDataErrors(() => compute.run('data.dailyCloses', input)),
    'data.strategyWindow': (input) => compute.run('data.strategyWindow', input),

    'report.start': (input) => reports.start(input),
    'report.save': (input) => reports.save(input),
  };
}

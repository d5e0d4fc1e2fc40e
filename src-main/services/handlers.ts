import type { Database } from 'better-sqlite3';
import type { Handlers } from '../contract/dispatch';
import type { PickedFile } from '../contract/market-data';
import { getAppInfo, type HostInfo } from './app-info';
import { withDataErrors } from './data-errors';
import { DraftsService, type DraftsServiceOptions } from './drafts';
import { FileTokens } from './file-tokens';
import { createPriceService } from './prices/price-service';
import type { RefreshOptions } from './prices/refresh';
import { createRateService } from './rates/rate-service';
import { SettingsService } from './settings';
import { evaluate } from '../engine/evaluate';
import { JobRegistry } from './jobs';
import { BacktestService } from './backtest';
import { RiskService } from './risk';
import type { BacktestOptionsInput } from '../backtest/types';
import { createLibrary } from './library';
import { ReportService, type ReportHost } from './report/report-service';
import { databaseHistorySource } from './backtest';
import { OpenedFiles } from './opened-files';
import { statSync } from 'node:fs';
import { basename } from 'node:path';

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
  /** Strategy files opened by the host (shared with it so it can add to the inbox). */
  openedFiles?: OpenedFiles;
}

/**
 * The contract implemented by calling services. Handlers stay one-liners: inputs arrive
 * validated (see contract/dispatch.ts), and services throw ContractError for expected failures.
 */
export function createHandlers(deps: ServiceDeps): Handlers {
  const drafts = new DraftsService(deps.db, deps.drafts);
  const settings = new SettingsService(deps.db);
  const refresh = deps.capabilities?.refresh;
  const prices = createPriceService(
    refresh ? { db: deps.db, refreshOptions: refresh } : { db: deps.db },
  );
  const rates = createRateService({ db: deps.db });
  const files = new FileTokens();
  const library = createLibrary(deps.resourcesRoot);
  const jobs = deps.jobs ?? new JobRegistry();
  const history = BacktestService.fromDatabase(deps.db);
  const risk = deps.risk ?? RiskService.fromDatabase(deps.db);
  const reports = new ReportService({
    db: deps.db,
    history,
    source: databaseHistorySource(deps.db),
    risk,
    jobs,
    app: { name: deps.host.name, version: deps.host.version },
    draft: (id) => {
      try {
        const d = drafts.open(id);
        return { revision: d.revision, document: d.document };
      } catch {
        return null;
      }
    },
    ...(deps.capabilities?.report ? { host: deps.capabilities.report } : {}),
    ...(deps.capabilities?.reportBundleDir ? { bundleDir: deps.capabilities.reportBundleDir } : {}),
  });
  const openedFiles = deps.openedFiles ?? new OpenedFiles(drafts);
  // Shape only at the boundary; the service validates every option and answers with named errors.
  const options = (o: Record<string, unknown> | undefined) => o as BacktestOptionsInput | undefined;

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

    'settings.get': () => settings.get(),
    'settings.set': ({ patch }) => settings.set(patch),

    'engine.evaluate': ({ strategy }) => evaluate(strategy),
    'engine.examples': () => library.examples(),
    'engine.presets': () => library.presets(),

    'backtest.run': (input) =>
      withDataErrors(() => history.backtest({ ...input, options: options(input.options) })),
    'scenarios.run': (input) =>
      withDataErrors(() => history.scenarios({ ...input, options: options(input.options) })),

    'risk.simulate': (input) =>
      jobs.start('risk.simulate', (ctx) => withDataErrors(() => risk.simulate(input, ctx))),
    'risk.stress': (input) => risk.stress(input),
    'risk.protocol': (input) => risk.protocol(input),

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

    'rates.series': () => rates.listSeries(),
    'rates.import': ({ file, ...rest }) =>
      withDataErrors(() => rates.importFile({ filePath: files.resolve(file), ...rest })),

    'report.start': (input) => reports.start(input),
    'report.save': (input) => reports.save(input),
  };
}

import type { z } from 'zod';
import { AppInfoInput, ReadyToCloseInput, type AppInfo } from './app';
import { op, type OpSpec } from './define';
import {
  DraftCreateInput,
  DraftIdInput,
  DraftListInput,
  DraftRenameInput,
  DraftRevisionsInput,
  DraftSaveInput,
  type Draft,
  type DraftRevisionSummary,
  type DraftSaveResult,
  type DraftSummary,
} from './drafts';
import { CompareInput } from './compare';
import {
  DraftHistoryInput,
  DraftRevisionInput,
  DraftSearchInput,
  PurgeDraftInput,
  RestoreRevisionInput,
  TrashInput,
  type DraftRevision,
  type PurgeResult,
  type RevisionEntry,
  type TrashedDraft,
} from './revisions';
import { EvaluateInput, LibraryInput, type Evaluation, type ExampleStrategy } from './engine';
import {
  BacktestInput,
  ScenariosInput,
  type BacktestResult,
  type ScenariosResult,
} from './history';
import { RunIdInput, RunsListInput, type KeptRun, type KeptRunSummary } from './runs';
import { JobIdInput, type JobStarted, type JobStatus } from './jobs';
import {
  ProtocolRiskInput,
  SimulateInput,
  StressInput,
  type ProtocolRiskResult,
  type StressResult,
} from './risk';
import {
  AssetsInput,
  ExportInput,
  ImportCommitInput,
  ImportPreviewInput,
  PickCsvInput,
  RateImportInput,
  RateSeriesListInput,
  RefreshInput,
  SeriesInput,
  type AssetWithCoverage,
  type ExportedText,
  type PegRatioSeries,
  type PickedFile,
  type PriceCsvPreview,
  type PriceImportResult,
  type PriceSeriesDto,
  type RateImportResult,
  type RateSeriesInfo,
  type RefreshResultDto,
} from './market-data';
import {
  DailyClosesInput,
  DataCoverageInput,
  RatePreviewInput,
  StrategyWindowInput,
  type DailyClosesDto,
  type DataCoverage,
  type RateFilePreview,
  type StrategyWindow,
} from './data-view';
import { ReportSaveInput, ReportStartInput, type ReportSaved } from './report';
import { TakeOpenedInput, type TakeOpenedResult } from './opened-files';
import { SettingsGetInput, SettingsSetInput, type Settings } from './settings';
import type { WithLimits } from './limits';
import { DatabaseActionInput, type DatabaseStatus, type IntegrityReport } from './database';

/**
 * THE contract: every operation the renderer may ask of main, by name.
 * Adding an operation = one line here + one handler in src-main/services/handlers.ts
 * (the type checker refuses a contract entry without a handler). Both transports and the
 * renderer client are typed from this map; the preload exposes exactly its keys.
 * Names are `domain.verb`, lower camel case, matching OP_NAME_PATTERN.
 */
export const contract = {
  'app.info': op<AppInfo>()(AppInfoInput),
  /** The renderer has flushed its pending saves after `app.beforeClose`; the window may close. */
  'app.readyToClose': op<{ closing: boolean }>()(ReadyToCloseInput),

  'drafts.create': op<Draft>()(DraftCreateInput),
  'drafts.list': op<DraftSummary[]>()(DraftListInput),
  'drafts.open': op<Draft>()(DraftIdInput),
  'drafts.rename': op<DraftSummary>()(DraftRenameInput),
  'drafts.duplicate': op<Draft>()(DraftIdInput),
  'drafts.delete': op<DraftSummary>()(DraftIdInput),
  'drafts.restore': op<DraftSummary>()(DraftIdInput),
  'drafts.save': op<DraftSaveResult>()(DraftSaveInput),
  'drafts.revisions': op<DraftRevisionSummary[]>()(DraftRevisionsInput),
  /** Revisions newest first, each with a one-line summary of what changed since the one before. */
  'drafts.history': op<RevisionEntry[]>()(DraftHistoryInput),
  'drafts.revision': op<DraftRevision>()(DraftRevisionInput),
  /** Saves an old revision's content as a new head revision (nothing is overwritten). */
  'drafts.restoreRevision': op<DraftSaveResult>()(RestoreRevisionInput),
  /** Live drafts whose name or notes hold every word of the query. */
  'drafts.search': op<DraftSummary[]>()(DraftSearchInput),
  'drafts.trash': op<TrashedDraft[]>()(TrashInput),
  /** Deletes a trashed draft for good, with its history and kept runs. */
  'drafts.purge': op<PurgeResult>()(PurgeDraftInput),
  'drafts.emptyTrash': op<PurgeResult>()(TrashInput),

  'settings.get': op<Settings>()(SettingsGetInput),
  'settings.set': op<Settings>()(SettingsSetInput),

  'engine.evaluate': op<WithLimits<Evaluation>>()(EvaluateInput),
  'engine.examples': op<ExampleStrategy[]>()(LibraryInput),
  'engine.presets': op<unknown>()(LibraryInput),

  'backtest.run': op<WithLimits<BacktestResult>>()(BacktestInput),
  /** The same as a cancellable job (for long windows); poll `jobs.status` for a `BacktestResult`. */
  'backtest.start': op<JobStarted>()(BacktestInput),
  'scenarios.run': op<WithLimits<ScenariosResult>>()(ScenariosInput),

  /** Compares 2–4 strategies (a job); poll `jobs.status` for a `CompareResult`. */
  'compare.start': op<JobStarted>()(CompareInput),

  /** Starts a Monte Carlo job; poll `jobs.status` for progress and a `SimulateJobResult`. */
  'risk.simulate': op<JobStarted>()(SimulateInput),
  'risk.stress': op<StressResult>()(StressInput),
  'risk.protocol': op<ProtocolRiskResult>()(ProtocolRiskInput),

  /** Kept analysis runs of a draft, newest first, each marked stale when the strategy changed since. */
  'runs.list': op<KeptRunSummary[]>()(RunsListInput),
  'runs.get': op<KeptRun>()(RunIdInput),

  'jobs.status': op<JobStatus>()(JobIdInput),
  'jobs.cancel': op<JobStatus>()(JobIdInput),

  'files.pickCsv': op<PickedFile | null>()(PickCsvInput),
  /** Strategy files opened by the host since the last call, each imported as a draft or refused. */
  'files.takeOpened': op<TakeOpenedResult>()(TakeOpenedInput),

  'prices.assets': op<AssetWithCoverage[]>()(AssetsInput),
  'prices.series': op<PriceSeriesDto>()(SeriesInput),
  'prices.pegRatio': op<PegRatioSeries>()(SeriesInput),
  'prices.importPreview': op<PriceCsvPreview>()(ImportPreviewInput),
  'prices.importCommit': op<PriceImportResult>()(ImportCommitInput),
  'prices.export': op<ExportedText>()(ExportInput),
  'prices.refresh': op<RefreshResultDto>()(RefreshInput),

  /** Health of the database file; the UI shows a banner unless `state` is ok. */
  'db.status': op<DatabaseStatus>()(DatabaseActionInput),
  /** Maintenance: SQLite's full integrity_check (on a worker; slower than the start-up quick_check). */
  'db.check': op<IntegrityReport>()(DatabaseActionInput),
  /** After damage: copy the latest good backup into place and reopen. */
  'db.restoreBackup': op<DatabaseStatus>()(DatabaseActionInput),
  /** After damage (or a foreign file): keep the old file aside and start with an empty database. */
  'db.startEmpty': op<DatabaseStatus>()(DatabaseActionInput),

  'rates.series': op<RateSeriesInfo[]>()(RateSeriesListInput),
  'rates.import': op<RateImportResult>()(RateImportInput),
  /** What importing a rate file would store, or its bad rows by line; writes nothing. */
  'rates.importPreview': op<RateFilePreview>()(RatePreviewInput),

  /** Every asset and rate series: covered span, gaps, sources (the data view). */
  'data.coverage': op<DataCoverage>()(DataCoverageInput),
  /** One close per UTC day of an asset, for its chart. */
  'data.dailyCloses': op<DailyClosesDto>()(DailyClosesInput),
  /** The backtest window every series the strategy reads covers (the backtest form's bounds). */
  'data.strategyWindow': op<StrategyWindow>()(StrategyWindowInput),

  /** Starts assembling a report (a job: progress, cancel); the result is a `ReportBuilt`. */
  'report.start': op<JobStarted>()(ReportStartInput),
  /** Asks the host where to save the built report (native dialog) and prints it to PDF there. */
  'report.save': op<ReportSaved>()(ReportSaveInput),
} as const satisfies Record<string, OpSpec<z.ZodType, unknown>>;

export type Contract = typeof contract;
export type OpName = keyof Contract;
/** What a caller passes (before zod defaults/transforms). */
export type OpInput<K extends OpName> = z.input<Contract[K]['input']>;
/** What a handler receives (after validation and transforms). */
export type OpParsedInput<K extends OpName> = z.output<Contract[K]['input']>;
export type OpOutput<K extends OpName> = Contract[K] extends OpSpec<z.ZodType, infer O> ? O : never;

export const OP_NAMES = Object.keys(contract) as OpName[];

/** Guards op names wherever they travel as strings (IPC channel, URL path, preload argv). */
export const OP_NAME_PATTERN = /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/;

export function isOpName(value: unknown): value is OpName {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

export type { ApiErrorShape, Envelope, ErrorCode } from './errors';
export { ContractError } from './errors';
export type * from './drafts';
export type * from './revisions';
export type * from './compare';
export type * from './settings';
export type * from './app';
export type * from './market-data';
export type * from './opened-files';
export type * from './engine';
export type * from './jobs';
export type * from './history';
export type * from './risk';
export type * from './report';
export type * from './runs';
export type * from './database';
export type * from './limits';
export type * from './data-view';
export type { EngineIssue, StepOutcome } from '../engine/position';
export type * from './events';
export type * from './bridge';

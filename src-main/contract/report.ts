import { z } from 'zod';
import type { LimitsOutcome } from '../engine/limits/types';
import type { ScenarioRow } from '../backtest/scenarios';
import type { BacktestReport } from '../backtest/types';
import type { Evaluation } from '../engine/evaluation';
import type { SimulationResult } from '../risk/monte-carlo';
import type { ProtocolRiskReport } from '../risk/protocol-risk';
import type { StressGrid } from '../risk/stress';
import { StrategyJson } from './engine';

/**
 * A PDF report of one strategy (issue 16). Main assembles ONE typed payload (`ReportPayload`) by
 * running what the user chose; the renderer's report view (src-renderer/report.html) draws it,
 * and a printer (Electron's printToPDF, or Chromium through the CLI) turns it into a PDF.
 */

const IsoDay = z.iso.date();

export const ReportPaper = z.enum(['a4', 'letter']);
export type ReportPaper = z.infer<typeof ReportPaper>;

/**
 * What the user asked for each analysis that takes time, when the draft has no kept run of it that
 * is current for the reported strategy (a current kept run is always used as it is): run it for
 * the report, or leave it out.
 */
const BacktestChoice = z.discriminatedUnion('include', [
  z.object({ include: z.literal(false) }).strict(),
  z
    .object({
      include: z.literal(true),
      from: IsoDay,
      to: IsoDay,
      /** Backtest options (rate modes, automation); validated in full by the backtest service. */
      options: z.record(z.string(), z.unknown()).optional(),
    })
    .strict()
    .refine((v) => v.from <= v.to, { message: 'from must not be after to', path: ['to'] }),
]);

const MonteCarloChoice = z.discriminatedUnion('include', [
  z.object({ include: z.literal(false) }).strict(),
  z
    .object({
      include: z.literal(true),
      model: z.enum(['gbm', 'bootstrap']).default('gbm'),
      paths: z.number().int().min(100).max(250_000).default(10_000),
      seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
      days: z.number().int().min(1).max(3650).optional(),
    })
    .strict(),
]);

export const ReportOptions = z
  .object({
    paper: ReportPaper.default('a4'),
    backtest: BacktestChoice.default({ include: false }),
    monteCarlo: MonteCarloChoice.default({ include: false }),
  })
  .strict();
export type ReportOptions = z.output<typeof ReportOptions>;
export type ReportOptionsInput = z.input<typeof ReportOptions>;

export const ReportStartInput = z
  .object({
    strategy: StrategyJson,
    /** The draft the strategy comes from: its revision is printed on the report. */
    draftId: z.uuid().optional(),
    options: ReportOptions.default({
      paper: 'a4',
      backtest: { include: false },
      monteCarlo: { include: false },
    }),
  })
  .strict();

export const ReportSaveInput = z
  .object({
    reportId: z.uuid(),
    /** Also write the CSV series and the strategy JSON beside the PDF. */
    exports: z.boolean().default(true),
  })
  .strict();

/** A section that may be missing: left out at the user's choice, or failed (with the reason). */
export type Section<T> =
  | ({ status: 'included' } & T)
  | { status: 'omitted'; reason: string }
  | { status: 'failed'; reason: string };

/** When a kept or report-time run was made, and for which strategy revision. */
export interface RunInfo {
  ranAt: string;
  /** The draft revision the run belongs to; null for a strategy not saved as a draft (a file). */
  revision: number | null;
  /** True when the run was kept from before (stored); false when it was run for this report. */
  kept: boolean;
  /** The kept run's id (null when run for this report). */
  id: string | null;
}

/** A stored series the analyses read, and the days it covers. */
export interface DataSource {
  kind: 'price' | 'rate';
  /** Asset symbol (prices) or "protocol chain asset side" (rates). */
  series: string;
  source: string;
  from: string | null;
  to: string | null;
  rows: number;
}

/** Daily closes of one asset over the backtest window (exported as an importable price CSV). */
export interface PriceSeriesUsed {
  symbol: string;
  date: string[];
  close: number[];
}

/** Kind and peg of each asset the strategy touches (for the risk section's depeg lines). */
export interface ReportAsset {
  symbol: string;
  name: string | null;
  kind: 'volatile' | 'stable' | 'liquid-staking';
  peg: { asset: string; kind: 'one-to-one' | 'exchange-rate' } | null;
}

export interface ReportPayload {
  format: 'yieldplan.report';
  version: 1;
  generatedAt: string;
  paper: ReportPaper;
  app: { name: string; version: string };
  strategy: {
    name: string;
    description: string | null;
    document: Record<string, unknown>;
    draftId: string | null;
    /** Head revision of the draft when the document equals it; null for a file or unsaved edits. */
    revision: number | null;
    /** 'draft': saved revision; 'unsaved': the draft has edits not saved yet; 'file': not a draft. */
    origin: 'draft' | 'unsaved' | 'file';
  };
  assets: ReportAsset[];
  evaluation: Evaluation;
  /**
   * The limits in force (the app's global ones merged with the strategy's own) and every breach
   * the report's analyses show; absent in payloads made before limits existed.
   */
  limits?: LimitsOutcome;
  scenarios: Section<{ run: RunInfo; rows: ScenarioRow[] }>;
  stress: Section<{ price: StressGrid[]; depeg: StressGrid[]; cross: StressGrid | null }>;
  protocol: Section<ProtocolRiskReport>;
  backtest: Section<{ run: RunInfo; result: BacktestReport; prices: PriceSeriesUsed[] }>;
  monteCarlo: Section<{ run: RunInfo; result: SimulationResult }>;
  dataSources: DataSource[];
}

/** What a finished `report.start` job carries as `result`. */
export interface ReportBuilt {
  reportId: string;
  /** Suggested file name, e.g. "wsteth-emode-loop-report.pdf". */
  fileName: string;
  sections: Record<
    'scenarios' | 'stress' | 'protocol' | 'backtest' | 'monteCarlo',
    Section<object>['status']
  >;
}

export interface ReportSaved {
  /** False when the user cancelled the save dialog. */
  saved: boolean;
  /** File names written (no folders: the renderer never sees paths). */
  files: string[];
}

export type { ScenarioRow, StressGrid };

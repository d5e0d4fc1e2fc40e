import type {
  DailyClosesDto,
  DataCoverage,
  PegRatioSeries,
  PickedFile,
  PriceCsvPreview,
  PriceImportResult,
  RateFilePreview,
  RateImportResult,
} from '../../../src-main/contract/index';
import { ApiError, type ApiClient } from '../lib/api';

/** The pegged assets whose ratio to their peg the view charts (stETH/ETH and the stablecoins). */
export const PEG_CHARTS = ['STETH', 'USDC', 'USDT', 'DAI'] as const;

/** Refresh failures that would repeat for every asset: the refresh stops at the first. */
const STOP_CODES: ReadonlySet<string> = new Set(['OFFLINE', 'TIMEOUT', 'NETWORK', 'RATE_LIMITED']);

/** Days asked of the online source at most (CoinGecko's free API answers a year of dailies). */
const MAX_REFRESH_DAYS = 365;

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The data code behind a contract error (e.g. OFFLINE, ROW_ERRORS), when there is one. */
function dataCode(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const details = error.details as { dataCode?: unknown } | undefined;
  return typeof details?.dataCode === 'string' ? details.dataCode : null;
}

export type RefreshLine = { symbol: string; text: string; tone: 'ok' | 'error' };

/**
 * A file being imported: picked through the host's dialog, previewed on main (nothing written),
 * then committed. The kinds differ only in their dialog title, the two calls and when Import can
 * be pressed.
 */
export abstract class FileImport<Preview, Result> {
  file = $state.raw<PickedFile | null>(null);
  preview = $state.raw<Preview | null>(null);
  busy = $state(false);
  problem = $state<string | null>(null);
  result = $state.raw<Result | null>(null);

  constructor(
    protected readonly api: ApiClient,
    private readonly onImported: () => Promise<void>,
  ) {}

  protected abstract readonly dialogTitle: string;
  protected abstract readPreview(token: string): Promise<Preview>;
  protected abstract write(token: string): Promise<Result>;
  /** Whether Import can be pressed. */
  abstract get ready(): boolean;

  async pick(): Promise<void> {
    this.problem = null;
    this.result = null;
    const file = await this.api
      .call('files.pickCsv', { title: this.dialogTitle })
      .catch((error: unknown) => {
        this.problem = errorText(error);
        return null;
      });
    if (!file) return;
    this.file = file;
    this.preview = null;
    this.busy = true;
    try {
      this.preview = await this.readPreview(file.token);
    } catch (error) {
      this.problem = `Could not read ${file.name}: ${errorText(error)}`;
    } finally {
      this.busy = false;
    }
  }

  async commit(): Promise<void> {
    if (!this.file || !this.ready) return;
    this.busy = true;
    this.problem = null;
    try {
      this.result = await this.write(this.file.token);
      this.preview = null;
      this.file = null;
      await this.onImported();
    } catch (error) {
      this.problem = `Nothing was imported: ${errorText(error)}`;
    } finally {
      this.busy = false;
    }
  }

  cancel(): void {
    this.file = null;
    this.preview = null;
    this.problem = null;
  }
}

/** A price file: previewed (rows, bad lines), then committed into the chosen asset. */
export class PriceImport extends FileImport<PriceCsvPreview, PriceImportResult> {
  symbol = $state('');
  skipInvalid = $state(false);
  protected readonly dialogTitle = 'Import prices from a CSV file';

  protected readPreview(file: string): Promise<PriceCsvPreview> {
    return this.api.call('prices.importPreview', { file, previewRows: 8 });
  }

  protected write(file: string): Promise<PriceImportResult> {
    return this.api.call('prices.importCommit', {
      file,
      symbol: this.symbol,
      skipInvalid: this.skipInvalid,
    });
  }

  /** A readable preview, an asset, and bad rows skipped or none. */
  get ready(): boolean {
    const p = this.preview;
    return (
      !this.busy &&
      p !== null &&
      p.validRows > 0 &&
      this.symbol !== '' &&
      (p.errorCount === 0 || this.skipInvalid)
    );
  }
}

/** A rate file: previewed (its series, or the lines that refuse it), then committed whole. */
export class RateImport extends FileImport<RateFilePreview, RateImportResult> {
  protected readonly dialogTitle = 'Import lending rates from a CSV file';

  protected readPreview(file: string): Promise<RateFilePreview> {
    return this.api.call('rates.importPreview', { file });
  }

  protected write(file: string): Promise<RateImportResult> {
    return this.api.call('rates.import', { file });
  }

  get ready(): boolean {
    return !this.busy && this.preview?.ok === true;
  }
}

/**
 * The data view's state: what the stored history covers, the chart of the chosen asset, the peg
 * ratios, the two imports, and the online refresh (which says plainly when there is no network;
 * the stored history keeps working without one).
 */
export class DataViewState {
  coverage = $state.raw<DataCoverage | null>(null);
  loadProblem = $state<string | null>(null);
  selected = $state<string | null>(null);
  closes = $state.raw<DailyClosesDto | null>(null);
  pegs = $state.raw<PegRatioSeries[]>([]);
  refreshing = $state(false);
  refreshLines = $state.raw<RefreshLine[]>([]);
  /** One sentence about the last refresh, e.g. that the machine is offline; and what failed. */
  refreshSummary = $state<string | null>(null);
  refreshDetail = $state<string | null>(null);
  readonly prices: PriceImport;
  readonly rates: RateImport;
  #chartTicket = 0;

  constructor(private readonly api: ApiClient) {
    this.prices = new PriceImport(api, () => this.reload());
    this.rates = new RateImport(api, () => this.reload());
  }

  async load(): Promise<void> {
    await this.reload();
  }

  /** Coverage, then the chart and peg ratios again (after an import or a refresh). */
  async reload(): Promise<void> {
    try {
      this.coverage = await this.api.call('data.coverage', {});
      this.loadProblem = null;
    } catch (error) {
      this.loadProblem = errorText(error);
      return;
    }
    const priced = this.coverage.assets.filter((a) => a.coverage.firstDay !== null);
    if (this.selected === null || !priced.some((a) => a.symbol === this.selected)) {
      this.selected = priced.find((a) => a.symbol === 'ETH')?.symbol ?? priced[0]?.symbol ?? null;
    }
    await Promise.all([this.#loadChart(), this.#loadPegs()]);
  }

  async select(symbol: string): Promise<void> {
    this.selected = symbol;
    await this.#loadChart();
  }

  async #loadChart(): Promise<void> {
    const ticket = ++this.#chartTicket;
    const symbol = this.selected;
    if (symbol === null) {
      this.closes = null;
      return;
    }
    try {
      const closes = await this.api.call('data.dailyCloses', { symbol });
      if (ticket === this.#chartTicket) this.closes = closes;
    } catch (error) {
      if (ticket === this.#chartTicket) this.loadProblem = errorText(error);
    }
  }

  async #loadPegs(): Promise<void> {
    const stored = (this.coverage?.assets ?? [])
      .filter((a) => a.peg && a.coverage.firstDay !== null)
      .map((a) => a.symbol);
    const wanted = PEG_CHARTS.filter((s) => stored.includes(s));
    const series = await Promise.all(
      wanted.map((symbol) => this.api.call('prices.pegRatio', { symbol }).catch(() => null)),
    );
    this.pegs = series.filter((s): s is PegRatioSeries => s !== null && s.ts.length > 0);
  }

  /**
   * Asks the online source for the days after each refreshable asset's last stored close. Stops
   * at the first "offline" answer: the same would come back for every asset.
   */
  async refresh(nowMs: number = Date.now()): Promise<void> {
    if (this.refreshing || !this.coverage) return;
    this.refreshing = true;
    this.refreshLines = [];
    this.refreshSummary = null;
    this.refreshDetail = null;
    const lines: RefreshLine[] = [];
    let stopped: { offline: boolean; message: string } | null = null;
    try {
      for (const asset of this.coverage.assets.filter((a) => a.refreshable)) {
        const last = asset.coverage.lastDay;
        const since = last === null ? MAX_REFRESH_DAYS : daysSince(last, nowMs);
        // The latest close there can be is yesterday's (today is not over).
        if (since <= 1) {
          lines.push({ symbol: asset.symbol, text: 'already up to date', tone: 'ok' });
          continue;
        }
        const days = Math.min(MAX_REFRESH_DAYS, since + 1);
        try {
          const r = await this.api.call('prices.refresh', {
            symbol: asset.symbol,
            provider: 'coingecko',
            days,
          });
          lines.push({
            symbol: asset.symbol,
            text: `${r.stored} daily closes received (stored days are kept)`,
            tone: 'ok',
          });
        } catch (error) {
          const code = dataCode(error);
          // No connection, a timeout or a rate limit would answer every asset the same way.
          if (code !== null && STOP_CODES.has(code)) {
            stopped = { offline: code === 'OFFLINE', message: errorText(error) };
            break;
          }
          lines.push({ symbol: asset.symbol, text: errorText(error), tone: 'error' });
        }
      }
      if (stopped?.offline) {
        this.refreshSummary =
          'Offline: no network connection. Nothing was refreshed; the stored history keeps working.';
        this.refreshDetail = stopped.message;
      } else if (stopped) {
        this.refreshSummary = `Refresh stopped: ${stopped.message}. The stored history keeps working.`;
      } else {
        this.refreshSummary = `Refresh finished for ${lines.length} assets.`;
      }
      if (lines.some((l) => l.tone === 'ok')) await this.reload();
      this.refreshLines = lines;
    } finally {
      this.refreshing = false;
    }
  }
}

/** Whole days from an ISO day to today (UTC). */
function daysSince(isoDay: string, nowMs: number): number {
  const today = Math.floor(nowMs / 86_400_000);
  return today - Math.floor(Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000);
}

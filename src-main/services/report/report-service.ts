import type { JobStarted } from '../../contract/jobs';
import { ContractError } from '../../contract/errors';
import type { ReportBuilt, ReportOptions, ReportPayload, ReportSaved } from '../../contract/report';
import type { JobRegistry } from '../jobs';
import { buildReport, type ReportBuilderDeps } from './build-report';
import { readReportBundle, reportFileStem, reportHtml } from './report-html';
import { writeReport, type PdfPrinter } from './write-report';

/** What only the host can do for a report: ask where to save it, and print it. */
export interface ReportHost {
  /** Native save dialog; resolves to an absolute path, or null when cancelled. */
  pickSavePath: (options: { defaultName: string }) => Promise<string | null>;
  printPdf: PdfPrinter;
}

/** Built reports kept for saving (a few: each holds a backtest and a Monte Carlo). */
const KEEP_REPORTS = 4;

/**
 * Reports in the app: `start` assembles the payload as a job (progress, cancel) and keeps it under
 * an id; `save` asks the host for a file and prints the report there, with the exports beside it.
 */
export class ReportService {
  readonly #built = new Map<string, ReportPayload>();

  constructor(
    private readonly deps: ReportBuilderDeps & {
      jobs: JobRegistry;
      bundleDir?: string;
      host?: ReportHost;
    },
  ) {}

  start(input: {
    strategy: unknown;
    draftId?: string | undefined;
    options: ReportOptions;
  }): JobStarted {
    return this.deps.jobs.start('report.start', async (job): Promise<ReportBuilt> => {
      const payload = await buildReport(this.deps, input, job);
      const reportId = crypto.randomUUID();
      this.#built.set(reportId, payload);
      while (this.#built.size > KEEP_REPORTS) this.#built.delete(this.#built.keys().next().value!);
      return {
        reportId,
        fileName: `${reportFileStem(payload.strategy.name)}-report.pdf`,
        sections: {
          scenarios: payload.scenarios.status,
          stress: payload.stress.status,
          protocol: payload.protocol.status,
          backtest: payload.backtest.status,
          monteCarlo: payload.monteCarlo.status,
        },
      };
    });
  }

  payload(reportId: string): ReportPayload {
    const payload = this.#built.get(reportId);
    if (!payload)
      throw new ContractError('NOT_FOUND', 'that report is no longer kept: make it again');
    return payload;
  }

  async save(input: { reportId: string; exports: boolean }): Promise<ReportSaved> {
    const payload = this.payload(input.reportId);
    const host = this.deps.host;
    if (!host) throw new ContractError('UNAVAILABLE', 'this host cannot save reports');
    const html = reportHtml(payload, readReportBundle(this.deps.bundleDir));
    const outPath = await host.pickSavePath({
      defaultName: `${reportFileStem(payload.strategy.name)}-report.pdf`,
    });
    if (!outPath) return { saved: false, files: [] };
    const files = await writeReport({
      payload,
      html,
      outPath,
      format: /\.html?$/i.test(outPath) ? 'html' : 'pdf',
      printPdf: host.printPdf,
      exports: input.exports,
    });
    return { saved: true, files };
  }
}

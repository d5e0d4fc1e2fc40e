import type { ScenarioRow } from '../../backtest/scenarios';
import { BacktestService } from '../../services/backtest';
import { automationOptions, marketIdsOf, strategyCommandArgs } from '../args';
import { formatIssue, reportIssues, type CliCommand } from '../command';
import { openHistoryDatabase } from './backtest';

const USAGE = `Usage: yieldplan scenarios <strategy.json> [--db path] [--rates model|history] [--deleverage hf:target] [--json]

Runs the strategy through every named crisis window (resources/scenarios.json): one row each with
start and end equity, minimum health factor and its date, liquidations and collateral seized, the
peak-to-trough loss, and the same for holding the capital. See docs/backtest.md.`;

export const command: CliCommand = {
  summary: 'run a strategy through the named crisis scenarios (2020 crash … USDC depeg)',
  usage: USAGE,
  async run(args, io) {
    const input = await strategyCommandArgs({
      args,
      options: {
        db: { type: 'string' },
        rates: { type: 'string' },
        deleverage: { type: 'string' },
        releverage: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      usage: USAGE,
      io,
    });
    if (typeof input === 'number') return input;
    const { values, document } = input;
    const options = automationOptions(values, marketIdsOf(document));
    const db = await openHistoryDatabase(values.db);
    try {
      const result = BacktestService.fromDatabase(db).scenarios({ strategy: document, options });
      if (!result.ok) return reportIssues(io, result.errors);
      io.out(values.json ? JSON.stringify(result.rows, null, 2) : scenarioTable(result.rows));
      return 0;
    } finally {
      db.close();
    }
  },
};

const money = (v: number) => `$${Math.round(v).toLocaleString('en-US')}`;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function scenarioTable(rows: readonly ScenarioRow[]): string {
  const header = [
    'scenario',
    'window',
    'start',
    'end',
    'min HF (date)',
    'liquidated (seized)',
    'worst fall',
    'hold end',
    'hold fall',
  ];
  const body = rows.map((r) => {
    const window = `${r.from}..${r.to}`;
    if (r.status === 'skipped')
      return [r.title, window, `skipped: ${r.errors.map(formatIssue).join('; ')}`];
    const s = r.strategy;
    return [
      r.title,
      window,
      money(s.startEquityUsd),
      money(s.endEquityUsd),
      s.minHealthFactor === null
        ? 'no debt'
        : `${s.minHealthFactor.toFixed(3)} (${s.minHealthFactorDate})`,
      s.liquidated ? `yes, ${s.firstLiquidationDate} (${money(s.collateralSeizedUsd)})` : 'no',
      pct(s.peakToTroughLoss),
      money(r.hold.endEquityUsd),
      pct(r.hold.peakToTroughLoss),
    ];
  });
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => (row.length > 3 || i < 2 ? (row[i] ?? '').length : 0))),
  );
  const line = (cells: readonly string[]) =>
    cells.length === 3 && cells !== header
      ? `${(cells[0] ?? '').padEnd(widths[0] ?? 0)}  ${(cells[1] ?? '').padEnd(widths[1] ?? 0)}  ${cells[2]}`
      : cells
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd();
  return [line(header), ...body.map(line)].join('\n');
}

import type { Database } from 'better-sqlite3';
import {
  DAILY_SERIES_FIGURES,
  type BacktestEvent,
  type BacktestReport,
  type DailySeries,
} from '../../backtest/types';
import { openDatabase } from '../../db/open-database';
import { BacktestService } from '../../services/backtest';
import { csvRow } from '../../services/csv-cell';
import { seedBundledData } from '../../services/seed';
import { automationOptions, marketIdsOf, strategyCommandArgs } from '../args';
import { formatIssue, reportIssues, type CliCommand } from '../command';

const USAGE = `Usage: yieldplan backtest <strategy.json> --from YYYY-MM-DD --to YYYY-MM-DD [options]

Replays the strategy day by day over stored price (and rate) history; see docs/backtest.md.
  --db <path>                 database to read (default: a temporary one seeded from the bundled data)
  --rates model|history       rate mode for every lending market (default model)
  --deleverage <hf>:<target>  automation: deleverage to <target> when HF < <hf>, e.g. 1.3:1.8
  --releverage <hf>:<target>  automation: re-leverage to <target> when HF > <hf>
  --json                      the full report as JSON
  --csv                       the daily series as CSV
Exit code 0, or 1 on an invalid strategy, option or window (listed on stderr).`;

/** Opens `--db` or an in-memory database seeded from resources/ (the bundled history). */
export async function openHistoryDatabase(dbPath: string | undefined): Promise<Database> {
  const db = openDatabase({ path: dbPath ?? ':memory:' });
  try {
    await seedBundledData(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export const command: CliCommand = {
  summary: 'replay a strategy over stored daily history (liquidations, benchmarks, stats)',
  usage: USAGE,
  async run(args, io) {
    const input = await strategyCommandArgs({
      args,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        db: { type: 'string' },
        rates: { type: 'string' },
        deleverage: { type: 'string' },
        releverage: { type: 'string' },
        json: { type: 'boolean', default: false },
        csv: { type: 'boolean', default: false },
      },
      usage: USAGE,
      io,
      valid: (values) => Boolean(values.from && values.to && !(values.json && values.csv)),
    });
    if (typeof input === 'number') return input;
    const { values, document } = input;
    const options = automationOptions(values, marketIdsOf(document));
    const db = await openHistoryDatabase(values.db);
    try {
      const result = BacktestService.fromDatabase(db).backtest({
        strategy: document,
        from: values.from!,
        to: values.to!,
        options,
      });
      if (!result.ok) return reportIssues(io, result.errors);
      io.out(
        values.json
          ? JSON.stringify(result, null, 2)
          : values.csv
            ? seriesCsv(result.series)
            : summarize(result),
      );
      return 0;
    } finally {
      db.close();
    }
  },
};

const SERIES_COLUMNS: readonly (keyof DailySeries)[] = ['date', ...DAILY_SERIES_FIGURES];

/** One row per day; an empty health-factor cell means no debt. */
export function seriesCsv(series: DailySeries): string {
  const lines = [csvRow(SERIES_COLUMNS)];
  for (let i = 0; i < series.date.length; i++) {
    lines.push(
      csvRow(
        SERIES_COLUMNS.map((c) => {
          const v = (series[c] as readonly unknown[])[i];
          return typeof v === 'number' || typeof v === 'string' ? v : null;
        }),
      ),
    );
  }
  return lines.join('\n');
}

const usd = (v: number) =>
  `${v < 0 ? '-' : ''}$${Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(2)}%`);
const num = (v: number | null, places = 3) => (v === null ? 'n/a' : v.toFixed(places));

function describeEvent(e: BacktestEvent): string {
  switch (e.type) {
    case 'liquidation':
      return `${e.date} liquidation in ${e.marketId}: repaid ${e.debtRepaid} ${e.debtAsset}, seized ${e.collateralSeized} ${e.collateralAsset} (${usd(e.collateralSeizedUsd)}, bonus ${usd(e.bonusUsd)}), HF ${num(e.healthFactorBefore)} → ${num(e.healthFactorAfter)}`;
    case 'deleverage':
    case 'releverage':
      return `${e.date} ${e.type} in ${e.marketId}: ${e.type === 'deleverage' ? 'withdrew' : 'supplied'} ${e.collateralAmount} ${e.collateralAsset}, ${e.type === 'deleverage' ? 'repaid' : 'borrowed'} ${e.debtAmount} ${e.debtAsset}, HF ${num(e.healthFactorBefore)} → ${num(e.healthFactorAfter)}`;
    case 'harvest':
      return `${e.date} harvest ${e.stepId}: ${usd(e.rewardsUsd)} of rewards → ${e.proceeds} ${e.sellInto}${e.reinvestedInto ? ` into ${e.reinvestedInto}` : ''} (gas ${usd(e.gasUsd)})`;
    case 'perp-liquidation':
      return `${e.date} perp ${e.stepId} (${e.side} ${e.asset}) liquidated at ${usd(e.price)}, margin lost ${usd(e.marginLostUsd)}`;
  }
}

export function summarize(r: BacktestReport): string {
  const s = r.stats;
  const days = r.series.date.length;
  const lines = [
    `backtest ${r.from} .. ${r.to} (${days} days)`,
    `  equity ${usd(s.startEquityUsd)} → ${usd(s.endEquityUsd)} on capital ${usd(s.startCapitalUsd)}: total ${pct(s.totalReturn)}, annualized ${pct(s.annualizedReturn)}`,
    `  hold ${usd(r.benchmarks.hold.endEquityUsd)} (${pct(r.benchmarks.hold.totalReturn)})   supply only ${usd(r.benchmarks.supplyOnly.endEquityUsd)} (${pct(r.benchmarks.supplyOnly.totalReturn)})`,
    `  max drawdown ${pct(s.maxDrawdown)}${s.maxDrawdownPeakDate ? ` (${s.maxDrawdownPeakDate} → ${s.maxDrawdownTroughDate})` : ''}   volatility ${pct(s.volatility)}   Sharpe ${num(s.sharpe, 2)}`,
    `  min health factor ${s.minHealthFactor === null ? 'no debt' : `${num(s.minHealthFactor)} on ${s.minHealthFactorDate}`}   days under 1.2: ${s.daysUnder1_2}`,
    `  liquidations ${s.liquidationCount} (collateral seized ${usd(s.collateralSeizedUsd)})${s.perpLiquidationCount ? `, perp liquidations ${s.perpLiquidationCount}` : ''}`,
  ];
  for (const u of r.rateUsage)
    lines.push(`  rates ${u.marketId}: ${u.mode}, ${pct(u.historyShare)} of days from history`);
  for (const [asset, carried] of Object.entries(r.priceCoverage.carriedDays)) {
    lines.push(`  ${asset}: ${carried.length} missing day(s) carried from the previous close`);
  }
  if (r.priceCoverage.constantPrice.length > 0) {
    lines.push(
      `  held at the strategy's constant price (no history): ${r.priceCoverage.constantPrice.join(', ')}`,
    );
  }
  const notable = r.events.filter((e) => e.type !== 'harvest');
  const harvests = r.events.length - notable.length;
  if (notable.length > 0 || harvests > 0) lines.push('  events:');
  for (const e of notable.slice(0, 50)) lines.push(`    ${describeEvent(e)}`);
  if (notable.length > 50) lines.push(`    … ${notable.length - 50} more (see --json)`);
  if (harvests > 0) lines.push(`    ${harvests} harvest(s)`);
  for (const w of r.warnings) lines.push(`  warning ${formatIssue(w)}`);
  return lines.join('\n');
}

import type { ReportPayload } from '../../contract/report';
import { csvCell } from '../csv-cell';
import { DAILY_SERIES_FIGURES } from '../../backtest/types';

/**
 * The files written beside a report: the strategy as its JSON file, and the series behind the
 * report's tables and charts as CSV. Every cell goes through `csvCell` (RFC 4180 quoting and
 * formula-injection neutralising). The prices a backtest read are written in the price importer's
 * plain layout (`date,close`), so they import back as they were.
 */
export interface ExportFile {
  fileName: string;
  mimeType: 'text/csv' | 'application/json';
  text: string;
}

type Cell = string | number | null | undefined;
const csv = (header: string[], rows: Cell[][]) =>
  [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

export function reportExports(payload: ReportPayload, stem: string): ExportFile[] {
  const files: ExportFile[] = [
    {
      fileName: `${stem}.strategy.json`,
      mimeType: 'application/json',
      text: JSON.stringify(payload.strategy.document, null, 2) + '\n',
    },
  ];
  const add = (suffix: string, text: string) =>
    files.push({ fileName: `${stem}-${suffix}.csv`, mimeType: 'text/csv', text });

  if (payload.scenarios.status === 'included') {
    add(
      'scenarios',
      csv(
        [
          'id',
          'title',
          'from',
          'to',
          'status',
          'start_equity_usd',
          'end_equity_usd',
          'total_return',
          'peak_to_trough_loss',
          'min_health_factor',
          'min_health_factor_date',
          'liquidated',
          'first_liquidation_date',
          'liquidation_count',
          'collateral_seized_usd',
          'hold_total_return',
          'note',
        ],
        payload.scenarios.rows.map((r) =>
          r.status === 'ok'
            ? [
                r.id,
                r.title,
                r.from,
                r.to,
                r.status,
                r.strategy.startEquityUsd,
                r.strategy.endEquityUsd,
                r.strategy.totalReturn,
                r.strategy.peakToTroughLoss,
                r.strategy.minHealthFactor,
                r.strategy.minHealthFactorDate,
                r.strategy.liquidated ? 'yes' : 'no',
                r.strategy.firstLiquidationDate,
                r.strategy.liquidationCount,
                r.strategy.collateralSeizedUsd,
                r.hold.totalReturn,
                '',
              ]
            : [
                r.id,
                r.title,
                r.from,
                r.to,
                r.status,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                r.errors.map((e) => e.message).join('; '),
              ],
        ),
      ),
    );
  }

  if (payload.backtest.status === 'included') {
    const s = payload.backtest.result.series;
    const columns = DAILY_SERIES_FIGURES;
    add(
      'backtest',
      csv(
        ['date', ...columns.map(snake)],
        s.date.map((date, i) => [date, ...columns.map((c) => s[c][i])]),
      ),
    );
    add(
      'backtest-events',
      csv(
        ['date', 'type', 'market_or_step', 'detail', 'health_factor_before', 'health_factor_after'],
        payload.backtest.result.events.map((e) => {
          switch (e.type) {
            case 'liquidation':
              return [
                e.date,
                e.type,
                e.marketId,
                `repaid ${e.debtRepaid} ${e.debtAsset}, seized ${e.collateralSeized} ${e.collateralAsset}`,
                e.healthFactorBefore,
                e.healthFactorAfter,
              ];
            case 'deleverage':
            case 'releverage':
              return [
                e.date,
                e.type,
                e.marketId,
                `${e.collateralAmount} ${e.collateralAsset} / ${e.debtAmount} ${e.debtAsset}`,
                e.healthFactorBefore,
                e.healthFactorAfter,
              ];
            case 'harvest':
              return [
                e.date,
                e.type,
                e.stepId,
                `${e.rewardsUsd} USD of rewards into ${e.proceeds} ${e.sellInto}`,
                null,
                null,
              ];
            case 'perp-liquidation':
              return [
                e.date,
                e.type,
                e.stepId,
                `${e.side} ${e.asset} at ${e.price}, margin lost ${e.marginLostUsd} USD`,
                null,
                null,
              ];
          }
        }),
      ),
    );
    for (const p of payload.backtest.prices) {
      add(
        `prices-${p.symbol.toLowerCase()}`,
        csv(
          ['date', 'close'],
          p.date.map((d, i) => [d, p.close[i]]),
        ),
      );
    }
  }

  if (payload.monteCarlo.status === 'included') {
    const r = payload.monteCarlo.result;
    const levels = Object.keys(r.fan).filter((k) => k !== 'days');
    add(
      'monte-carlo',
      csv(
        ['day', ...levels.map((l) => `equity_${l}`), 'liquidated_share'],
        r.fan.days.map((day, i) => [
          day,
          ...levels.map((l) => r.fan[l]![i]),
          r.liquidation.cumulativeByDay[day] ?? null,
        ]),
      ),
    );
    add(
      'monte-carlo-histogram',
      csv(
        ['terminal_equity_from_usd', 'terminal_equity_to_usd', 'paths'],
        r.histogram.counts.map((c, i) => [r.histogram.edges[i], r.histogram.edges[i + 1], c]),
      ),
    );
  }
  return files;
}

const snake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

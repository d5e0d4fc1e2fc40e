import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Database } from 'better-sqlite3';
import { csvRow } from '../csv-cell';
import { createPriceRepository } from './price-repository';
import { formatUtc } from './time';
import type { StoredPriceRow } from './types';

export type PriceExportFormat = 'csv' | 'json';

export interface PriceExportInput {
  symbol: string;
  fromTs?: number;
  toTs?: number;
  format: PriceExportFormat;
}

/**
 * CSV header of exports. It is the importer's plain layout (date + close, optional open/high/low/volume), so an
 * export re-imports unchanged; unknown values are empty cells.
 */
export const EXPORT_CSV_HEADER = 'date,open,high,low,close,volume,source';

/** Exports one asset's stored prices in a time range as CSV or JSON text. */
export function exportPrices(db: Database, input: PriceExportInput): string {
  const rows = createPriceRepository(db).getPriceRows(input);
  if (input.format === 'json') return toJson(input.symbol, rows);
  return [EXPORT_CSV_HEADER, ...rows.map(csvLine)].join('\n') + '\n';
}

/** Same as exportPrices, written to a file row by row (no whole-file string for large histories). */
export async function exportPricesToFile(
  db: Database,
  input: PriceExportInput & { filePath: string },
): Promise<{ rows: number }> {
  const rows = createPriceRepository(db).getPriceRows(input);
  const out = createWriteStream(input.filePath, { encoding: 'utf8' });
  if (input.format === 'json') {
    out.write(toJson(input.symbol, rows));
  } else {
    out.write(EXPORT_CSV_HEADER + '\n');
    for (const row of rows) {
      if (!out.write(csvLine(row) + '\n')) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return { rows: rows.length };
}

/** Every cell through csvCell: a stored `source` such as `=HYPERLINK(…)` is neutralised. */
function csvLine(r: StoredPriceRow): string {
  return csvRow([formatUtc(r.ts), r.open, r.high, r.low, r.close, r.volume, r.source]);
}

function toJson(symbol: string, rows: StoredPriceRow[]): string {
  return JSON.stringify({
    symbol: symbol.toUpperCase(),
    rows: rows.map((r) => ({ date: formatUtc(r.ts), ...r })),
  });
}

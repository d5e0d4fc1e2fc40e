import type { Database } from 'better-sqlite3';
import { DataError, type RowIssue } from './errors';
import { firstRows, parsePriceCsv, type ParsedPriceCsv } from './parse-price-csv';
import type { PriceCsvFormat } from './price-csv-formats';
import { createPriceRepository } from './price-repository';
import type { PriceRow } from './types';

export interface PriceCsvPreview {
  format: PriceCsvFormat;
  /** Non-blank rows after the header. */
  dataRows: number;
  validRows: number;
  /** First valid rows, as they would be stored. */
  rows: PriceRow[];
  /** Yahoo `null` rows, skipped on import (the first 1,000; `nullRowCount` is the total). */
  nullRows: RowIssue[];
  nullRowCount: number;
  /** Unreadable rows (capped list; `errorCount` is the total). Any of them refuses the import unless skipInvalid. */
  errors: RowIssue[];
  errorCount: number;
  firstTs: number | null;
  lastTs: number | null;
}

export interface PriceImportResult {
  format: PriceCsvFormat;
  symbol: string;
  imported: number;
  /** Lines not imported: Yahoo null rows, and unreadable rows when skipInvalid was set. */
  skipped: RowIssue[];
  /** Total skipped lines (the list above holds at most 1,000 null rows and 1,000 unreadable rows). */
  skippedCount: number;
  firstTs: number | null;
  lastTs: number | null;
}

/** Reads a price file (in the app: on a compute worker, see services/compute). */
export type PriceCsvParser = (input: { filePath: string }) => Promise<ParsedPriceCsv>;

/** Rows per write transaction: ~50 ms each, so autosave and other calls get through between them. */
export const IMPORT_CHUNK_ROWS = 20_000;

/** Reads the whole file and says what an import would do, without touching the database. */
export async function previewPriceCsv(
  input: { filePath: string; previewRows?: number },
  parse: PriceCsvParser = parsePriceCsv,
): Promise<PriceCsvPreview> {
  const parsed = await parse({ filePath: input.filePath });
  return {
    format: parsed.format,
    dataRows: parsed.dataRows,
    validRows: parsed.columns.length,
    rows: firstRows(parsed.columns, input.previewRows ?? 20),
    nullRows: parsed.nullRows,
    nullRowCount: parsed.nullRowCount,
    errors: parsed.errors,
    errorCount: parsed.errorCount,
    firstTs: parsed.firstTs,
    lastTs: parsed.lastTs,
  };
}

/**
 * Imports a price CSV for one existing asset. The file is read and checked whole first (refused whole
 * for bad rows), then written in chunks of IMPORT_CHUNK_ROWS rows, each its own transaction, with the
 * event loop free between them: a large file never holds up autosave. Only a crash or a full disk
 * mid-write can leave part of a file stored; importing it again completes it (rows are upserted).
 * Yahoo `null` rows are skipped and reported by line. Any other unreadable row refuses the whole file
 * (`ROW_ERRORS`, with the lines) unless `skipInvalid` is set, in which case those rows are skipped and reported.
 * Re-importing the same file changes nothing (rows are upserted on asset + time).
 */
export async function importPriceCsv(
  db: Database,
  input: { filePath: string; symbol: string; source?: string; skipInvalid?: boolean },
  parse: PriceCsvParser = parsePriceCsv,
): Promise<PriceImportResult> {
  const repo = createPriceRepository(db);
  const asset = repo.requireAsset(input.symbol);
  const parsed = await parse({ filePath: input.filePath });
  if (parsed.errorCount > 0 && !input.skipInvalid) {
    const first = parsed.errors[0] as RowIssue;
    throw new DataError(
      'ROW_ERRORS',
      `${parsed.errorCount} row(s) could not be read, first at line ${first.line}: ${first.message}`,
      parsed.errors,
      parsed.errorCount,
    );
  }
  if (parsed.columns.length === 0) throw new DataError('NO_ROWS', 'the file has no price rows');
  const source = input.source ?? `csv:${parsed.format}`;
  const write = db.transaction((start: number) => {
    const columns = parsed.columns.slice(start, start + IMPORT_CHUNK_ROWS);
    repo.writeColumns({ assetId: asset.id, columns, source });
  });
  for (let start = 0; start < parsed.columns.length; start += IMPORT_CHUNK_ROWS) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    write(start);
  }
  return {
    format: parsed.format,
    symbol: asset.symbol,
    imported: parsed.columns.length,
    skipped: [...parsed.nullRows, ...parsed.errors].sort((a, b) => a.line - b.line),
    skippedCount: parsed.nullRowCount + parsed.errorCount,
    firstTs: parsed.firstTs,
    lastTs: parsed.lastTs,
  };
}

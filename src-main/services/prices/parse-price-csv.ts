import { streamCsvRows } from './csv-stream';
import { DataError, IssueList, MAX_LISTED_ISSUES, type RowIssue } from './errors';
import { PriceColumns } from './price-columns';
import {
  detectPriceCsvFormat,
  type PriceCsvFormat,
  type PriceCsvReader,
  type RowDraft,
} from './price-csv-formats';
import type { PriceRow } from './types';

export interface ParsedPriceCsv {
  format: PriceCsvFormat;
  /** Valid rows in file order. */
  columns: PriceColumns;
  /** Rows that were not blank and not the header. */
  dataRows: number;
  /** Yahoo `null` rows: never values, always skipped, reported by line (the first 1,000). */
  nullRows: RowIssue[];
  /** All Yahoo `null` rows. */
  nullRowCount: number;
  /** Rows that could not be read (bad number, bad date, duplicate time, …), up to `maxIssues`. */
  errors: RowIssue[];
  errorCount: number;
  firstTs: number | null;
  lastTs: number | null;
}

/**
 * Rows one import may hold: 1,000,000 rows are ~48 MB of columns (2.7 years of minute candles,
 * a century of hourly ones). A bigger file is refused as soon as its row 1,000,001 is read, so
 * memory stays bounded whatever the file's size.
 */
export const MAX_PRICE_ROWS = 1_000_000;

/**
 * Streams a price CSV, detects its layout from the first line and reads every row into columns. Nothing
 * touches the database here: preview and import both start from this result.
 */
export async function parsePriceCsv(input: {
  filePath: string;
  maxIssues?: number;
  maxRows?: number;
}): Promise<ParsedPriceCsv> {
  const maxIssues = input.maxIssues ?? MAX_LISTED_ISSUES;
  const maxRows = input.maxRows ?? MAX_PRICE_ROWS;
  const columns = new PriceColumns();
  const nullRows = new IssueList(maxIssues);
  const errors: RowIssue[] = [];
  let seen: Set<number> | null = null;
  const draft: RowDraft = { ts: 0, open: null, high: null, low: null, close: 0, volume: null };
  let reader: PriceCsvReader | null = null;
  let dataRows = 0;
  let errorCount = 0;
  let firstTs: number | null = null;
  let lastTs: number | null = null;

  const addError = (issue: RowIssue) => {
    errorCount++;
    if (errors.length < maxIssues) errors.push(issue);
  };

  await streamCsvRows({
    filePath: input.filePath,
    onBatch: ({ rows, firstLine }) => {
      for (let i = 0; i < rows.length; i++) {
        const cells = rows[i] as string[];
        const line = firstLine + i;
        if (reader === null) {
          if (cells.length === 1 && cells[0]?.trim() === '') continue;
          reader = detectPriceCsvFormat(cells);
          if (reader === null) {
            throw new DataError(
              'UNKNOWN_FORMAT',
              `line ${line}: not a known price layout (date,close; Yahoo; CoinGecko; Binance klines)`,
              [{ line, code: 'UNKNOWN_FORMAT', message: `first line "${cells.join(',')}"` }],
            );
          }
          if (reader.hasHeader) continue;
        }
        const result = reader.readRow(cells, draft);
        if (result === 'blank') continue;
        dataRows++;
        if (result !== 'ok') {
          if (result.code === 'NULL_ROW') nullRows.push({ line, ...result });
          else addError({ line, ...result });
          continue;
        }
        // Files are almost always in time order, where a later row cannot repeat an earlier time; the set of
        // seen times is only built once a row goes back in time.
        if (lastTs !== null && draft.ts <= lastTs) {
          seen ??= new Set(columns.ts.subarray(0, columns.length));
          if (seen.has(draft.ts)) {
            addError({ line, code: 'DUPLICATE_TIME', message: `time ${draft.ts} appears twice` });
            continue;
          }
        }
        seen?.add(draft.ts);
        if (columns.length >= maxRows) {
          throw new DataError(
            'TOO_MANY_ROWS',
            `the file has more than ${maxRows.toLocaleString('en-US')} price rows; split it into smaller files`,
            [{ line, code: 'TOO_MANY_ROWS', message: `row limit ${maxRows} reached` }],
          );
        }
        columns.push(draft);
        if (firstTs === null || draft.ts < firstTs) firstTs = draft.ts;
        if (lastTs === null || draft.ts > lastTs) lastTs = draft.ts;
      }
    },
  });

  const detected = reader as PriceCsvReader | null;
  if (detected === null) throw new DataError('EMPTY_FILE', 'the file has no rows');
  return {
    format: detected.format,
    columns,
    dataRows,
    nullRows: nullRows.items,
    nullRowCount: nullRows.count,
    errors,
    errorCount,
    firstTs,
    lastTs,
  };
}

export function firstRows(columns: PriceColumns, count: number): PriceRow[] {
  const rows: PriceRow[] = [];
  for (let i = 0; i < Math.min(count, columns.length); i++) rows.push(columns.row(i));
  return rows;
}

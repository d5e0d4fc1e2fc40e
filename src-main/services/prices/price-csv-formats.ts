import { dateRangeProblem, parseUtcInstant } from './time';

export const PRICE_CSV_FORMATS = ['date-close', 'yahoo', 'coingecko', 'binance-klines'] as const;
export type PriceCsvFormat = (typeof PRICE_CSV_FORMATS)[number];

/** Mutable row a reader fills, reused across rows so a million-row file allocates no row objects. */
export interface RowDraft {
  ts: number;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number;
  volume: number | null;
}

export interface RowProblem {
  code:
    | 'NULL_ROW'
    | 'BAD_TIMESTAMP'
    | 'BAD_NUMBER'
    | 'MISSING_CLOSE'
    | 'COLUMN_COUNT'
    | 'DATE_OUT_OF_RANGE';
  message: string;
}

/** `ok`: `draft` holds the row; `blank`: an empty line, ignored; otherwise why the row was not read. */
export type RowResult = 'ok' | 'blank' | RowProblem;

export interface PriceCsvReader {
  format: PriceCsvFormat;
  /** Whether the first line is a header (Binance klines dumps usually have none). */
  hasHeader: boolean;
  readRow: (cells: string[], draft: RowDraft) => RowResult;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const KLINE_OPEN_TIME = /^\d{13}$|^\d{16}$/;

/**
 * Picks the layout from the first line:
 * - Yahoo Finance export: header with `Date`, `Close` and `Adj Close`;
 * - CoinGecko export: header with `snapped_at` and `price`;
 * - Binance klines: no header and a 13-digit (ms) or 16-digit (µs) open time first, or a header starting
 *   `open_time`;
 * - plain: header with `date` and `close` (and optionally `open`, `high`, `low`, `volume`).
 * Header names are matched case-insensitively. Returns null for anything else.
 */
export function detectPriceCsvFormat(firstRow: readonly string[]): PriceCsvReader | null {
  const first = (firstRow[0] ?? '').trim();
  if (KLINE_OPEN_TIME.test(first) && firstRow.length >= 6) return klinesReader(false);
  const names = firstRow.map((c) => c.trim().toLowerCase());
  const col = (name: string) => names.indexOf(name);
  if (names[0] === 'open_time' && col('close') > 0) return klinesReader(true);
  if (col('snapped_at') >= 0 && col('price') >= 0) {
    return namedReader('coingecko', {
      ts: col('snapped_at'),
      close: col('price'),
      volume: col('total_volume'),
      open: -1,
      high: -1,
      low: -1,
    });
  }
  const columns = {
    ts: col('date'),
    close: col('close'),
    open: col('open'),
    high: col('high'),
    low: col('low'),
    volume: col('volume'),
  };
  if (columns.ts < 0 || columns.close < 0) return null;
  return namedReader(col('adj close') >= 0 ? 'yahoo' : 'date-close', columns);
}

interface ColumnIndex {
  ts: number;
  close: number;
  open: number;
  high: number;
  low: number;
  volume: number;
}

function namedReader(format: PriceCsvFormat, at: ColumnIndex): PriceCsvReader {
  const needed = Math.max(at.ts, at.close, at.open, at.high, at.low, at.volume) + 1;
  // Yahoo writes a missing day as a row of `null`; nowhere else is `null` a value.
  const nullWord = format === 'yahoo' ? 'null' : undefined;
  return {
    format,
    hasHeader: true,
    readRow: (cells, draft) => {
      if (cells.length === 1 && cells[0]?.trim() === '') return 'blank';
      if (cells.length < needed) return columnCount(needed, cells.length);
      const closeText = cells[at.close] as string;
      if (nullWord !== undefined && closeText === nullWord) {
        return { code: 'NULL_ROW', message: 'row of nulls (no data that day)' };
      }
      const ts = parseUtcInstant((cells[at.ts] as string).trim());
      if (ts === null) return { code: 'BAD_TIMESTAMP', message: `bad date "${cells[at.ts]}"` };
      const outOfRange = dateRangeProblem(ts);
      if (outOfRange) return outOfRange;
      const close = readNumber(closeText, 'close', nullWord);
      if (typeof close !== 'number') return close ?? missingClose();
      const open = readOptional(cells, at.open, 'open', nullWord);
      if (typeof open === 'object' && open !== null) return open;
      const high = readOptional(cells, at.high, 'high', nullWord);
      if (typeof high === 'object' && high !== null) return high;
      const low = readOptional(cells, at.low, 'low', nullWord);
      if (typeof low === 'object' && low !== null) return low;
      const volume = readOptional(cells, at.volume, 'volume', nullWord);
      if (typeof volume === 'object' && volume !== null) return volume;
      draft.ts = ts;
      draft.close = close;
      draft.open = open;
      draft.high = high;
      draft.low = low;
      draft.volume = volume;
      return 'ok';
    },
  };
}

/** Binance klines: open time, open, high, low, close, volume, close time, …; times in ms or (2025+) µs. */
function klinesReader(hasHeader: boolean): PriceCsvReader {
  return {
    format: 'binance-klines',
    hasHeader,
    readRow: (cells, draft) => {
      if (cells.length === 1 && cells[0]?.trim() === '') return 'blank';
      if (cells.length < 6) return columnCount(6, cells.length);
      const openTime = cells[0] as string;
      if (!KLINE_OPEN_TIME.test(openTime)) {
        return { code: 'BAD_TIMESTAMP', message: `bad open time "${openTime}"` };
      }
      // 13 digits are milliseconds, 16 are microseconds (newer spot dumps); stored as whole seconds.
      const ts = Math.floor(Number(openTime) / (openTime.length === 16 ? 1e6 : 1e3));
      const outOfRange = dateRangeProblem(ts);
      if (outOfRange) return outOfRange;
      const close = readNumber(cells[4] as string, 'close');
      if (typeof close !== 'number') return close ?? missingClose();
      const open = readNumber(cells[1] as string, 'open');
      if (typeof open === 'object' && open !== null) return open;
      const high = readNumber(cells[2] as string, 'high');
      if (typeof high === 'object' && high !== null) return high;
      const low = readNumber(cells[3] as string, 'low');
      if (typeof low === 'object' && low !== null) return low;
      const volume = readNumber(cells[5] as string, 'volume', undefined, true);
      if (typeof volume === 'object' && volume !== null) return volume;
      draft.ts = ts;
      draft.close = close;
      draft.open = open;
      draft.high = high;
      draft.low = low;
      draft.volume = volume;
      return 'ok';
    },
  };
}

function readOptional(
  cells: string[],
  index: number,
  field: string,
  nullWord: string | undefined,
): number | null | RowProblem {
  return index < 0 ? null : readNumber(cells[index] as string, field, nullWord, field === 'volume');
}

/**
 * A cell → a number; empty (or the format's null word) → null; anything else → a problem. Prices must be
 * positive, a volume may be zero.
 */
function readNumber(
  text: string,
  field: string,
  nullWord?: string,
  zeroAllowed = false,
): number | null | RowProblem {
  if (text === '' || text === nullWord) return null;
  const value = isPlainDecimal(text) ? Number(text) : readTrimmed(text);
  if (value === null) return null;
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed)) {
    return { code: 'BAD_NUMBER', message: `bad ${field} "${text}"` };
  }
  return value;
}

/** Fast path for the common cell: digits with at most one dot (no sign, exponent, spaces). */
function isPlainDecimal(text: string): boolean {
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) dots++;
    else if (c < 48 || c > 57) return false;
  }
  return dots <= 1 && text.length > dots;
}

function readTrimmed(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function missingClose(): RowProblem {
  return { code: 'MISSING_CLOSE', message: 'close is empty' };
}

function columnCount(expected: number, found: number): RowProblem {
  return { code: 'COLUMN_COUNT', message: `expected at least ${expected} columns, found ${found}` };
}

import { basename } from 'node:path';
import { streamCsvRows } from '../prices/csv-stream';
import { DataError, IssueList, type RowIssue } from '../prices/errors';
import { dateRangeProblem, parseIsoDay, parseUtcInstant, utcDayStart } from '../prices/time';
import type { RateSeriesData, RateSeriesKey } from './types';

export const RATE_FILE_LAYOUTS = ['daily-fractions', 'sub-daily-percent'] as const;
export type RateFileLayout = (typeof RATE_FILE_LAYOUTS)[number];

export interface ParsedRateFile {
  layout: RateFileLayout;
  series: RateSeriesData[];
  /** A trailing text line from the data provider that was skipped. */
  footer: { line: number; text: string } | null;
}

/**
 * The daily multi-column layout (`date,n_samples,comp_v2_supply_apr,…`): annual fractions, an empty cell means
 * no value that day; Aave v2 utilization rides along on both Aave v2 series.
 */
const DAILY_COLUMNS: readonly { column: string; protocol: string; side: RateSeriesKey['side'] }[] =
  [
    { column: 'comp_v2_supply_apr', protocol: 'compound-v2', side: 'supply' },
    { column: 'comp_v2_borrow_apr', protocol: 'compound-v2', side: 'variable-borrow' },
    { column: 'aave_v2_supply_apr', protocol: 'aave-v2', side: 'supply' },
    { column: 'aave_v2_var_borrow_apr', protocol: 'aave-v2', side: 'variable-borrow' },
    { column: 'aave_v1_supply_apr', protocol: 'aave-v1', side: 'supply' },
    { column: 'aave_v1_var_borrow_apr', protocol: 'aave-v1', side: 'variable-borrow' },
  ];
const UTILIZATION_COLUMN = { column: 'aave_v2_utilization', protocol: 'aave-v2' };

/** Sub-daily layout (Aavescan): `timestamp` (ms), `date` (ISO), then `<ASSET> supply rate` / `<ASSET> borrow rate` in percent. */
const SUPPLY_HEADER = /^(\w+) supply rate$/i;
const BORROW_HEADER = /^(\w+) borrow rate$/i;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const MS_TIMESTAMP = /^\d{13}$/;

type RowReader = (cells: string[], line: number) => void;

/**
 * Reads a lending-rate file of either supported layout into daily series. Any bad row (non-numeric rate, wrong
 * column count, bad date, a text line that is not the last line) refuses the whole file: DataError
 * `RATE_FILE_INVALID` listing the lines. Sub-daily readings become the arithmetic mean of the readings in each
 * UTC day.
 *
 * `asset` names the asset of the daily layout (its columns do not say; default `USDC`, as in the bundled file);
 * `chain` names the chain of the sub-daily layout (default: from a file name like `aave-v3-<chain>-…`).
 */
export async function parseRateFile(input: {
  filePath: string;
  asset?: string;
  chain?: string;
}): Promise<ParsedRateFile> {
  const issues = new IssueList();
  let layout: RateFileLayout | null = null;
  let readRow: RowReader | null = null;
  let finish: () => RateSeriesData[] = () => [];
  let footer: { line: number; text: string } | null = null;

  await streamCsvRows({
    filePath: input.filePath,
    onBatch: ({ rows, firstLine }) => {
      rows.forEach((cells, i) => {
        const line = firstLine + i;
        if (cells.every((c) => c.trim() === '')) return;
        if (readRow === null) {
          const names = cells.map((c) => c.trim().toLowerCase());
          if (names[0] === 'date' && names.includes('n_samples')) {
            layout = 'daily-fractions';
            ({ readRow, finish } = dailyFractions(names, input.asset ?? 'USDC', issues));
          } else if (names[0] === 'timestamp' && names[1] === 'date') {
            layout = 'sub-daily-percent';
            ({ readRow, finish } = subDailyPercent(names, chainOf(input), issues));
          } else {
            throw new DataError('UNKNOWN_FORMAT', `line ${line}: not a known rate file layout`);
          }
          return;
        }
        // A provider's text note may close the file; anything after it means it was not a footer.
        if (footer !== null) {
          issues.push({
            line: footer.line,
            code: 'BAD_ROW',
            message: `text line "${footer.text}"`,
          });
          footer = null;
        }
        const text = cells[0]?.trim() ?? '';
        if (!/^\d/.test(text) && cells.slice(1).every((c) => c.trim() === '')) {
          footer = { line, text };
          return;
        }
        readRow(cells, line);
      });
    },
  });

  if (layout === null) throw new DataError('EMPTY_FILE', 'the rate file has no rows');
  if (issues.count > 0) {
    const first = issues.items[0] as RowIssue;
    throw new DataError(
      'RATE_FILE_INVALID',
      `rate file refused: ${issues.count} problem(s), first at line ${first.line}: ${first.message}`,
      issues.items,
      issues.count,
    );
  }
  return { layout, series: finish(), footer };
}

function dailyFractions(names: string[], asset: string, issues: IssueList) {
  const at = (column: string) => {
    const index = names.indexOf(column);
    if (index < 0) throw new DataError('MISSING_COLUMN', `line 1: missing column "${column}"`);
    return index;
  };
  const dateAt = at('date');
  const samplesAt = at('n_samples');
  const utilizationAt = at(UTILIZATION_COLUMN.column);
  const columns = DAILY_COLUMNS.map((c) => {
    const data: RateSeriesData = {
      key: { protocol: c.protocol, chain: 'ethereum', asset: asset.toUpperCase(), side: c.side },
      rows: [],
    };
    return { ...c, index: at(c.column), data };
  });

  const seenDays = new Set<number>();
  const readRow: RowReader = (cells, line) => {
    if (cells.length !== names.length) {
      issues.push(columnCount(line, names.length, cells.length));
      return;
    }
    const ts = parseIsoDay((cells[dateAt] as string).trim());
    if (ts === null) {
      issues.push({ line, code: 'BAD_DATE', message: `bad date "${cells[dateAt]}"` });
      return;
    }
    const outOfRange = dateRangeProblem(ts);
    if (outOfRange) return void issues.push({ line, ...outOfRange });
    if (seenDays.has(ts)) {
      issues.push({
        line,
        code: 'DUPLICATE_DATE',
        message: `date "${cells[dateAt]}" appears twice`,
      });
      return;
    }
    seenDays.add(ts);
    // n_samples may be empty (unknown); when present it is a positive count.
    const samplesText = (cells[samplesAt] as string).trim();
    const nSamples = samplesText === '' ? null : Number(samplesText);
    if (nSamples !== null && !(/^\d+$/.test(samplesText) && nSamples > 0)) {
      issues.push({ line, code: 'BAD_NUMBER', message: `bad n_samples "${samplesText}"` });
      return;
    }
    const utilization = readCell(cells, utilizationAt, names, line, issues);
    for (const c of columns) {
      const rate = readCell(cells, c.index, names, line, issues);
      if (rate === null) continue;
      c.data.rows.push({
        ts,
        rate,
        utilization: c.protocol === UTILIZATION_COLUMN.protocol ? utilization : null,
        nSamples,
      });
    }
  };
  return { readRow, finish: () => columns.map((c) => c.data).filter((s) => s.rows.length > 0) };
}

function subDailyPercent(names: string[], chain: string, issues: IssueList) {
  const columns = names.flatMap((name, index) => {
    const supply = SUPPLY_HEADER.exec(name);
    const borrow = BORROW_HEADER.exec(name);
    const match = supply ?? borrow;
    if (!match) return [];
    const key: RateSeriesKey = {
      protocol: 'aave-v3',
      chain,
      asset: (match[1] as string).toUpperCase(),
      side: supply ? 'supply' : 'variable-borrow',
    };
    return [{ index, key, days: new Map<number, { sum: number; n: number }>() }];
  });
  if (columns.length === 0) {
    throw new DataError(
      'MISSING_COLUMN',
      'line 1: no "<asset> supply rate" or "<asset> borrow rate" column',
    );
  }

  const readRow: RowReader = (cells, line) => {
    if (cells.length !== names.length) {
      issues.push(columnCount(line, names.length, cells.length));
      return;
    }
    const msText = (cells[0] as string).trim();
    const isoTs = parseUtcInstant((cells[1] as string).trim());
    if (!MS_TIMESTAMP.test(msText) || isoTs !== Math.floor(Number(msText) / 1000)) {
      issues.push({
        line,
        code: 'BAD_DATE',
        message: `timestamp "${msText}" and date "${cells[1]}" do not name the same instant`,
      });
      return;
    }
    const outOfRange = dateRangeProblem(isoTs);
    if (outOfRange) return void issues.push({ line, ...outOfRange });
    const day = utcDayStart(isoTs);
    for (const c of columns) {
      const percent = readCell(cells, c.index, names, line, issues);
      if (percent === null) continue;
      const acc = c.days.get(day) ?? { sum: 0, n: 0 };
      acc.sum += percent / 100;
      acc.n++;
      c.days.set(day, acc);
    }
  };

  // Daily mean: arithmetic mean of the readings whose timestamp falls in the UTC day.
  const finish = () =>
    columns.map((c): RateSeriesData => ({
      key: c.key,
      rows: [...c.days.entries()]
        .sort(([a], [b]) => a - b)
        .map(([ts, { sum, n }]) => ({ ts, rate: sum / n, utilization: null, nSamples: n })),
    }));
  return { readRow, finish };
}

/** A numeric cell → number, empty → null; anything else is recorded as an issue (and read as null). */
function readCell(
  cells: string[],
  index: number,
  names: string[],
  line: number,
  issues: IssueList,
): number | null {
  const text = (cells[index] as string).trim();
  if (text === '') return null;
  const value = NUMBER.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value) || value < 0) {
    issues.push({ line, code: 'BAD_NUMBER', message: `bad ${names[index]} "${text}"` });
    return null;
  }
  return value;
}

function columnCount(line: number, expected: number, found: number): RowIssue {
  return { line, code: 'COLUMN_COUNT', message: `expected ${expected} columns, found ${found}` };
}

function chainOf(input: { filePath: string; chain?: string }): string {
  if (input.chain) return input.chain;
  const fromName = /^aave-v3-([a-z0-9]+)-/i.exec(basename(input.filePath));
  if (!fromName) {
    throw new DataError('CHAIN_REQUIRED', 'say which chain this Aave v3 file is for (chain)');
  }
  return (fromName[1] as string).toLowerCase();
}

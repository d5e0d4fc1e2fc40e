import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Strategy, type StrategyInput } from '../../src-main/engine/format/schema';
import { dayFromIso } from '../../src-main/backtest/calendar';
import { Decimal } from '../../src-main/engine/decimal';
import { parseStrategy } from '../../src-main/engine/format/parse';
import type {
  BacktestReport,
  BacktestResult,
  DailyCloses,
  PriceHistory,
} from '../../src-main/backtest/types';

/**
 * Test helpers: the bundled CSVs in resources/data (shipped with the app; sources in their README)
 * read directly, so these tests do not depend on the price store.
 */
const DATA = fileURLToPath(new URL('../../resources/data/', import.meta.url));

export interface YahooRows {
  date: string[];
  close: number[];
  low: number[];
}

const cache = new Map<string, YahooRows>();

/** `resources/data/prices/<SYMBOL>-USD.csv` (Date,Open,High,Low,Close,Adj Close,Volume). */
export function readYahoo(symbol: string): YahooRows {
  const hit = cache.get(symbol);
  if (hit) return hit;
  const text = readFileSync(`${DATA}prices/${symbol}-USD.csv`, 'utf8');
  const rows: YahooRows = { date: [], close: [], low: [] };
  for (const line of text.trim().split('\n').slice(1)) {
    const cells = line.split(',');
    rows.date.push(cells[0] as string);
    rows.low.push(Number(cells[3]));
    rows.close.push(Number(cells[4]));
  }
  cache.set(symbol, rows);
  return rows;
}

/** A shipped example (`resources/examples/<file>`), parsed with defaults applied. */
export function bundledExample(file: string): Strategy {
  const text = readFileSync(
    fileURLToPath(new URL(`../../resources/examples/${file}`, import.meta.url)),
    'utf8',
  );
  const parsed = parseStrategy(JSON.parse(text) as unknown);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.strategy;
}

export function bundledCloses(symbol: string): DailyCloses {
  const rows = readYahoo(symbol);
  return { ts: rows.date.map((d) => dayFromIso(d) as number), close: rows.close };
}

export function bundledHistory(...symbols: string[]): PriceHistory {
  return Object.fromEntries(symbols.map((s) => [s, bundledCloses(s)]));
}

/** Close of `symbol` on `date` from the bundled file (throws when the day is absent). */
export function closeOn(symbol: string, date: string): number {
  const rows = readYahoo(symbol);
  const i = rows.date.indexOf(date);
  if (i < 0) throw new Error(`${symbol} has no close on ${date}`);
  return rows.close[i] as number;
}

/** Consecutive days from `from` with the given closes (a synthetic price path). */
export function path(from: string, closes: readonly number[]): DailyCloses {
  const start = dayFromIso(from) as number;
  return { ts: closes.map((_, i) => start + i * 86_400), close: [...closes] };
}

/** `n` days of a constant close from 2024-01-01, where the synthetic replays start. */
export function flat(n: number, value = 1): DailyCloses {
  return path('2024-01-01', new Array<number>(n).fill(value));
}

/** The report of a replay that must succeed (the errors in the failure message otherwise). */
export function ok(result: BacktestResult): BacktestReport {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

/** Days from `from` to `to` inclusive, as YYYY-MM-DD. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = dayFromIso(from) as number; t <= (dayFromIso(to) as number); t += 86_400) {
    out.push(new Date(t * 1000).toISOString().slice(0, 10));
  }
  return out;
}

/** The USDC rate file's column as {date → apr} (empty cells left out). */
export function usdcRateColumn(column: string): Map<string, number> {
  const text = readFileSync(`${DATA}rates/USDC-lending-rates-daily-2020-2022.csv`, 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  const index = (header as string).split(',').indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  const out = new Map<string, number>();
  for (const line of lines) {
    const cells = line.split(',');
    const cell = cells[index] ?? '';
    if (cell.trim() !== '') out.set(cells[0] as string, Number(cell));
  }
  return out;
}

/** A strategy document with defaults applied (what `parseStrategy` returns). */
export function strategy(
  input: Omit<StrategyInput, 'format' | 'version' | 'horizonDays' | 'name'> & { name?: string },
): Strategy {
  return Strategy.parse({
    format: 'yieldplan.strategy',
    version: 2,
    horizonDays: 365,
    name: 'test',
    ...input,
  });
}

/** A lending asset with fixed rates. */
export function lendingAsset(p: {
  ltv: string;
  lt: string;
  bonus: string;
  supplyApr?: string;
  borrowApr?: string;
  oracle?: 'market' | 'exchange-rate';
}) {
  return {
    ltv: p.ltv,
    liquidationThreshold: p.lt,
    liquidationBonus: p.bonus,
    rates: { type: 'fixed' as const, supplyApr: p.supplyApr ?? '0', borrowApr: p.borrowApr ?? '0' },
    oracle: p.oracle ?? 'market',
  };
}

/** An Aave v3 lending market on Ethereum (`extra` overrides, e.g. protocol or eMode). */
export function lendingMarket(
  id: string,
  assets: Record<string, ReturnType<typeof lendingAsset>>,
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    kind: 'lending' as const,
    protocol: 'aave-v3',
    chain: 'ethereum',
    assets,
    ...extra,
  };
}

export const dex = { id: 'dex', kind: 'dex' as const, protocol: 'uniswap-v3', chain: 'ethereum' };

/**
 * Supply all of `collateral`, then loop: borrow `debt` (a share of the remaining capacity), swap it
 * (through `swapMarket` when given) to `collateral` and supply it, until `targetLeverage`.
 */
export function leverageLoop(p: {
  market: string;
  collateral: string;
  debt: string;
  capacityShare: string;
  targetLeverage: string;
  swapMarket?: string;
  flashLoanFeeRate?: string;
}) {
  return [
    { id: 'supply', type: 'supply' as const, market: p.market, asset: p.collateral, amount: 'all' },
    {
      id: 'lever',
      type: 'loop' as const,
      body: [
        {
          id: 'b',
          type: 'borrow' as const,
          market: p.market,
          asset: p.debt,
          amount: { mode: 'capacityShare' as const, value: p.capacityShare },
        },
        {
          id: 'sw',
          type: 'swap' as const,
          ...(p.swapMarket ? { market: p.swapMarket } : {}),
          from: p.debt,
          to: p.collateral,
          amount: 'all',
        },
        { id: 's', type: 'supply' as const, market: p.market, asset: p.collateral, amount: 'all' },
      ],
      repeat: { mode: 'untilLeverage' as const, targetLeverage: p.targetLeverage },
      ...(p.flashLoanFeeRate ? { flashLoan: { feeRate: p.flashLoanFeeRate } } : {}),
    },
  ];
}

/**
 * One day's growth of a lending balance accruing per second (Aave v3, Compound v3, Maker; the
 * default): (1 + apr/31,536,000)^86,400, in Decimal then rounded once.
 */
export function perSecondDay(apr: number): number {
  return new Decimal(apr).div(31_536_000).plus(1).pow(86_400).toNumber();
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PriceHistory } from '../../src-main/backtest/types';
import { dayFromIso } from '../../src-main/backtest/calendar';

const PRICES_DIR = fileURLToPath(new URL('../../resources/data/prices/', import.meta.url));
const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Daily closes of the bundled Yahoo-layout files (Date,Open,High,Low,Close,Adj Close,Volume). */
export function bundledHistory(assets: readonly string[]): PriceHistory {
  const history: Record<string, { ts: number[]; close: number[] }> = {};
  for (const asset of assets) {
    const lines = readFileSync(`${PRICES_DIR}${asset}-USD.csv`, 'utf8').trim().split('\n').slice(1);
    const ts: number[] = [];
    const close: number[] = [];
    for (const line of lines) {
      const cells = line.split(',');
      ts.push(dayFromIso(cells[0]!)!);
      close.push(Number(cells[4]));
    }
    history[asset] = { ts, close };
  }
  return history;
}

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(`${FIXTURES_DIR}${name}`, 'utf8'));
}

/** Standard normal CDF, Φ(x) = ½·erfc(−x/√2). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** erfc with relative error < 1e-12 (series for |x| < 3, continued fraction beyond). */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) {
    // erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Lentz continued fraction: erfc(x) = e^{-x²}/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
  let f = x;
  for (let n = 60; n >= 1; n--) f = x + n / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

import type { PriceRow } from './types';

/**
 * Growable columnar buffer of price rows (Float64Array per field, NaN = unknown), so a million parsed rows
 * cost ~48 MB instead of a million objects.
 */
export class PriceColumns {
  length = 0;
  ts = new Float64Array(1024);
  open = new Float64Array(1024);
  high = new Float64Array(1024);
  low = new Float64Array(1024);
  close = new Float64Array(1024);
  volume = new Float64Array(1024);

  push(row: PriceRow): void {
    if (this.length === this.ts.length) this.grow();
    const i = this.length++;
    this.ts[i] = row.ts;
    this.open[i] = row.open ?? Number.NaN;
    this.high[i] = row.high ?? Number.NaN;
    this.low[i] = row.low ?? Number.NaN;
    this.close[i] = row.close;
    this.volume[i] = row.volume ?? Number.NaN;
  }

  row(i: number): PriceRow {
    return {
      ts: this.ts[i] as number,
      open: orNull(this.open[i] as number),
      high: orNull(this.high[i] as number),
      low: orNull(this.low[i] as number),
      close: this.close[i] as number,
      volume: orNull(this.volume[i] as number),
    };
  }

  static from(rows: readonly PriceRow[]): PriceColumns {
    const columns = new PriceColumns();
    for (const row of rows) columns.push(row);
    return columns;
  }

  private grow(): void {
    const size = this.ts.length * 2;
    const bigger = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.ts = bigger(this.ts);
    this.open = bigger(this.open);
    this.high = bigger(this.high);
    this.low = bigger(this.low);
    this.close = bigger(this.close);
    this.volume = bigger(this.volume);
  }
}

export function orNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

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

  /** Rows start..end as a view (no copy), for writing a large import in chunks. */
  slice(start: number, end: number): PriceColumns {
    const view = new PriceColumns();
    const cut = (a: Float64Array<ArrayBuffer>) =>
      a.subarray(start, end) as Float64Array<ArrayBuffer>;
    view.ts = cut(this.ts);
    view.open = cut(this.open);
    view.high = cut(this.high);
    view.low = cut(this.low);
    view.close = cut(this.close);
    view.volume = cut(this.volume);
    view.length = Math.max(0, Math.min(end, this.length) - start);
    return view;
  }

  /** Drops the unused capacity (before the buffers are transferred to another thread). */
  trim(): void {
    if (this.ts.length === this.length) return;
    const fit = (a: Float64Array) => a.slice(0, this.length);
    this.ts = fit(this.ts);
    this.open = fit(this.open);
    this.high = fit(this.high);
    this.low = fit(this.low);
    this.close = fit(this.close);
    this.volume = fit(this.volume);
  }

  /** Rebuilds the class around arrays that crossed a thread boundary as a plain object. */
  static fromArrays(
    plain: Pick<PriceColumns, 'length' | 'ts' | 'open' | 'high' | 'low' | 'close' | 'volume'>,
  ): PriceColumns {
    const columns = new PriceColumns();
    Object.assign(columns, {
      length: plain.length,
      ts: plain.ts,
      open: plain.open,
      high: plain.high,
      low: plain.low,
      close: plain.close,
      volume: plain.volume,
    });
    return columns;
  }

  private grow(): void {
    const size = Math.max(1024, this.ts.length * 2);
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

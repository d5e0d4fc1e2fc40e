const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "just now", "5 minutes ago", "yesterday", else a short date. */
export function formatWhen(iso: string, nowMs: number = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - nowMs) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** Triggers a browser download of a text file (Save as / Export). */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Display formatting of engine and backtest figures. The engine sends money, rates and ratios as
 * decimal strings (fractions: "0.05" = 5 %), the backtest as numbers; both are shown rounded, so
 * Number() precision is ample here. null means "not defined" and is shown as an em dash.
 */
type Figure = string | number | null | undefined;

export const DASH = '—';

function toNumber(value: Figure): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isNaN(n) ? null : n;
}

const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 2,
  minimumFractionDigits: 2,
});
const usdWhole = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});
const usdSmall = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 4,
});

/** "$29,955.08"; whole dollars from $1M; 4 significant digits under $1 (prices of stables). */
export function formatUsd(value: Figure): string {
  const n = toNumber(value);
  if (n === null) return DASH;
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '−∞';
  const abs = Math.abs(n);
  const text =
    abs >= 1e6 ? usdWhole.format(n) : abs > 0 && abs < 1 ? usdSmall.format(n) : usd.format(n);
  return text.replace('-', '−');
}

/** "$29.96K", "$1.2M": for dense tables and chart ticks (`digits`: decimals from $1,000 up). */
export function formatUsdCompact(value: Figure, digits = 2): string {
  const n = toNumber(value);
  if (n === null) return DASH;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    notation: 'compact',
    maximumFractionDigits: Math.abs(n) < 1000 ? 0 : digits,
  })
    .format(n)
    .replace('-', '−');
}

/** A fraction as a percent: "0.0491" → "4.91%"; `signed` adds "+" to positive values. */
export function formatPercent(value: Figure, options: { signed?: boolean; digits?: number } = {}) {
  const n = toNumber(value);
  if (n === null) return DASH;
  const digits = options.digits ?? (Math.abs(n) >= 10 ? 0 : 2);
  const fixed = (n * 100).toFixed(digits);
  // A value that rounds to zero reads "0.0%", never "−0.0%" or "+0.0%".
  if (Number(fixed) === 0) return `${(0).toFixed(digits)}%`;
  const text = `${fixed}%`.replace('-', '−');
  return options.signed && n > 0 ? `+${text}` : text;
}

/** A plain ratio with a fixed number of decimals: "1.383…" → "1.38". */
export function formatRatio(value: Figure, digits = 2): string {
  const n = toNumber(value);
  return n === null ? DASH : n.toFixed(digits).replace('-', '−');
}

/** Leverage as "2.50×". */
export function formatLeverage(value: Figure): string {
  const n = toNumber(value);
  return n === null ? DASH : `${n.toFixed(2)}×`;
}

/** A health factor: null (nothing owed) reads "∞". */
export function formatHealthFactor(value: Figure): string {
  return value === null || value === undefined ? '∞' : formatRatio(value, 3);
}

/** Token units: up to 6 significant digits, thousands separated ("24.9626", "44,932.6"). */
export function formatUnits(value: Figure): string {
  const n = toNumber(value);
  if (n === null) return DASH;
  return new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 })
    .format(n)
    .replace('-', '−');
}

/** "supplyInterest" → "Supply interest". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** ISO day (UTC) shifted by whole days: ("2025-11-19", -365) → "2024-11-19". */
export function shiftIsoDay(isoDay: string, days: number): string {
  const ms = Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Unix seconds → ISO day (UTC). */
export function isoDayFromUnix(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

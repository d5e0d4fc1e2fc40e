/**
 * The one formatting home of the renderer. Every figure on screen goes through here, so the same
 * kind of number always reads the same way. Inputs are the engine's decimal strings (fractions:
 * "0.05" = 5 %) or the backtest's numbers; both are shown rounded, so Number() precision is ample.
 * null means "not defined" and reads as an em dash.
 *
 * Precision rules (the unit tests in test/renderer/format.test.ts check each, in en-US, de-DE and
 * fr-FR):
 * - USD amounts: cents; whole dollars from $1,000,000.
 * - USD unit prices: cents from $1; under $1, 4 significant digits ("$0.9715", "$0.5000").
 * - Compact USD (tables, a card whose value does not fit): 3 significant digits in the locale's
 *   compact notation ("$37.0K", "$15.4K", "$1.23M"). Chart ticks: the same without padding zeros
 *   ("$2K", "$2.5K", "$91K"), so neighbouring labels stay short.
 * - Token amounts by magnitude: ≥ 1,000 at most 2 decimals, ≥ 1 at most 4, under 1 at most 4
 *   significant digits; trailing zeros dropped ("44,932.61", "24.9693", "0.001234").
 * - Percentages (of a fraction): 2 decimals under 100 %, 1 under 1,000 %, whole from 1,000 %
 *   ("4.91%", "438.4%", "1,409%"); a value that rounds to zero is unsigned ("0.00%"). From
 *   10,000 % on the figure says only that it is off the scale (">+9,999%", "<−9,999%"), as an
 *   annualized 12-day return would otherwise read "+176,931%"; `percentShown` gives both, and
 *   Shown.svelte shows the exact number on hover and focus and gives it to screen readers; the
 *   printed report, which has no hover, prints it beside the cap (`formatPercentPrint`).
 * - Leverage: 2 decimals and "×" ("2.50×"). Health factor: 3 decimals; no debt is "∞".
 * - Days: ISO 8601 "YYYY-MM-DD" in every locale (inputs too: see DateField.svelte).
 * - Negative numbers use the minus sign U+2212 ("−$2,396.45"), never a hyphen.
 */
type Figure = string | number | null | undefined;

export const DASH = '—';
export const DEFAULT_LOCALE = 'en-US';

function toNumber(value: Figure): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isNaN(n) ? null : n;
}

/** Real minus signs: Intl writes a hyphen-minus in most locales. */
const minus = (text: string): string => text.replace(/-/g, '−');

export interface PercentOptions {
  /** "+" before positive values. */
  signed?: boolean;
  /** Fixed decimals instead of the magnitude rule. */
  digits?: number;
}

/**
 * A figure as shown and as it is exactly: the two differ only when the shown text is capped
 * (">+9,999%"). Components render it with `Shown.svelte`, which puts the exact text in a hover
 * title, a focus tooltip and the accessible name.
 */
export interface Shown {
  text: string;
  exact: string;
}

/** A value for a card: the full text, and a compact one when the full does not fit. */
export interface Display {
  text: string;
  compact: string;
}

export interface Formats {
  readonly locale: string;
  usd(value: Figure): string;
  /** "+$1,234.00" for a change; "$0.00" stays unsigned. */
  usdSigned(value: Figure): string;
  usdCompact(value: Figure, significantDigits?: number): string;
  /**
   * A chart tick: compact, no padding zeros ("$2K", "$91K"); as many significant digits as tell
   * it from its neighbour `step` away ("$100.5K" on a $500 grid), else 3.
   */
  usdTick(value: Figure, step?: number): string;
  price(value: Figure): string;
  units(value: Figure): string;
  unitsCompact(value: Figure): string;
  percent(value: Figure, options?: PercentOptions): string;
  /** The percent without the 10,000 % cap (for a title and screen readers). */
  percentExact(value: Figure, options?: PercentOptions): string;
  /** The percent as shown (capped) and exactly. */
  percentShown(value: Figure, options?: PercentOptions): Shown;
  ratio(value: Figure, digits?: number): string;
  /** A ratio tick with the decimals its grid `step` needs ("0.95" on a 0.05 grid), 2 without. */
  ratioTick(value: Figure, step?: number): string;
  leverage(value: Figure): string;
  healthFactor(value: Figure): string;
  integer(value: Figure): string;
  /** Full and compact text of a USD amount, for figure cards. */
  usdDisplay(value: Figure): Display;
}

/**
 * Significant digits that tell a tick from its neighbour `step` away: the digits of the value's
 * whole part down to the step's first digit (100,500 on a 500 grid: 4, "$100.5K"); 3 without a
 * step, never fewer than 2 nor more than 6.
 */
function tickDigits(value: number, step: number | undefined): number {
  if (step === undefined || !(step > 0) || value === 0) return 3;
  const lead = Math.floor(Math.log10(Math.abs(value)));
  const last = Math.floor(Math.log10(step) + 1e-9);
  return Math.min(6, Math.max(2, lead - last + 1));
}

/** Whole percent points beyond which a percentage reads as off the scale (">+9,999%"). */
const PERCENT_CAP = 9999;

const cache = new Map<string, Formats>();

/** The formats of one locale (BCP 47 tag); Intl objects are made once per locale. */
export function formatsFor(locale: string): Formats {
  const cached = cache.get(locale);
  if (cached) return cached;
  const made = makeFormats(locale);
  cache.set(locale, made);
  return made;
}

function makeFormats(locale: string): Formats {
  const nf = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options);
  const currency = { style: 'currency', currency: 'USD' } as const;
  const cents = nf({ ...currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const whole = nf({ ...currency, maximumFractionDigits: 0 });
  const compactBy = new Map<number, Intl.NumberFormat>();
  const compact = (digits: number) => {
    let f = compactBy.get(digits);
    if (!f) {
      f = nf({
        ...currency,
        notation: 'compact',
        minimumSignificantDigits: digits,
        maximumSignificantDigits: digits,
      });
      compactBy.set(digits, f);
    }
    return f;
  };
  const tickBy = new Map<number, Intl.NumberFormat>();
  const tick = (digits: number) => {
    let f = tickBy.get(digits);
    if (!f) {
      f = nf({ ...currency, notation: 'compact', maximumSignificantDigits: digits });
      tickBy.set(digits, f);
    }
    return f;
  };
  const smallPrice = nf({ ...currency, minimumSignificantDigits: 4, maximumSignificantDigits: 4 });
  const units = [
    nf({ maximumFractionDigits: 2 }),
    nf({ maximumFractionDigits: 4 }),
    nf({ maximumSignificantDigits: 4 }),
  ] as const;
  const unitsCompact = nf({ notation: 'compact', maximumSignificantDigits: 3 });
  const percentBy = new Map<string, Intl.NumberFormat>();
  const percentFormat = (digits: number, signed: boolean) => {
    const key = `${digits}:${signed}`;
    let f = percentBy.get(key);
    if (!f) {
      f = nf({
        style: 'percent',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
        // exceptZero/negative: a value that rounds to zero is never "−0.00%" or "+0.00%"
        signDisplay: signed ? 'exceptZero' : 'negative',
      });
      percentBy.set(key, f);
    }
    return f;
  };
  const fixedBy = new Map<number, Intl.NumberFormat>();
  const fixed = (digits: number) => {
    let f = fixedBy.get(digits);
    if (!f) {
      f = nf({
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
        signDisplay: 'negative',
      });
      fixedBy.set(digits, f);
    }
    return f;
  };
  const integer = nf({ maximumFractionDigits: 0 });

  const infinite = (n: number) => (n > 0 ? '∞' : '−∞');

  const formats: Formats = {
    locale,
    usd(value) {
      const n = toNumber(value);
      if (n === null) return DASH;
      if (!Number.isFinite(n)) return infinite(n);
      return minus((Math.abs(n) >= 1e6 ? whole : cents).format(n));
    },
    usdSigned(value) {
      const n = toNumber(value);
      const text = formats.usd(value);
      return n !== null && n > 0 && text !== formats.usd(0) ? `+${text}` : text;
    },
    usdCompact(value, significantDigits = 3) {
      const n = toNumber(value);
      if (n === null) return DASH;
      if (!Number.isFinite(n)) return infinite(n);
      return minus(compact(significantDigits).format(n));
    },
    usdTick(value, step) {
      const n = toNumber(value);
      if (n === null) return DASH;
      if (!Number.isFinite(n)) return infinite(n);
      return minus(tick(tickDigits(n, step)).format(n));
    },
    price(value) {
      const n = toNumber(value);
      if (n === null) return DASH;
      if (!Number.isFinite(n)) return infinite(n);
      const abs = Math.abs(n);
      return minus((abs > 0 && abs < 1 ? smallPrice : cents).format(n));
    },
    units(value) {
      const n = toNumber(value);
      if (n === null) return DASH;
      if (!Number.isFinite(n)) return infinite(n);
      const abs = Math.abs(n);
      return minus(units[abs >= 1000 ? 0 : abs >= 1 ? 1 : 2].format(n));
    },
    unitsCompact(value) {
      const n = toNumber(value);
      if (n === null) return DASH;
      return minus(Math.abs(n) < 1000 ? formats.units(n) : unitsCompact.format(n));
    },
    percent(value, options = {}) {
      const n = toNumber(value);
      if (n !== null && Number.isFinite(n) && Math.round(Math.abs(n) * 100) > PERCENT_CAP) {
        const cap = percentFormat(0, options.signed ?? false).format(n > 0 ? 99.99 : -99.99);
        return minus(`${n > 0 ? '>' : '<'}${cap}`);
      }
      return formats.percentExact(value, options);
    },
    percentExact(value, options = {}) {
      const n = toNumber(value);
      if (n === null) return DASH;
      if (!Number.isFinite(n)) return infinite(n);
      const abs = Math.abs(n);
      const digits = options.digits ?? (abs < 1 ? 2 : abs < 10 ? 1 : 0);
      return minus(percentFormat(digits, options.signed ?? false).format(n));
    },
    percentShown(value, options = {}) {
      return { text: formats.percent(value, options), exact: formats.percentExact(value, options) };
    },
    ratio(value, digits = 2) {
      const n = toNumber(value);
      if (n === null) return DASH;
      if (!Number.isFinite(n)) return infinite(n);
      return minus(fixed(digits).format(n));
    },
    ratioTick(value, step) {
      const digits =
        step === undefined || !(step > 0)
          ? 2
          : Math.min(4, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
      return formats.ratio(value, digits);
    },
    leverage(value) {
      const n = toNumber(value);
      return n === null ? DASH : `${formats.ratio(n, 2)}×`;
    },
    healthFactor(value) {
      if (value === null || value === undefined) return '∞';
      return formats.ratio(value, 3);
    },
    integer(value) {
      const n = toNumber(value);
      return n === null ? DASH : minus(integer.format(n));
    },
    usdDisplay(value) {
      return { text: formats.usd(value), compact: formats.usdCompact(value) };
    },
  };
  return formats;
}

function systemLocale(): string {
  const wanted = typeof navigator === 'undefined' ? undefined : navigator.language;
  if (!wanted) return DEFAULT_LOCALE;
  try {
    return Intl.NumberFormat.supportedLocalesOf([wanted])[0] ?? DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

let active: Formats = formatsFor(systemLocale());

/** The locale every `format*` function below uses (the system's at start). */
export function setFormatLocale(locale: string): void {
  active = formatsFor(locale);
}

export function formatLocale(): string {
  return active.locale;
}

// ---------------------------------------------------------------- the active locale's formats

/** "$29,955.08"; whole dollars from $1M. */
export const formatUsd = (value: Figure): string => active.usd(value);
export const formatUsdSigned = (value: Figure): string => active.usdSigned(value);
/** "$29.9K", "$1.23M": 3 significant digits unless told otherwise. */
export const formatUsdCompact = (value: Figure, significantDigits?: number): string =>
  active.usdCompact(value, significantDigits);
/** An axis tick in USD: "$910", "$2K", "$2.5K", "$91K", "$1.2M". */
export const formatUsdTick = (value: Figure, step?: number): string => active.usdTick(value, step);
/** A unit price: cents from $1, 4 significant digits under it. */
export const formatPrice = (value: Figure): string => active.price(value);
/** Token units by magnitude ("44,932.61", "24.9693", "0.001234"). */
export const formatUnits = (value: Figure): string => active.units(value);
export const formatUnitsCompact = (value: Figure): string => active.unitsCompact(value);
/** A fraction as a percent: "0.0491" → "4.91%". */
export const formatPercent = (value: Figure, options?: PercentOptions): string =>
  active.percent(value, options);
/** The same without the 10,000 % cap: a capped figure's hover title and spoken text. */
export const formatPercentExact = (value: Figure, options?: PercentOptions): string =>
  active.percentExact(value, options);
/** A percent as shown (capped from 10,000 %) and exactly: render it with Shown.svelte. */
export const percentShown = (value: Figure, options?: PercentOptions): Shown =>
  active.percentShown(value, options);
/** Text around shown figures ("hold ", a percent): one Shown, exact where each part is. */
export function joinShown(...parts: (string | Shown)[]): Shown {
  return {
    text: parts.map((p) => (typeof p === 'string' ? p : p.text)).join(''),
    exact: parts.map((p) => (typeof p === 'string' ? p : p.exact)).join(''),
  };
}
/**
 * A shown figure for print, where there is no tooltip: the capped text with the exact value
 * beside it (">+9,999% (+21,480,123%)"), kept on one line; uncapped, the text alone.
 */
export function printShown(shown: Shown): string {
  return shown.text === shown.exact ? shown.text : `${shown.text}\u00a0(${shown.exact})`;
}
/** A percent for the printed report: capped from 10,000 %, with the exact value beside it. */
export const formatPercentPrint = (value: Figure, options?: PercentOptions): string =>
  printShown(active.percentShown(value, options));
/** A plain ratio with a fixed number of decimals: "1.383…" → "1.38". */
export const formatRatio = (value: Figure, digits = 2): string => active.ratio(value, digits);
/** A ratio on a chart axis: the decimals its grid needs ("0.95", "1.00" on a 0.05 grid). */
export const formatRatioTick = (value: Figure, step?: number): string =>
  active.ratioTick(value, step);
/** Leverage as "2.50×". */
export const formatLeverage = (value: Figure): string => active.leverage(value);
/** A health factor to 3 decimals; null (nothing owed) reads "∞". */
export const formatHealthFactor = (value: Figure): string => active.healthFactor(value);
export const formatInteger = (value: Figure): string => active.integer(value);
export const usdDisplay = (value: Figure): Display => active.usdDisplay(value);

// ---------------------------------------------------------------- days and times

/** "YYYY-MM-DD" (UTC) of a Date, unix milliseconds or an ISO timestamp. */
export function formatIsoDay(value: Date | number | string): string {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? DASH : date.toISOString().slice(0, 10);
}

/**
 * A moment in the user's own time zone, ISO-style to the minute ("2026-12-01 17:16"), like the
 * days everywhere else, whatever the system's date format.
 */
export function formatDateTime(value: Date | number | string): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return DASH;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** True for a real calendar day written "YYYY-MM-DD". */
export function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** "just now", "5 minutes ago", "yesterday" in the active locale, else the ISO day. */
export function formatWhen(iso: string, nowMs: number = Date.now()): string {
  const relative = new Intl.RelativeTimeFormat(active.locale, { numeric: 'auto' });
  const seconds = Math.round((Date.parse(iso) - nowMs) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return relative.format(0, 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return formatIsoDay(iso);
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

// ---------------------------------------------------------------- other

/** "supplyInterest" → "Supply interest" (the fallback of lib/labels.ts for unknown keys). */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
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

import type { ChartConfiguration, ChartType } from 'chart.js';
import type { AnnotationOptions } from 'chartjs-plugin-annotation';
import type * as Runtime from './chart-runtime';

/**
 * Chart helpers that need no `window`: theme colours, shared options, axes and annotation
 * builders. chart.js itself is loaded on demand (`loadChart`, lib/chart-runtime.ts).
 */

let runtime: Promise<typeof Runtime> | null = null;

/** chart.js with its scales, the annotation, date adapter and matrix plugins registered. */
export function loadChart(): Promise<(typeof Runtime)['Chart']> {
  runtime ??= import('./chart-runtime');
  return runtime.then((m) => m.Chart);
}

export type AnyChartConfig = ChartConfiguration<ChartType, unknown, unknown>;

let themeColors: { key: string; colors: Map<string, string> } | null = null;
let darkScheme: MediaQueryList | null = null;

/**
 * Theme colours come from the CSS custom properties in app.css, so charts follow light/dark.
 * They are set on the root for the whole page and read once per colour scheme: reading computed
 * style while a render is changing the page recalculates its styles each time (every chart
 * config asks again on every evaluation).
 */
export function themeColor(element: Element, name: string): string {
  darkScheme ??= window.matchMedia('(prefers-color-scheme: dark)');
  const key = `${element.ownerDocument.documentElement.getAttribute('data-theme') ?? ''}|${darkScheme.matches}`;
  if (themeColors?.key !== key) themeColors = { key, colors: new Map() };
  let color = themeColors.colors.get(name);
  if (color === undefined) {
    color = getComputedStyle(element).getPropertyValue(`--${name}`).trim() || '#888888';
    themeColors.colors.set(name, color);
  }
  return color;
}

/** "#2f6fed" + 0.12 → "rgba(47, 111, 237, 0.12)"; anything not a 6-digit hex is returned as is. */
export function withAlpha(color: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) return color;
  const [r, g, b] = match.slice(1).map((h) => parseInt(h, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** The options every chart shares: sized by its container, drawn at once. */
export const baseOptions = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
} as const;

/** A tick label; `step` is the distance to the next tick, so the label can say enough digits. */
export type TickFormat = (value: number, step?: number) => string;

/** The smallest distance between two neighbouring ticks (undefined for one tick). */
function tickStep(ticks: readonly { value: number }[]): number | undefined {
  let step: number | undefined;
  for (let i = 1; i < ticks.length; i++) {
    const d = Math.abs(ticks[i]!.value - ticks[i - 1]!.value);
    if (d > 0 && (step === undefined || d < step)) step = d;
  }
  return step;
}

interface AxesOptions {
  formatY: TickFormat;
  /** Most labels on each axis. */
  xTicks: number;
  yTicks: number;
  /** Bounds of the y axis a value cannot leave (a probability: 0), else fitted to the data. */
  yMin?: number;
  yMax?: number;
}

/** Pixels kept free between two x labels: chart.js skips labels rather than let them touch. */
const X_LABEL_GAP = 14;

/** Category x axis without grid lines, value y axis with themed grid lines and `formatY` ticks. */
export function axes(el: Element, { formatY, xTicks, yTicks, yMin, yMax }: AxesOptions) {
  const muted = themeColor(el, 'muted');
  return {
    x: {
      grid: { display: false },
      ticks: {
        color: muted,
        maxTicksLimit: xTicks,
        maxRotation: 0,
        autoSkip: true,
        autoSkipPadding: X_LABEL_GAP,
      },
    },
    y: {
      ...(yMin === undefined ? {} : { min: yMin }),
      ...(yMax === undefined ? {} : { suggestedMax: yMax }),
      grid: { color: themeColor(el, 'border') },
      border: { display: false },
      ticks: {
        color: muted,
        maxTicksLimit: yTicks,
        callback: (v: number | string, _i: number, ticks: { value: number }[]) =>
          formatY(Number(v), tickStep(ticks)),
      },
    },
  };
}

/** A value axis (linear or logarithmic) with themed grid lines and `format` ticks. */
export function valueAxis(
  el: Element,
  format: TickFormat,
  options: { ticks?: number; type?: 'linear' | 'logarithmic'; grid?: boolean; title?: string } = {},
) {
  const muted = themeColor(el, 'muted');
  return {
    type: options.type ?? 'linear',
    grid: { display: options.grid ?? true, color: themeColor(el, 'border') },
    border: { display: false },
    title: options.title
      ? { display: true, text: options.title, color: muted, font: { size: 11 } }
      : { display: false },
    ticks: {
      color: muted,
      maxTicksLimit: options.ticks ?? 6,
      maxRotation: 0,
      autoSkip: true,
      autoSkipPadding: X_LABEL_GAP,
      callback: (v: number | string, _i: number, ticks: { value: number }[]) =>
        format(Number(v), tickStep(ticks)),
    },
  } as const;
}

/**
 * Ticks for a logarithmic price axis from `min` to `max`: round prices (1, 2, 3 and 5 × 10ⁿ), at
 * most `most` of them, spread evenly over the axis. chart.js's own log ticks put one at every
 * integer multiple plus the axis ends, whose labels run into each other on a narrow chart.
 */
export function logTicks(min: number, max: number, most = 5): number[] {
  if (!(min > 0) || !(max > min)) return [];
  const nice: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 3, 5]) {
      const v = m * 10 ** e;
      if (v >= min && v <= max) nice.push(Number(v.toPrecision(12)));
    }
  }
  if (nice.length <= most) return nice;
  // Keep the round prices nearest to `most` points evenly spaced in log space.
  const lo = Math.log(min);
  const span = Math.log(max) - lo;
  const kept = new Set<number>();
  for (let i = 0; i < most; i++) {
    const target = lo + (span * (i + 0.5)) / most;
    let best = nice[0]!;
    for (const v of nice)
      if (Math.abs(Math.log(v) - target) < Math.abs(Math.log(best) - target)) best = v;
    kept.add(best);
  }
  return [...kept].sort((a, b) => a - b);
}

/** A time x axis of UTC days (chartjs-adapter-date-fns), ISO-style tick labels. */
export function timeAxis(el: Element, ticks = 5) {
  return {
    type: 'time',
    time: {
      minUnit: 'day',
      tooltipFormat: 'yyyy-MM-dd',
      displayFormats: {
        day: 'MM-dd',
        week: 'MM-dd',
        month: 'yyyy-MM',
        quarter: 'yyyy-MM',
        year: 'yyyy',
      },
    },
    adapters: { date: { zone: 'UTC' } },
    grid: { display: false },
    ticks: {
      color: themeColor(el, 'muted'),
      maxTicksLimit: ticks,
      maxRotation: 0,
      autoSkip: true,
      autoSkipPadding: Math.max(16, X_LABEL_GAP),
    },
  } as const;
}

/** A vertical marker line at x (a value of the x axis), labelled on hover-free charts by `label`. */
export function verticalLine(
  x: number,
  color: string,
  label?: string,
  options: { dashed?: boolean; width?: number; background?: string } = {},
): AnnotationOptions<'line'> {
  return {
    type: 'line',
    scaleID: 'x',
    value: x,
    borderColor: color,
    borderWidth: options.width ?? 1.5,
    borderDash: options.dashed ? [4, 3] : [],
    label: label
      ? {
          display: true,
          content: label,
          position: 'start',
          // the chart's background behind the text, so a data line under it does not cross it
          backgroundColor: options.background ? withAlpha(options.background, 0.85) : 'transparent',
          color,
          font: { size: 10, weight: 600 },
          padding: 2,
        }
      : { display: false, content: '' },
  };
}

/** A horizontal marker line at y (e.g. HF = 1, the liquidation line). */
export function horizontalLine(
  y: number,
  color: string,
  label?: string,
  options: { dashed?: boolean; background?: string } = {},
): AnnotationOptions<'line'> {
  return {
    type: 'line',
    scaleID: 'y',
    value: y,
    borderColor: color,
    borderWidth: 1.5,
    borderDash: options.dashed ? [5, 4] : [],
    label: label
      ? {
          display: true,
          content: label,
          position: 'start',
          // the chart's background behind the text, so a data line under it does not cross it
          backgroundColor: options.background ? withAlpha(options.background, 0.85) : 'transparent',
          color,
          font: { size: 10, weight: 600 },
          padding: 2,
          yAdjust: -8,
        }
      : { display: false, content: '' },
  };
}

/** A shaded vertical band between two x values (an LP range). */
export function xBand(from: number, to: number, color: string): AnnotationOptions<'box'> {
  return {
    type: 'box',
    xMin: from,
    xMax: to,
    backgroundColor: withAlpha(color, 0.1),
    borderWidth: 0,
  };
}

/** ms since epoch of an ISO day (UTC midnight): time-axis x values. */
export const dayMs = (isoDay: string): number => Date.parse(`${isoDay}T00:00:00Z`);

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

interface AxesOptions {
  formatY: (value: number) => string;
  /** Most labels on each axis. */
  xTicks: number;
  yTicks: number;
}

/** Category x axis without grid lines, value y axis with themed grid lines and `formatY` ticks. */
export function axes(el: Element, { formatY, xTicks, yTicks }: AxesOptions) {
  const muted = themeColor(el, 'muted');
  return {
    x: {
      grid: { display: false },
      ticks: { color: muted, maxTicksLimit: xTicks, maxRotation: 0 },
    },
    y: {
      grid: { color: themeColor(el, 'border') },
      border: { display: false },
      ticks: {
        color: muted,
        maxTicksLimit: yTicks,
        callback: (v: number | string) => formatY(Number(v)),
      },
    },
  };
}

/** A value axis (linear or logarithmic) with themed grid lines and `format` ticks. */
export function valueAxis(
  el: Element,
  format: (value: number) => string,
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
      callback: (v: number | string) => format(Number(v)),
    },
  } as const;
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
      autoSkipPadding: 16,
    },
  } as const;
}

/** A vertical marker line at x (a value of the x axis), labelled on hover-free charts by `label`. */
export function verticalLine(
  x: number,
  color: string,
  label?: string,
  options: { dashed?: boolean; width?: number } = {},
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
          backgroundColor: withAlpha('#000000', 0),
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
  options: { dashed?: boolean } = {},
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
          backgroundColor: withAlpha('#000000', 0),
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

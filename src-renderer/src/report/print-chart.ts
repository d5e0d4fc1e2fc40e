import type { ChartConfiguration, ChartDataset, ChartType, Plugin } from 'chart.js';
import { withAlpha } from '../lib/chart';

/**
 * Charts for print. A canvas enters the PDF as an image at its backing resolution, so every chart
 * is drawn once (no animation) at three device pixels per CSS pixel, in a container sized in mm.
 * Colours are a light print palette, not the app's theme.
 */
export const PRINT = {
  text: '#1a1d24',
  muted: '#59606d',
  grid: '#dde1e7',
  accent: '#1f5fbf',
  second: '#8a5a00',
  danger: '#b3261e',
  ok: '#1e7b45',
  grey: '#8c939f',
} as const;

/** Paints the canvas white before each draw (the print canvas is opaque: no alpha mask in the PDF). */
export function whiteBackground<T extends ChartType>(): Plugin<T> {
  return {
    id: 'yieldplan-white-background',
    beforeDraw: (chart) => {
      const { ctx, width, height } = chart;
      ctx.save();
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height);
      ctx.restore();
    },
  };
}

export const printOptions = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false as const,
  devicePixelRatio: 3,
  /** A printed chart answers no pointer. */
  events: [] as never[],
};

const font = { family: 'Helvetica, Arial, sans-serif', size: 9 };

export function printAxes(formatY: (v: number) => string, xTicks = 8, yTitle?: string) {
  return {
    x: {
      grid: { display: false },
      ticks: { color: PRINT.muted, maxTicksLimit: xTicks, maxRotation: 0, font },
      border: { color: PRINT.grid },
    },
    y: {
      grid: { color: PRINT.grid },
      border: { display: false },
      ticks: {
        color: PRINT.muted,
        maxTicksLimit: 6,
        font,
        callback: (v: number | string) => formatY(Number(v)),
      },
      ...(yTitle ? { title: { display: true, text: yTitle, color: PRINT.muted, font } } : {}),
    },
  };
}

export interface PrintSeries {
  label: string;
  values: (number | null)[];
  color: string;
  dashed?: boolean;
  fill?: boolean;
  /** Points only (event markers), no line. */
  points?: boolean;
}

export function lineConfig(input: {
  labels: string[];
  series: PrintSeries[];
  formatY: (v: number) => string;
  legend?: boolean;
  xTicks?: number;
  yMin?: number;
  yMax?: number;
}): ChartConfiguration<'line', (number | null)[], string> {
  const datasets: ChartDataset<'line', (number | null)[]>[] = input.series.map((s) => ({
    label: s.label,
    data: [...s.values],
    borderColor: s.color,
    backgroundColor: s.points ? s.color : withAlpha(s.color, 0.14),
    borderWidth: s.points ? 0 : 1.4,
    borderDash: s.dashed ? [4, 3] : [],
    fill: s.fill ? 'origin' : false,
    pointRadius: s.points ? 3 : 0,
    pointStyle: s.points ? 'triangle' : 'circle',
    showLine: !s.points,
    tension: 0,
    spanGaps: !s.points,
  }));
  const axes = printAxes(input.formatY, input.xTicks);
  return {
    type: 'line',
    data: { labels: [...input.labels], datasets },
    options: {
      ...printOptions,
      plugins: {
        legend: {
          display: input.legend ?? input.series.length > 1,
          position: 'bottom',
          labels: { color: PRINT.text, boxWidth: 12, boxHeight: 2, font },
        },
        tooltip: { enabled: false },
      },
      scales: {
        ...axes,
        y: {
          ...axes.y,
          ...(input.yMin === undefined ? {} : { min: input.yMin }),
          ...(input.yMax === undefined ? {} : { max: input.yMax }),
        },
      },
    },
  };
}

export function barConfig(input: {
  labels: string[];
  values: number[];
  formatY: (v: number) => string;
  color?: string;
}): ChartConfiguration<'bar', number[], string> {
  return {
    type: 'bar',
    data: {
      labels: [...input.labels],
      datasets: [
        {
          data: [...input.values],
          backgroundColor: withAlpha(input.color ?? PRINT.accent, 0.6),
          borderWidth: 0,
          barPercentage: 1,
          categoryPercentage: 0.92,
        },
      ],
    },
    options: {
      ...printOptions,
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: printAxes(input.formatY, 6),
    },
  };
}

/** Fan chart: percentile bands filled between neighbours, the median drawn strong. */
export function fanConfig(input: {
  labels: string[];
  bands: Record<string, number[]>;
  formatY: (v: number) => string;
}): ChartConfiguration<'line', number[], string> {
  const line = (key: string, label: string, fill: false | '-1', alpha: number) => ({
    label,
    data: [...(input.bands[key] ?? [])],
    borderColor: withAlpha(PRINT.accent, key === 'p50' ? 1 : 0.4),
    borderWidth: key === 'p50' ? 1.8 : 0.8,
    backgroundColor: withAlpha(PRINT.accent, alpha),
    fill,
    pointRadius: 0,
    tension: 0,
  });
  return {
    type: 'line',
    data: {
      labels: [...input.labels],
      datasets: [
        line('p5', '5th percentile', false, 0),
        line('p25', '25th percentile', '-1', 0.12),
        line('p50', 'Median', '-1', 0.26),
        line('p75', '75th percentile', '-1', 0.26),
        line('p95', '95th percentile', '-1', 0.12),
      ],
    },
    options: {
      ...printOptions,
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: printAxes(input.formatY),
    },
  };
}

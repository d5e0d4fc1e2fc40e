import type { Attachment } from 'svelte/attachments';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
  type ChartConfiguration,
  type ChartType,
} from 'chart.js';

// Only what line and bar charts on a category (date or bin label) axis need: keeps the bundle
// small, and no time adapter is required because the labels are already ISO days.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  CategoryScale,
  Filler,
  Tooltip,
  Legend,
);

export { Chart };

/** Theme colours come from the CSS custom properties in app.css, so charts follow light/dark. */
export function themeColor(element: Element, name: string): string {
  return getComputedStyle(element).getPropertyValue(`--${name}`).trim() || '#888888';
}

/** "#2f6fed" + 0.12 → "rgba(47, 111, 237, 0.12)"; anything not a 6-digit hex is returned as is. */
export function withAlpha(color: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) return color;
  const [r, g, b] = match.slice(1).map((h) => parseInt(h, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * Draws `build(canvas)` on the canvas it is attached to (`{@attach chart(config)}`). The
 * attachment runs in an effect, so the chart is rebuilt whenever data read by `build` changes;
 * without animation this is cheap and never flickers.
 */
export function chart<Type extends ChartType, Data, Label>(
  build: (canvas: HTMLCanvasElement) => ChartConfiguration<Type, Data, Label>,
): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    const instance = new Chart(canvas, build(canvas));
    return () => instance.destroy();
  };
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

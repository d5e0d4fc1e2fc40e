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

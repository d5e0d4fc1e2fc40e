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
  Legend,
  type ChartConfiguration,
  type ChartType,
} from 'chart.js';

// The report is bundled as one script (out/report/), so chart.js is imported statically here
// rather than through the app's on-demand loader (lib/chart.ts): a print must not wait on chunks.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  CategoryScale,
  Filler,
  Legend,
);

/** A chart drawn once on its canvas (print: no updates), destroyed with the element. */
export function chart<Type extends ChartType, Data, Label>(
  build: (canvas: HTMLCanvasElement) => ChartConfiguration<Type, Data, Label>,
): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    const instance = new Chart(canvas, build(canvas));
    return () => instance.destroy();
  };
}

/**
 * Everything that touches `window` when imported (chart.js's platform code, the plugins): loaded
 * on demand by ChartCanvas through `loadChart()`, so Node tests that import lib/chart.ts or the
 * formatters never load it.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  TimeScale,
  Tooltip,
} from 'chart.js';
// The date-fns adapter gives the time scale its date arithmetic (UTC days on the backtest axis).
import 'chartjs-adapter-date-fns';
import annotationPlugin from 'chartjs-plugin-annotation';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  LogarithmicScale,
  CategoryScale,
  TimeScale,
  Filler,
  Tooltip,
  Legend,
  annotationPlugin,
  MatrixController,
  MatrixElement,
);

export { Chart };

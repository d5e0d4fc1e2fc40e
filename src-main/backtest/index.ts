/** Public API of the backtest (pure: plain data in, plain data out). See docs/backtest.md. */
export { runBacktest, type BacktestInput } from './run-backtest';
export {
  runScenarios,
  scenarioWindows,
  worstDrawdown,
  SCENARIO_LIBRARY,
  type Scenario,
  type ScenarioRow,
} from './scenarios';
export { pegRatioSeries, type PegRatioSeries } from './peg-series';
export * from './types';

/** The daily dynamics of a position in Float64, shared by the backtest and the Monte Carlo. */
export { DailyKernel, valueAtStart } from './kernel';
export { compilePosition, riskAssets, CompileError, type CompiledPosition } from './position';
export { AutomationOptions } from './automation-options';
export type { PriceInput } from './prices';
export type { RateInput } from './lending/lanes';
export type * from './recorder';

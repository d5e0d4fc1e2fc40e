export * from './types';
export { effectiveLimits } from './effective';
export { evaluationBreaches, protocolValues } from './evaluation-breaches';
export {
  backtestBreaches,
  scenarioBreaches,
  simulationBreaches,
  type BacktestFigures,
  type ChainRefs,
  type ScenarioFigures,
  type SimulationFigures,
} from './analysis-breaches';
export { chainRefs } from './chain-refs';
export {
  collateralToReachHealth,
  moveOutToReachShare,
  repayToReachHealth,
  repayToReachLeverage,
  repayToReachLtv,
  roundUp,
} from './fixes';
export { chainRefsOfDocument } from './chain-refs';
export { evaluateWithLimits, type EvaluationWithLimits } from './evaluate-with-limits';

import type {
  AmountInput,
  LoopBodyStepInput,
  MarketInput,
  StepInput,
  StrategyInput,
} from '../../../../src-main/contract/index';

export type { AmountInput, LoopBodyStepInput, MarketInput, StepInput, StrategyInput };

export type StepType = StepInput['type'];
export type LoopStepInput = Extract<StepInput, { type: 'loop' }>;

/** Where a step lives: `null` is the chain's top level, otherwise the id of the loop holding it. */
export type ParentId = string | null;

/** Step types a loop body may hold (the format's LoopBodyStep). */
export const LOOP_BODY_TYPES: readonly StepType[] = [
  'supply',
  'withdraw',
  'borrow',
  'repay',
  'swap',
];

export const STEP_TYPES: readonly StepType[] = [
  'supply',
  'withdraw',
  'borrow',
  'repay',
  'swap',
  'lp',
  'stake',
  'loop',
  'perp',
  'harvest',
];

export const FORMAT_ID = 'yieldplan.strategy';
export const FORMAT_VERSION = 2;

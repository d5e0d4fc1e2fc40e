import { stepTypeName } from './commands';
import type { StepInput } from './types';

/** A step's name for people and assistive technology: its own label, else one made from its fields. */
export function stepLabel(step: StepInput): string {
  if (step.label && step.label.trim() !== '') return step.label;
  switch (step.type) {
    case 'supply':
    case 'withdraw':
    case 'borrow':
    case 'repay':
      return `${stepTypeName(step.type)} ${step.asset}`;
    case 'swap':
      return `Swap ${step.from} → ${step.to}`;
    case 'lp':
      return `Provide liquidity ${step.pool.assets.join('/')}`;
    case 'stake':
      return `Stake ${step.asset}`;
    case 'loop':
      return step.flashLoan ? 'Flash-loan loop' : 'Loop';
    case 'perp':
      return `Perp ${step.side} ${step.asset}`;
    case 'harvest':
      return `Harvest every ${step.frequencyDays} days`;
  }
}

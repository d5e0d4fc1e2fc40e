import type { LoopStepInput, ParentId, StepInput, StrategyInput } from './types';

/** A step's place in the chain. */
export interface StepLocation {
  parent: ParentId;
  index: number;
  step: StepInput;
}

const isLoop = (step: StepInput): step is LoopStepInput => step.type === 'loop';

/** Finds a step anywhere in the chain (top level or inside a loop body). */
export function locate(doc: StrategyInput, id: string): StepLocation | null {
  const steps = doc.steps;
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!;
    if (step.id === id) return { parent: null, index, step };
    if (isLoop(step)) {
      const bodyIndex = step.body.findIndex((s) => s.id === id);
      const inner = step.body[bodyIndex];
      if (inner) return { parent: step.id, index: bodyIndex, step: inner };
    }
  }
  return null;
}

/** The list a parent id names: the chain, or a loop's body (null if no such loop). */
export function stepsOf(doc: StrategyInput, parent: ParentId): StepInput[] | null {
  if (parent === null) return doc.steps;
  const loop = doc.steps.find((s) => s.id === parent);
  return loop && isLoop(loop) ? loop.body : null;
}

/** Every step, loop bodies included, in chain order. */
export function allSteps(doc: StrategyInput): StepInput[] {
  return doc.steps.flatMap((s): StepInput[] => (isLoop(s) ? [s, ...s.body] : [s]));
}

/** `base`, or `base-2`, `base-3`… whichever no step uses yet (ids are 1-40 chars). */
export function freshStepId(doc: StrategyInput, base: string): string {
  const taken = new Set(allSteps(doc).map((s) => s.id));
  const stem = base.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 34) || 'step';
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) {
    const id = `${stem}-${n}`;
    if (!taken.has(id)) return id;
  }
}

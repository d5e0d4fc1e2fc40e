import { enablePatches, produceWithPatches, type Draft, type Patch } from 'immer';
import { freshStepId, locate, stepsOf } from './tree';
import {
  LOOP_BODY_TYPES,
  type MarketInput,
  type ParentId,
  type StepInput,
  type StepType,
  type StrategyInput,
} from './types';

enablePatches();

/**
 * A named change to the strategy document. Commands only describe the change (a label for the
 * history, an optional coalescing key, an immer recipe); `applyEdit` runs it. Everything here is
 * pure: the same document and edit always give the same result and patches.
 */
export interface Edit {
  label: string;
  /** Consecutive edits with the same key merge into one history entry (typing in one field). */
  key?: string;
  recipe: (draft: Draft<StrategyInput>) => void;
}

export interface Change {
  document: StrategyInput;
  patches: Patch[];
  inversePatches: Patch[];
  label: string;
  key: string | undefined;
}

/** A command that cannot apply to this document (e.g. a loop inside a loop). */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

export function applyEdit(document: StrategyInput, edit: Edit): Change {
  const [next, patches, inversePatches] = produceWithPatches(document, edit.recipe);
  // A recipe that ends where it started (a move to the same place) keeps the same value.
  const same = patches.length === 0 || JSON.stringify(next) === JSON.stringify(document);
  return same
    ? { document, patches: [], inversePatches: [], label: edit.label, key: edit.key }
    : { document: next, patches, inversePatches, label: edit.label, key: edit.key };
}

type Path = readonly (string | number)[];

const TYPE_NAMES: Record<StepType, string> = {
  supply: 'Supply',
  withdraw: 'Withdraw',
  borrow: 'Borrow',
  repay: 'Repay',
  swap: 'Swap',
  lp: 'Provide liquidity',
  stake: 'Stake',
  loop: 'Loop',
  perp: 'Perp',
  harvest: 'Harvest',
};

export const stepTypeName = (type: StepType): string => TYPE_NAMES[type];

/** Why `type` cannot go into `parent`, or null when it can. */
export function placementProblem(
  doc: StrategyInput,
  type: StepType,
  parent: ParentId,
  movingId?: string,
): string | null {
  if (parent === null) return null;
  const body = stepsOf(doc, parent);
  if (body === null) return `there is no loop "${parent}"`;
  if (!LOOP_BODY_TYPES.includes(type)) {
    return `a loop body holds supply, withdraw, borrow, repay and swap steps, not ${TYPE_NAMES[type].toLowerCase()}`;
  }
  const already = movingId !== undefined && body.some((s) => s.id === movingId);
  if (!already && body.length >= 20) return 'a loop body holds at most 20 steps';
  return null;
}

function listIn(draft: Draft<StrategyInput>, parent: ParentId): Draft<StepInput>[] {
  const list = stepsOf(draft as StrategyInput, parent) as Draft<StepInput>[] | null;
  if (list === null) throw new CommandError(`there is no loop "${parent}"`);
  return list;
}

function mustLocate(doc: StrategyInput, id: string) {
  const where = locate(doc, id);
  if (!where) throw new CommandError(`there is no step "${id}"`);
  return where;
}

const clamp = (index: number, length: number) => Math.max(0, Math.min(index, length));

function setAt(target: Record<string | number, unknown>, path: Path, value: unknown): void {
  let node: Record<string | number, unknown> = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    let child = node[key];
    if (typeof child !== 'object' || child === null) {
      child = typeof path[i + 1] === 'number' ? [] : {};
      node[key] = child;
    }
    node = child as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (last === undefined) throw new CommandError('empty field path');
  if (value === undefined) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else delete node[last];
  } else node[last] = value;
}

// ------------------------------------------------------------------ steps

/** Adds `step` at `index` of the chain (parent null) or of a loop's body. */
export function addStep(
  doc: StrategyInput,
  step: StepInput,
  parent: ParentId,
  index: number,
): Edit {
  const problem = placementProblem(doc, step.type, parent);
  if (problem) throw new CommandError(problem);
  if (locate(doc, step.id)) throw new CommandError(`step id "${step.id}" is already used`);
  return {
    label: `Add ${TYPE_NAMES[step.type].toLowerCase()}`,
    recipe: (draft) => {
      const list = listIn(draft, parent);
      list.splice(clamp(index, list.length), 0, step as Draft<StepInput>);
    },
  };
}

/**
 * Moves a step to `index` of `parent`'s list, the index counted after the step left its old place
 * (so moving to where it already is changes nothing).
 */
export function moveStep(doc: StrategyInput, id: string, parent: ParentId, index: number): Edit {
  const from = mustLocate(doc, id);
  const problem = placementProblem(doc, from.step.type, parent, id);
  if (problem) throw new CommandError(problem);
  if (parent === id) throw new CommandError('a loop cannot go inside itself');
  return {
    label: `Move ${from.step.label ?? TYPE_NAMES[from.step.type].toLowerCase()}`,
    recipe: (draft) => {
      const source = listIn(draft, from.parent);
      const [step] = source.splice(from.index, 1);
      const target = listIn(draft, parent);
      target.splice(clamp(index, target.length), 0, step!);
    },
  };
}

export function removeStep(doc: StrategyInput, id: string): Edit {
  const where = mustLocate(doc, id);
  return {
    label: `Remove ${where.step.label ?? TYPE_NAMES[where.step.type].toLowerCase()}`,
    recipe: (draft) => {
      listIn(draft, where.parent).splice(where.index, 1);
    },
  };
}

/** A copy right after the original, with fresh ids (a loop's body steps too). */
export function duplicateStep(doc: StrategyInput, id: string): Edit & { newId: string } {
  const where = mustLocate(doc, id);
  if (where.parent !== null) {
    const problem = placementProblem(doc, where.step.type, where.parent);
    if (problem) throw new CommandError(problem);
  }
  const copy = structuredClone(where.step) as StepInput;
  const taken: StrategyInput = { ...doc, steps: [...doc.steps] };
  copy.id = freshStepId(taken, where.step.id);
  taken.steps.push(copy);
  if (copy.type === 'loop') {
    copy.body = copy.body.map((s) => {
      const inner = { ...s, id: freshStepId(taken, s.id) };
      taken.steps.push(inner);
      return inner;
    });
  }
  return {
    newId: copy.id,
    label: `Duplicate ${where.step.label ?? TYPE_NAMES[where.step.type].toLowerCase()}`,
    recipe: (draft) => {
      listIn(draft, where.parent).splice(where.index + 1, 0, copy as Draft<StepInput>);
    },
  };
}

export function setDisabled(doc: StrategyInput, id: string, disabled: boolean): Edit {
  const where = mustLocate(doc, id);
  return {
    label: `${disabled ? 'Disable' : 'Enable'} ${where.step.label ?? TYPE_NAMES[where.step.type].toLowerCase()}`,
    recipe: (draft) => {
      const step = listIn(draft, where.parent)[where.index]!;
      if (disabled) step.disabled = true;
      else delete step.disabled;
    },
  };
}

/**
 * Sets (or, with `undefined`, removes) a field of a step, e.g. `['amount', 'value']`. Typing in one
 * field coalesces into one history entry.
 */
export function updateField(
  doc: StrategyInput,
  id: string,
  path: Path,
  value: unknown,
  label = `Edit ${path.join('.')}`,
): Edit {
  const where = mustLocate(doc, id);
  if (path[0] === 'id' || path[0] === 'type' || path[0] === 'body') {
    throw new CommandError(`"${String(path[0])}" is not edited as a field`);
  }
  return {
    label,
    key: `step:${id}:${path.join('.')}`,
    recipe: (draft) => {
      const step = listIn(draft, where.parent)[where.index]!;
      setAt(step as unknown as Record<string, unknown>, path, value);
    },
  };
}

// ------------------------------------------------------------------ strategy and markets

type StrategyField = 'name' | 'description' | 'horizonDays' | 'capital' | 'prices' | 'assets';

/** A top-level field of the strategy (name, horizon, capital, prices…), or a path inside it. */
export function setStrategyField(
  field: StrategyField,
  value: unknown,
  subPath: Path = [],
  label = `Edit ${field}`,
): Edit {
  const path = [field, ...subPath];
  return {
    label,
    key: `strategy:${path.join('.')}`,
    recipe: (draft) => setAt(draft as unknown as Record<string, unknown>, path, value),
  };
}

/** Adds the market, or replaces the one with the same id. */
export function setMarket(market: MarketInput, label = `Set market ${market.id}`): Edit {
  return {
    label,
    recipe: (draft) => {
      const index = draft.markets.findIndex((m) => m.id === market.id);
      if (index === -1) draft.markets.push(market as Draft<MarketInput>);
      else draft.markets[index] = market as Draft<MarketInput>;
    },
  };
}

export function removeMarket(id: string): Edit {
  return {
    label: `Remove market ${id}`,
    recipe: (draft) => {
      const index = draft.markets.findIndex((m) => m.id === id);
      if (index !== -1) draft.markets.splice(index, 1);
    },
  };
}

/** Edits one parameter of a market, e.g. `['assets', 'USDC', 'ltv']`. */
export function updateMarketField(
  doc: StrategyInput,
  marketId: string,
  path: Path,
  value: unknown,
  label = `Edit ${marketId} ${path.join('.')}`,
): Edit {
  if (!doc.markets.some((m) => m.id === marketId)) {
    throw new CommandError(`there is no market "${marketId}"`);
  }
  return {
    label,
    key: `market:${marketId}:${path.join('.')}`,
    recipe: (draft) => {
      const market = draft.markets.find((m) => m.id === marketId)!;
      setAt(market as unknown as Record<string, unknown>, path, value);
    },
  };
}

/**
 * Uses `market` for a step: copies it into the strategy if it is not there yet (a preset) and
 * points the step at it, as one history entry.
 */
export function chooseMarket(doc: StrategyInput, stepId: string, market: MarketInput): Edit {
  const where = mustLocate(doc, stepId);
  const present = doc.markets.some((m) => m.id === market.id);
  return {
    label: `Use market ${market.name ?? market.id}`,
    recipe: (draft) => {
      if (!present) draft.markets.push(market as Draft<MarketInput>);
      const step = listIn(draft, where.parent)[where.index]! as { market?: string };
      step.market = market.id;
    },
  };
}

/** The whole document at once (an edit in the JSON view, an import). */
export function replaceDocument(next: StrategyInput, label = 'Edit JSON', key?: string): Edit {
  return {
    label,
    ...(key !== undefined ? { key } : {}),
    recipe: () => next as Draft<StrategyInput>,
  };
}

/** Several edits as one history entry (e.g. add a step and select a market for it). */
export function combine(label: string, edits: Edit[]): Edit {
  return { label, recipe: (draft) => edits.forEach((e) => e.recipe(draft)) };
}

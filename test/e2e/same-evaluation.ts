import { expect } from 'vitest';
import type { Evaluation, ExampleStrategy } from '../../src-main/contract/index';
import type { AppPage } from './app-page';
import type { E2eApp } from './harness';

type Step = Record<string, unknown> & { id: string; body?: Step[] };

/** The built steps named as the example's, and every reference to a step (LP:id, reinvestInto) too. */
export function renamed(built: Step[], shipped: Step[]): Step[] {
  const ids = new Map<string, string>();
  const collect = (mine: Step[], theirs: Step[]): void => {
    expect(mine).toHaveLength(theirs.length);
    mine.forEach((step, i) => {
      ids.set(step.id, theirs[i]!.id);
      if (step.body && theirs[i]!.body) collect(step.body, theirs[i]!.body);
    });
  };
  collect(built, shipped);
  const rename = (value: unknown, key: string): unknown => {
    if (typeof value === 'string' && key !== 'type' && key !== 'mode') {
      if (ids.has(value)) return ids.get(value);
      if (value.startsWith('LP:') && ids.has(value.slice(3)))
        return `LP:${ids.get(value.slice(3))}`;
      return value;
    }
    if (Array.isArray(value)) return value.map((v) => rename(v, key));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v, k)]));
    }
    return value;
  };
  return built.map((step) => rename(step, '') as Step);
}

/**
 * The open draft, as stored after the autosave, evaluates exactly as the shipped example: the
 * whole `engine.evaluate` answer, once the builder's step ids are named as the example names them.
 * Returns the stored document too, for checks of what the forms wrote.
 */
export async function expectSameEvaluation(
  e2e: E2eApp,
  app: AppPage,
  example: ExampleStrategy,
): Promise<{ evaluation: Evaluation; document: Record<string, unknown> }> {
  await app.waitSaved();
  const id = await app.draftItem(example.name).getAttribute('data-draft-id');
  const built = (await e2e.call('drafts.open', { id: id! })).document;
  const shipped = (example.strategy as { steps: Step[] }).steps;
  const named = { ...built, steps: renamed(built['steps'] as Step[], shipped) };
  const mine = await e2e.call('engine.evaluate', { strategy: named });
  const theirs = await e2e.call('engine.evaluate', { strategy: example.strategy });
  expect(mine.errors).toEqual([]);
  expect(mine).toEqual(theirs);
  return { evaluation: mine, document: built };
}

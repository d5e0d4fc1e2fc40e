import type { z } from 'zod';
import type { EngineIssue } from '../position';
import { migrateStrategy } from './migrate';
import { checked, issueCode, toEngineIssue } from './parse';
import { StepId, Strategy } from './schema';

export type LenientParseResult =
  | {
      ok: true;
      /** The document without the steps that failed the schema. */
      strategy: Strategy;
      /** Schema issues of the skipped steps, each naming the step (id, else `steps.<i>`) and field. */
      stepErrors: EngineIssue[];
      /** The skipped steps: their id, else their path (`steps.3`, `steps.1.body.0`). */
      skippedSteps: string[];
    }
  | { ok: false; errors: EngineIssue[] };

/**
 * `parseStrategy` for live evaluation while the user types: when every schema issue lies inside
 * one entry of `steps` (or of a loop's `body`), those entries are dropped and the rest of the
 * document parses, so the figures of the remaining chain stay visible. Any other issue (format,
 * version, capital, prices, markets, top-level fields, the `steps` array itself) fails as in
 * `parseStrategy`. Only `evaluate` uses this; backtest, risk and services stay strict.
 */
export function parseStrategyLenient(input: unknown): LenientParseResult {
  const migrated = migrateStrategy(input);
  if (!migrated.ok) return migrated;
  const document = migrated.document;
  const first = Strategy.safeParse(document);
  if (first.success) return withChecks(first.data, [], []);

  const issues = first.error.issues;
  const strict = (): LenientParseResult => ({
    ok: false,
    errors: issues.map((issue) => toEngineIssue(issue, document)),
  });
  const locations = issues.map(locate);
  if (locations.some((l) => l === null)) return strict();

  // Only reached when the issues have step paths, so `steps` is an array of the raw document.
  const rawSteps = (document as { steps: unknown[] }).steps;
  const dropStep = new Set<number>();
  const dropBody = new Map<number, Set<number>>();
  for (const l of locations as StepLocation[]) {
    if (l.body === null) dropStep.add(l.step);
    else dropBody.set(l.step, (dropBody.get(l.step) ?? new Set()).add(l.body));
  }

  const skippedSteps: string[] = [];
  const keptSteps: unknown[] = [];
  rawSteps.forEach((raw, i) => {
    if (dropStep.has(i)) return void skippedSteps.push(stepLabel(raw, `steps.${i}`));
    const dropped = dropBody.get(i);
    if (!dropped) return void keptSteps.push(raw);
    const body = (raw as { body: unknown[] }).body;
    body.forEach((b, j) => {
      if (dropped.has(j)) skippedSteps.push(stepLabel(b, `steps.${i}.body.${j}`));
    });
    const keptBody = body.filter((_, j) => !dropped.has(j));
    // A loop left with nothing to repeat is skipped too (its body errors say why).
    if (keptBody.length === 0) return void skippedSteps.push(stepLabel(raw, `steps.${i}`));
    keptSteps.push({ ...(raw as object), body: keptBody });
  });

  const second = Strategy.safeParse({ ...(document as object), steps: keptSteps });
  if (!second.success) return strict(); // not expected: dropping entries cannot add issues
  const stepErrors = issues.map((issue, k) =>
    stepIssue(issue, locations[k] as StepLocation, document as { steps: unknown[] }),
  );
  return withChecks(second.data, stepErrors, skippedSteps);
}

/** Impossible market parameters or prices fail the whole document, as in `parseStrategy`. */
function withChecks(
  strategy: Strategy,
  stepErrors: EngineIssue[],
  skippedSteps: string[],
): LenientParseResult {
  const result = checked(strategy);
  if (!result.ok) return { ok: false, errors: [...result.errors, ...stepErrors] };
  return { ok: true, strategy, stepErrors, skippedSteps };
}

/** Where a schema issue lies: a top-level step, or a step of a loop body (`body` index). */
interface StepLocation {
  step: number;
  body: number | null;
  /** The path inside the located step ('' for the step itself). */
  field: string;
}

function locate(issue: z.core.$ZodIssue): StepLocation | null {
  const [root, step, key, body, ...rest] = issue.path;
  if (root !== 'steps' || typeof step !== 'number') return null;
  if (key === 'body' && typeof body === 'number') {
    return { step, body, field: rest.map(String).join('.') };
  }
  return { step, body: null, field: issue.path.slice(2).map(String).join('.') };
}

function stepIssue(
  issue: z.core.$ZodIssue,
  location: StepLocation,
  document: { steps: unknown[] },
): EngineIssue {
  const rawSteps = document.steps;
  const loop = rawSteps[location.step];
  const raw = location.body === null ? loop : (loop as { body: unknown[] }).body[location.body];
  const path =
    location.body === null
      ? `steps.${location.step}`
      : `steps.${location.step}.body.${location.body}`;
  // An unknown key is named by the key itself, not by the object holding it.
  const keys = issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '';
  const field = [location.field, keys].filter(Boolean).join('.');
  const code = issueCode(issue, document);
  const id = validStepId(raw);
  if (id) return { code, message: issue.message, stepId: id, field: field || 'type' };
  return { code, message: issue.message, field: [path, field].filter(Boolean).join('.') };
}

function validStepId(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as { id?: unknown }).id;
  return StepId.safeParse(id).success ? (id as string) : null;
}

function stepLabel(raw: unknown, path: string): string {
  return validStepId(raw) ?? path;
}

import type { z } from 'zod';
import type { EngineIssue } from '../position';
import { inputIssues } from './check-inputs';
import { migrateStrategy } from './migrate';
import { INPUT_LIMITS, Strategy } from './schema';

export type ParseResult = { ok: true; strategy: Strategy } | { ok: false; errors: EngineIssue[] };

/**
 * Reads a strategy document: migration to the current version, then the zod schema (defaults
 * applied). Schema problems become issues naming the step id and the field inside the step when
 * the problem is within `steps[i]` (e.g. stepId "borrow-1", field "amount.value"). A document of
 * the right shape whose market parameters or prices cannot be (check-inputs.ts) is refused too.
 */
export function parseStrategy(input: unknown): ParseResult {
  const migrated = migrateStrategy(input);
  if (!migrated.ok) return migrated;
  const parsed = Strategy.safeParse(migrated.document);
  if (parsed.success) return checked(parsed.data);
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => toEngineIssue(issue, migrated.document)),
  };
}

/** The parsed strategy, or its impossible market parameters and prices. */
export function checked(strategy: Strategy): ParseResult {
  const issues = inputIssues(strategy);
  return issues.length > 0 ? { ok: false, errors: issues } : { ok: true, strategy };
}

export function toEngineIssue(issue: z.core.$ZodIssue, document: unknown): EngineIssue {
  const path = issue.path.map(String);
  const code = issueCode(issue, document);
  if (path[0] === 'steps' && path.length >= 2) {
    const stepId = stepIdAt(document, Number(path[1]));
    const field = path.slice(2).join('.');
    return {
      code,
      message: issue.message,
      ...(stepId ? { stepId } : {}),
      field: stepId ? field || 'type' : path.join('.'),
    };
  }
  return { code, message: issue.message, field: path.join('.') };
}

/** The engine's short code for a zod issue on `document` (shared with parse-lenient.ts). */
export function issueCode(issue: z.core.$ZodIssue, document: unknown): string {
  // Bounds checks (schema.ts) name their own code.
  const own =
    issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
  if (typeof own === 'string') return own;
  if (issue.code === 'too_big' && issue.origin === 'string' && issue.message.includes('characters'))
    return issue.maximum === INPUT_LIMITS.decimalChars ? 'DECIMAL_TOO_LONG' : 'TEXT_TOO_LONG';
  if (issue.code === 'invalid_format' && issue.message.includes('decimal number'))
    return 'NOT_A_NUMBER';
  // zod 4 issues do not carry the input, so look the value up: absent is missing, else wrong type.
  if (issue.code === 'invalid_type' && valueAt(document, issue.path) === undefined)
    return 'FIELD_MISSING';
  if (issue.code === 'unrecognized_keys') return 'FIELD_UNKNOWN';
  return 'FIELD_INVALID';
}

function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  let value = document;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function stepIdAt(document: unknown, index: number): string | null {
  if (typeof document !== 'object' || document === null) return null;
  const steps = (document as { steps?: unknown }).steps;
  if (!Array.isArray(steps)) return null;
  const step: unknown = steps[index];
  if (typeof step !== 'object' || step === null) return null;
  const id = (step as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

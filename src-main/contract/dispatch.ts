import type { z } from 'zod';
import { ContractError, withoutAbsolutePaths, type ApiErrorShape, type Envelope } from './errors';
import { contract, isOpName, type OpName, type OpOutput, type OpParsedInput } from './index';

/** Per-call facts a handler may need; grows with later features (progress, cancellation). */
export interface HandlerContext {
  transport: 'ipc' | 'loopback';
}

export type Handler<K extends OpName> = (
  input: OpParsedInput<K>,
  ctx: HandlerContext,
) => OpOutput<K> | Promise<OpOutput<K>>;

/** The handler map: the type checker insists on exactly one handler per contract op. */
export type Handlers = { [K in OpName]: Handler<K> };

export interface DispatchOptions {
  /** Called with unexpected (non-ContractError) failures so they reach the log, not the UI. */
  onInternalError?: (op: string, error: unknown) => void;
}

/** zod issues flattened to what a UI or a test can read. */
export function validationDetails(
  error: z.ZodError,
): { path: string; message: string; code?: string }[] {
  return error.issues.map((issue) => {
    // Bounds checks name their own code (TEXT_HAS_NUL, DECIMAL_OUT_OF_RANGE, …).
    const own =
      issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
    return {
      path: issue.path.map(String).join('.'),
      message: issue.message,
      ...(typeof own === 'string' ? { code: own } : {}),
    };
  });
}

/** Every refusal leaves main without absolute paths (files cross only as tokens and names). */
function fail(error: ApiErrorShape): Envelope<never> {
  return { ok: false, error: { ...error, message: withoutAbsolutePaths(error.message) } };
}

/**
 * The single entry both transports call: checks the op name, validates the raw input with the
 * op's schema, runs the handler, and turns any failure into the one error shape.
 */
export async function dispatch(
  handlers: Handlers,
  op: unknown,
  rawInput: unknown,
  ctx: HandlerContext,
  options: DispatchOptions = {},
): Promise<Envelope<unknown>> {
  if (!isOpName(op)) {
    return fail({ code: 'UNKNOWN_OP', message: `unknown operation: ${String(op).slice(0, 80)}` });
  }
  try {
    // Inside the try: a schema's own refinement may throw on exotic input (a cyclic object).
    const parsed = contract[op].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const details = validationDetails(parsed.error);
      const first = details[0];
      const where = first && first.path ? `${first.path}: ` : '';
      return fail({
        code: 'VALIDATION',
        message: `invalid input for ${op}: ${where}${first?.message ?? 'rejected'}`,
        details,
      });
    }
    const handler = handlers[op] as (input: unknown, ctx: HandlerContext) => unknown;
    const data = await handler(parsed.data, ctx);
    return { ok: true, data: data as OpOutput<typeof op> };
  } catch (error) {
    if (error instanceof ContractError) return fail(error.toShape());
    options.onInternalError?.(op, error);
    return fail({ code: 'INTERNAL', message: `${op} failed unexpectedly; see the log file` });
  }
}

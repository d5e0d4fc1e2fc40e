import type { z } from 'zod';

/**
 * One operation of the contract: a zod schema for its input (checked in main on every call)
 * and a phantom output type (produced by our own handler, so typed rather than re-validated).
 */
export interface OpSpec<Input extends z.ZodType, Output> {
  readonly input: Input;
  /** Type-only marker; never set at run time. */
  readonly __output?: Output;
}

/**
 * `op<Output>()(inputSchema)`: the curried form lets the caller name the output type while the
 * input type is inferred from the schema.
 */
export const op =
  <Output>() =>
  <Input extends z.ZodType>(input: Input): OpSpec<Input, Output> => ({ input });

import { z } from 'zod';
import { CURRENT_VERSION, Strategy } from './schema';

/**
 * The JSON Schema of the strategy file, generated from the zod schema (the single source of
 * truth). `scripts/gen-schema.ts` writes it to resources/schemas/strategy.schema.json and a test
 * checks the committed file is current. `io: 'input'` describes the document as written, so
 * fields with defaults are optional.
 */
export function strategyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Strategy, { io: 'input', target: 'draft-2020-12' });
  return {
    $id: `https://yieldplanner.app/schemas/strategy.v${CURRENT_VERSION}.schema.json`,
    title: 'Yield Planner strategy',
    description:
      'A leveraged DeFi yield strategy: capital, prices, markets and an ordered chain of steps (docs/strategy-format.md).',
    ...schema,
  };
}

/** The file content: 2-space JSON with a trailing newline. */
export function strategyJsonSchemaText(): string {
  return `${JSON.stringify(strategyJsonSchema(), null, 2)}\n`;
}

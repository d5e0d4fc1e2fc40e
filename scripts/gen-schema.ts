/**
 * Writes resources/schemas/strategy.schema.json from the zod schema.
 * Run: npx tsx scripts/gen-schema.ts   (test/engine/json-schema.test.ts fails when it is stale)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strategyJsonSchemaText } from '../src-main/engine/format/json-schema';

const target = fileURLToPath(new URL('../resources/schemas/strategy.schema.json', import.meta.url));
writeFileSync(target, strategyJsonSchemaText());
console.log(`wrote ${target}`);

import { blankStrategy } from './blank';
import { STEP_TYPES, type StepType, type StrategyInput } from './types';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function stepProblem(step: unknown, where: string): string | null {
  if (!isRecord(step)) return `${where} must be an object ({ … })`;
  if (typeof step['id'] !== 'string') return `${where} needs an "id" written as text`;
  if (!STEP_TYPES.includes(step['type'] as StepType)) {
    return `${where} needs a "type": one of ${STEP_TYPES.join(', ')}`;
  }
  if (step['type'] === 'loop' && !Array.isArray(step['body'])) {
    return `${where} is a loop and needs a "body" list ([ … ])`;
  }
  return null;
}

/**
 * The builder can show any document whose lists are lists and whose steps have an id and a known
 * type; every other mistake is the engine's to report on the step. Returns the document, or what
 * keeps the builder from showing it. An empty object (drafts from before the builder) becomes a
 * blank strategy named after the draft.
 */
export function asBuilderDocument(value: unknown, draftName: string): StrategyInput | string {
  if (!isRecord(value)) return 'The document must be a JSON object ({ … }).';
  if (Object.keys(value).length === 0) return blankStrategy(draftName);
  for (const key of ['steps', 'markets', 'capital'] as const) {
    if (!Array.isArray(value[key])) return `"${key}" must be a list ([ … ]).`;
  }
  if (!isRecord(value['prices'])) return '"prices" must be an object ({ "ETH": "3000", … }).';
  const steps = value['steps'] as unknown[];
  for (let i = 0; i < steps.length; i++) {
    const problem = stepProblem(steps[i], `step ${i + 1}`);
    if (problem) return `${problem[0]!.toUpperCase()}${problem.slice(1)}.`;
    const step = steps[i] as Record<string, unknown>;
    if (step['type'] === 'loop') {
      const body = step['body'] as unknown[];
      for (let j = 0; j < body.length; j++) {
        const inner = stepProblem(body[j], `step ${j + 1} of loop "${String(step['id'])}"`);
        if (inner) return `${inner[0]!.toUpperCase()}${inner.slice(1)}.`;
      }
    }
  }
  const markets = value['markets'] as unknown[];
  if (markets.some((m) => !isRecord(m) || typeof m['id'] !== 'string')) {
    return 'Every market needs an "id" written as text.';
  }
  return value as unknown as StrategyInput;
}

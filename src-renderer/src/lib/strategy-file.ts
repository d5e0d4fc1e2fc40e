import { parseJson } from './json-text';

/** A strategy read from a file the user picked or dropped, ready for `drafts.create`. */
export interface ImportedStrategy {
  name: string | undefined;
  notes: string | undefined;
  document: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Reads a strategy file: a strategy document (`"format": "yieldplan.strategy"`), or a draft
 * exported by earlier versions (`{ name, notes, document }`). Refused with a sentence saying why.
 */
export async function readStrategyFile(file: File): Promise<ImportedStrategy | string> {
  if (file.size > MAX_BYTES)
    return `${file.name} is larger than 2 MiB; a strategy file is far smaller.`;
  const parsed = parseJson(await file.text());
  if (!parsed.ok) {
    const p = parsed.problem;
    return `${file.name} is not valid JSON: line ${p.line}, column ${p.column}: ${p.message}.`;
  }
  const value = parsed.value;
  if (isRecord(value) && value['format'] === 'yieldplan.strategy') {
    return {
      name: typeof value['name'] === 'string' && value['name'].trim() ? value['name'] : undefined,
      notes: typeof value['description'] === 'string' ? value['description'] : undefined,
      document: value,
    };
  }
  if (isRecord(value) && isRecord(value['document'])) {
    return {
      name: typeof value['name'] === 'string' && value['name'].trim() ? value['name'] : undefined,
      notes: typeof value['notes'] === 'string' ? value['notes'] : undefined,
      document: value['document'],
    };
  }
  return `${file.name} is not a strategy file: it has no "format": "yieldplan.strategy".`;
}

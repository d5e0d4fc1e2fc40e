import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExampleStrategy } from '../contract/engine';
import { defaultResourcesRoot } from './seed';

/**
 * Read-only content shipped in resources/: worked example strategies and market presets.
 * Read once per process (they never change at run time).
 */
export function createLibrary(resourcesRoot = defaultResourcesRoot()) {
  let examples: ExampleStrategy[] | undefined;
  let presets: unknown;
  return {
    examples(): ExampleStrategy[] {
      const catalog = readCatalog(resourcesRoot);
      const rank = (id: string) => {
        const at = catalog.findIndex((entry) => entry.id === id);
        return at < 0 ? catalog.length : at;
      };
      examples ??= readdirSync(join(resourcesRoot, 'examples'))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .sort((a, b) => rank(a.replace(/\.json$/, '')) - rank(b.replace(/\.json$/, '')))
        .map((file) => {
          const strategy = JSON.parse(
            readFileSync(join(resourcesRoot, 'examples', file), 'utf8'),
          ) as Record<string, unknown>;
          const id = file.replace(/\.json$/, '');
          return {
            id,
            name: typeof strategy['name'] === 'string' ? strategy['name'] : file,
            description: typeof strategy['description'] === 'string' ? strategy['description'] : '',
            teaches: catalog.find((entry) => entry.id === id)?.teaches ?? '',
            strategy,
          };
        });
      return examples;
    },
    presets(): unknown {
      presets ??= mergedPresets(resourcesRoot);
      return presets;
    },
  };
}

/** markets.json with the lending-design presets (lending-designs.json) appended to its `markets`. */
function mergedPresets(resourcesRoot: string): unknown {
  const read = (file: string) =>
    JSON.parse(readFileSync(join(resourcesRoot, 'presets', file), 'utf8')) as {
      markets?: unknown[];
    };
  const catalog = read('markets.json');
  const designs = read('lending-designs.json');
  return { ...catalog, markets: [...(catalog.markets ?? []), ...(designs.markets ?? [])] };
}

export type Library = ReturnType<typeof createLibrary>;

/** resources/example-catalog.json: the order of the examples and what each teaches. */
const CATALOG = 'example-catalog.json';

function readCatalog(resourcesRoot: string): { id: string; teaches: string }[] {
  try {
    const parsed = JSON.parse(readFileSync(join(resourcesRoot, CATALOG), 'utf8')) as {
      examples?: unknown;
    };
    if (!Array.isArray(parsed.examples)) return [];
    return parsed.examples.flatMap((e: unknown) => {
      const entry = e as { id?: unknown; teaches?: unknown };
      return typeof entry.id === 'string' && typeof entry.teaches === 'string'
        ? [{ id: entry.id, teaches: entry.teaches }]
        : [];
    });
  } catch {
    return []; // no catalog: name order, no teaching line
  }
}

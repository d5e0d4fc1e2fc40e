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
      examples ??= readdirSync(join(resourcesRoot, 'examples'))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((file) => {
          const strategy = JSON.parse(
            readFileSync(join(resourcesRoot, 'examples', file), 'utf8'),
          ) as Record<string, unknown>;
          return {
            id: file.replace(/\.json$/, ''),
            name: typeof strategy['name'] === 'string' ? strategy['name'] : file,
            description: typeof strategy['description'] === 'string' ? strategy['description'] : '',
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

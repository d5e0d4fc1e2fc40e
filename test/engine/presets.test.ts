import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inputIssues } from '../../src-main/engine/format/check-inputs';
import { AssetInfo, Market } from '../../src-main/engine/format/schema';

const file = fileURLToPath(new URL('../../resources/presets/markets.json', import.meta.url));
const catalog = JSON.parse(readFileSync(file, 'utf8')) as {
  markets: Array<{ market: unknown; sources: object; read: string; unverified: string[] }>;
  assets: Array<{
    symbol: string;
    info: unknown;
    sources: object;
    read: string;
    unverified: string[];
  }>;
};

describe('market preset catalog', () => {
  it('every market preset is a valid market the engine accepts, with sources and the date read', () => {
    for (const entry of catalog.markets) {
      const market = Market.parse(entry.market);
      expect(inputIssues({ markets: [market], prices: {} })).toEqual([]);
      expect(Object.keys(entry.sources).length).toBeGreaterThan(0);
      expect(entry.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Array.isArray(entry.unverified)).toBe(true);
    }
    const ids = catalog.markets.map((e) => (e.market as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'aave-v3-ethereum',
      'aave-v3-ethereum-eth-emode',
      'uniswap-v3-arbitrum',
      'hyperliquid',
      'dydx-v4',
    ])
      expect(ids).toContain(id);
  });

  it('asset presets (Lido) are valid asset facts', () => {
    for (const entry of catalog.assets) {
      expect(() => AssetInfo.parse(entry.info)).not.toThrow();
      expect(entry.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(catalog.assets.map((a) => a.symbol)).toEqual(['STETH', 'WSTETH']);
  });
});

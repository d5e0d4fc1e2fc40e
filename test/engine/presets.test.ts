import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src-main/engine/evaluate';
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

describe('Aave v3 Arbitrum and Base presets', () => {
  const entry = (id: string) =>
    catalog.markets.find((e) => (e.market as { id: string }).id === id)!;
  const doc = (market: unknown, capital: string, steps: unknown[]) => ({
    format: 'yieldplan.strategy',
    version: 1,
    name: 'preset',
    horizonDays: 30,
    capital: [{ asset: capital, amount: capital === 'ARB' ? '100000' : '10' }],
    prices: { WETH: '3000', WSTETH: '3600', USDC: '1', USDT: '1', ARB: '0.5', CBETH: '3300' },
    markets: [market],
    steps,
  });
  const supply = (market: string, asset: string) => ({
    id: 's',
    type: 'supply',
    market,
    asset,
    amount: 'all',
  });
  const borrow = (market: string, asset: string, value: string) => ({
    id: 'b',
    type: 'borrow',
    market,
    asset,
    amount: { mode: 'amount', value },
  });

  it('are listed with their sources, read date and what is unverified', () => {
    for (const id of ['aave-v3-arbitrum', 'aave-v3-base']) {
      const e = entry(id);
      expect(e.read).toBe('2026-12-01');
      expect(e.unverified.length).toBeGreaterThan(0);
      expect(Object.keys(e.sources)).toContain('WETH');
    }
  });

  it('Arbitrum WETH: HF = 10 · 3000 · 0.85 / 15,000 = 1.7 (LT 85 %, 2023-10-31 snapshot)', () => {
    const m = entry('aave-v3-arbitrum').market as { id: string };
    const r = evaluate(
      doc(m, 'WETH', [supply(m.id, 'WETH'), borrow(m.id, 'USDC', '15000')]) as never,
    );
    expect(r.errors).toEqual([]);
    expect(r.healthFactor.overall).toBe('1.7');
  });

  it('Arbitrum ARB is isolated: USDC within the 14M USD ceiling, WETH refused', () => {
    const m = entry('aave-v3-arbitrum').market as { id: string };
    // 100,000 ARB at 0.5 = 50,000 USD, LTV 58 %: 20,000 USDC is within borrow power and the ceiling
    const ok = evaluate(
      doc(m, 'ARB', [supply(m.id, 'ARB'), borrow(m.id, 'USDC', '20000')]) as never,
    );
    expect(ok.errors).toEqual([]);
    const weth = evaluate(doc(m, 'ARB', [supply(m.id, 'ARB'), borrow(m.id, 'WETH', '1')]) as never);
    expect(weth.errors.map((e) => e.code)).toEqual(['ASSET_NOT_BORROWABLE_IN_ISOLATION']);
  });

  it('Base WETH: HF = 10 · 3000 · 0.84 / 15,000 = 1.68', () => {
    const m = entry('aave-v3-base').market as { id: string };
    const r = evaluate(
      doc(m, 'WETH', [supply(m.id, 'WETH'), borrow(m.id, 'USDC', '15000')]) as never,
    );
    expect(r.errors).toEqual([]);
    expect(r.healthFactor.overall).toBe('1.68');
  });
});

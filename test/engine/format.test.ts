import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { strategyJsonSchema } from '../../src-main/engine/format/json-schema';
import { migrateStrategy } from '../../src-main/engine/format/migrate';
import { parseStrategy } from '../../src-main/engine/format/parse';
import { priceMapFromStrategy, oraclePrice, pegsFromStrategy } from '../../src-main/engine/prices';
import { strategy } from './helpers';

describe('strategy file format', () => {
  it('the committed JSON Schema equals the one generated from the zod schema (run scripts/gen-schema.ts)', () => {
    const path = fileURLToPath(
      new URL('../../resources/schemas/strategy.schema.json', import.meta.url),
    );
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(strategyJsonSchema());
  });

  it('applies defaults: supply collateral true, close factor 0.5, full liquidation below HF 0.95', () => {
    const parsed = parseStrategy(
      strategy({
        steps: [{ id: 's', type: 'supply', market: 'lend', asset: 'WETH', amount: 'all' }],
      }),
    );
    if (!parsed.ok) throw new Error('parse failed');
    expect(parsed.strategy.steps[0]).toMatchObject({ collateral: true });
    expect(parsed.strategy.markets[0]).toMatchObject({
      closeFactor: '0.5',
      fullLiquidationHealthFactor: '0.95',
    });
  });

  it('the migration hook accepts the current version and rejects future ones', () => {
    const current = migrateStrategy(strategy({ steps: [] }));
    expect(current).toMatchObject({ ok: true, migratedFrom: null });
    expect(migrateStrategy({ format: 'yieldplan.strategy', version: 3 })).toMatchObject({
      ok: false,
      errors: [{ code: 'VERSION_UNSUPPORTED', field: 'version' }],
    });
    expect(migrateStrategy([])).toMatchObject({ ok: false, errors: [{ code: 'NOT_A_STRATEGY' }] });
  });
});

describe('prices and oracles', () => {
  const doc = {
    prices: { ETH: '3000', STETH: '2990' },
    assets: {
      WSTETH: {
        kind: 'liquid-staking' as const,
        peg: { asset: 'STETH', kind: 'exchange-rate' as const, exchangeRate: '1.2' },
      },
    },
  };

  it('derives pegged prices (WETH from ETH, wstETH from the stETH market price × rate) and USD = 1', () => {
    const prices = priceMapFromStrategy(doc);
    expect(prices.get('WETH')?.toFixed()).toBe('3000');
    expect(prices.get('WSTETH')?.toFixed()).toBe('3588'); // 2990 · 1.2
    expect(prices.get('USD')?.toFixed()).toBe('1');
    expect(prices.get('USDC')?.toFixed()).toBe('1'); // catalog: USDC pegged one-to-one to USD
  });

  it('an exchange-rate oracle prices wstETH at ETH × rate, ignoring the stETH market depeg', () => {
    const marketPrices = priceMapFromStrategy(doc);
    const pegs = pegsFromStrategy(doc);
    const market = { assets: { WSTETH: { oracle: 'exchange-rate' } }, id: 'x' } as never;
    expect(oraclePrice({ asset: 'WSTETH', market, marketPrices, pegs })?.toFixed()).toBe('3600');
    const marketMode = { assets: { WSTETH: { oracle: 'market' } } } as never;
    expect(
      oraclePrice({ asset: 'WSTETH', market: marketMode, marketPrices, pegs })?.toFixed(),
    ).toBe('3588');
    expect(oraclePrice({ asset: 'NOPE', market: marketMode, marketPrices, pegs })).toBeNull();
  });
});

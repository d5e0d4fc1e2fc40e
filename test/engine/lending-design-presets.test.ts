import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src-main/engine/evaluate';
import { inputIssues } from '../../src-main/engine/format/check-inputs';
import { LendingMarket, type StrategyInput } from '../../src-main/engine/format/schema';
import { borrowableAssetOf, designOf } from '../../src-main/engine/lending/design';
import { effectiveCollateralParams } from '../../src-main/engine/lending/effective-params';
import { createLibrary } from '../../src-main/services/library';
import { D, expectClose } from './helpers';

const file = fileURLToPath(
  new URL('../../resources/presets/lending-designs.json', import.meta.url),
);
const catalog = JSON.parse(readFileSync(file, 'utf8')) as {
  markets: Array<{ market: unknown; sources: object; read: string; unverified: string[] }>;
};

describe('lending-design presets (Compound v3, Maker, Spark, Morpho Blue)', () => {
  it('each is a valid lending market with a design, its sources, the date read and what is unverified', () => {
    const ids = catalog.markets.map((e) => {
      const market = LendingMarket.parse(e.market);
      expect(inputIssues({ markets: [market], prices: {} })).toEqual([]);
      return market.id;
    });
    expect(ids).toEqual([
      'compound-v3-usdc-ethereum',
      'compound-v3-usdc-arbitrum',
      'maker-eth-a',
      'maker-wsteth-a',
      'spark-ethereum',
      'morpho-blue-wsteth-weth-945',
      'morpho-blue-wsteth-usdc-86',
    ]);
    for (const entry of catalog.markets) {
      expect(Object.keys(entry.sources).length).toBeGreaterThan(0);
      expect(entry.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.unverified.length).toBeGreaterThan(0);
    }
  });

  it('the library serves them after the markets.json catalog', () => {
    const presets = createLibrary(
      fileURLToPath(new URL('../../resources/', import.meta.url)),
    ).presets() as {
      markets: Array<{ market: { id: string } }>;
    };
    const ids = presets.markets.map((m) => m.market.id);
    expect(ids).toContain('aave-v3-ethereum');
    expect(ids).toContain('maker-eth-a');
    expect(ids.indexOf('maker-eth-a')).toBeGreaterThan(ids.indexOf('aave-v3-ethereum'));
  });

  it('a loan on each preset evaluates: HF = collateral × price × LT / debt, LT from the design', () => {
    for (const entry of catalog.markets) {
      const market = LendingMarket.parse(entry.market);
      const design = designOf(market);
      const debtAsset = borrowableAssetOf(design) ?? 'DAI';
      const collateral = Object.keys(market.assets).find((a) =>
        effectiveCollateralParams({ market, asset: a }).liquidationThreshold.greaterThan(0),
      )!;
      const collateralPrice = '2000';
      const debtPrice = debtAsset === 'WETH' ? '1800' : '1';
      const debtUnits = debtAsset === 'WETH' ? '5' : '8000';
      const input: StrategyInput = {
        format: 'yieldplan.strategy',
        version: 2,
        name: market.id,
        horizonDays: 30,
        capital: [{ asset: collateral, amount: '10' }],
        prices: { [collateral]: collateralPrice, [debtAsset]: debtPrice },
        assets: {
          [collateral]: { kind: 'volatile' },
          [debtAsset]: { kind: debtAsset === 'WETH' ? 'volatile' : 'stable' },
        },
        markets: [
          {
            ...(entry.market as object),
            assets: Object.fromEntries(
              Object.entries(market.assets).map(([a, p]) => [a, { ...p, oracle: 'market' }]),
            ),
          } as StrategyInput['markets'][number],
        ],
        steps: [
          { id: 's', type: 'supply', market: market.id, asset: collateral, amount: 'all' },
          {
            id: 'b',
            type: 'borrow',
            market: market.id,
            asset: debtAsset,
            amount: { mode: 'amount', value: debtUnits },
          },
        ],
      };
      const r = evaluate(input);
      expect(r.errors, market.id).toEqual([]);
      const lt = effectiveCollateralParams({ market, asset: collateral }).liquidationThreshold;
      const expected = D(10).times(collateralPrice).times(lt).div(D(debtUnits).times(debtPrice));
      expectClose(r.healthFactor.overall, expected, '1e-25');
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  liquidationLoss,
  liquidationState,
  stressHealth,
} from '../../src-renderer/src/lib/stress-format';

const point = (p: {
  healthFactor: number | null;
  liquidated: boolean;
  liquidationLossUsd?: number;
}) => ({
  values: [1],
  healthFactorByMarket: {},
  equityUsd: 100_000,
  equityChangeUsd: 0,
  liquidatedMarkets: p.liquidated ? ['m'] : [],
  liquidationLossUsd: 0,
  ...p,
});

describe('the health-factor cell of a stress point', () => {
  it('a liquidated perp (no lending health factor) is "Liquidated", never "∞"', () => {
    const h = stressHealth(
      point({ healthFactor: null, liquidated: true, liquidationLossUsd: 19_950 }),
    );
    expect(h).toMatchObject({ text: 'Liquidated', short: 'Liq.', band: 'liquidated' });
    expect(h.description).toBe('liquidated, lost $19,950.00 to the liquidation');
  });

  it('"∞" only with no debt and nothing liquidated', () => {
    expect(stressHealth(point({ healthFactor: null, liquidated: false }))).toMatchObject({
      text: '∞',
      band: 'none',
      description: 'no debt, nothing to liquidate',
    });
  });

  it('a lending health factor stays a number, the one at the shock', () => {
    const h = stressHealth(
      point({ healthFactor: 0.9718, liquidated: true, liquidationLossUsd: 389.0625 }),
    );
    expect(h).toMatchObject({ text: '0.972', short: '0.97', band: 'liquidated' });
    expect(h.description).toBe('health factor 0.972, liquidated, lost $389.06 to the liquidation');
    expect(stressHealth(point({ healthFactor: 1.3, liquidated: false })).band).toBe('safe');
  });

  it('the loss, compact, only where something was liquidated', () => {
    expect(
      liquidationLoss(point({ healthFactor: null, liquidated: true, liquidationLossUsd: 19_950 })),
    ).toBe('lost $20.0K');
    expect(liquidationLoss(point({ healthFactor: 1.3, liquidated: false }))).toBe('');
  });
});

describe('the liquidation column of a stress row', () => {
  it('a perp row says only what it lost (its health cell says "Liquidated")', () => {
    expect(
      liquidationState(point({ healthFactor: null, liquidated: true, liquidationLossUsd: 19_950 })),
    ).toBe('lost $20.0K');
  });

  it('a liquidated lending row says "Liquidated" and the penalty; a calm row nothing', () => {
    expect(
      liquidationState(point({ healthFactor: 0.9718, liquidated: true, liquidationLossUsd: 389 })),
    ).toBe('Liquidated, lost $389');
    // a perp the move left underwater: nothing lost to the liquidation itself
    const underwater = point({ healthFactor: null, liquidated: true });
    expect(liquidationState(underwater)).toBe('margin gone');
    expect(stressHealth(underwater).text).toBe('Liquidated');
    expect(stressHealth(underwater).description).toBe(
      'liquidated, its margin already taken by the move',
    );
    expect(liquidationState(point({ healthFactor: 1.3, liquidated: false }))).toBe('');
  });
});
